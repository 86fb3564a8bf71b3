"""The PDF kit: styles, tables, numbered pages, and charts drawn from core.charts."""

import io
import re

from pypdf import PdfReader
from reportlab.graphics.shapes import String
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.platypus import Paragraph

from prima.core import charts, pdf


def _text(data: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def test_styles_are_built_from_one_size():
    styles = pdf.styles(size=10, cell_size=8, title_align="center")

    assert set(styles) >= {"title", "subtitle", "h2", "body", "small", "muted", "cell",
                           "cell_bold", "head", "center", "cell_right", "head_right"}
    sizes = (styles["body"].fontSize, styles["title"].fontSize, styles["h2"].fontSize)
    assert sizes == (10, 15, 12)
    assert styles["cell"].fontSize == 8 and styles["head"].fontName == pdf.fonts()[1]
    assert styles["title"].alignment == TA_CENTER
    assert styles["cell_right"].alignment == TA_RIGHT
    assert pdf.styles()["title"].alignment != TA_CENTER
    assert pdf.styles(cell_size=8, head_size=7)["head_right"].fontSize == 7


def test_table_wraps_text_aligns_numbers_right_and_repeats_the_header():
    styles = pdf.styles()
    table = pdf.table([["Uraian", "Jumlah"], ["<b>tebal?</b>\nbaris dua", "12"]],
                      styles=styles, widths=[300, 100], numeric=[1])

    header, row = table._cellvalues
    assert all(isinstance(cell, Paragraph) for cell in (*header, *row))
    assert row[0].text == "&lt;b&gt;tebal?&lt;/b&gt;<br/>baris dua"  # escaped, lines kept
    assert header[1].style.alignment == TA_RIGHT and row[1].style.alignment == TA_RIGHT
    assert row[0].style.name == "cell" and header[0].style.name == "head"
    assert table.repeatRows == 1


def test_fit_widths_never_breaks_a_word_and_keeps_the_total():
    styles = pdf.styles(size=8, cell_size=7.5)
    rows = [["No", "Tahunan", "Uraian panjang sekali"], ["1", "100", "teks"]]

    widths = pdf.fit_widths(rows, [20, 20, 200], styles=styles)

    needed = pdf._longest_word("Tahunan", styles["head"]) + 9
    assert widths[1] >= needed > 20
    assert round(sum(widths), 6) == 240
    squeezed = pdf.fit_widths(rows, [5, 5, 5], styles=styles)  # cannot fit: shared by need
    assert round(sum(squeezed), 6) == 15 and squeezed[1] > squeezed[0]  # "Tahunan" > "No"


def test_build_numbers_every_page_and_stamps_the_time(settings):
    styles = pdf.styles()
    story = [pdf.table([["Baris"]] + [[f"baris {n}"] for n in range(120)], styles=styles)]

    data = pdf.build(story, title="Uji", footer="Laporan uji", page=pdf.LANDSCAPE)

    pages = _text(data)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in text
        assert "Laporan uji · Dibuat oleh Prima pada" in text
        assert "Baris" in text  # the header row repeats on every page
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title == "Uji"
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height


def test_build_without_stamp_keeps_page_numbers():
    data = pdf.build([pdf.paragraph("Isi", pdf.styles()["body"])], title="Surat",
                     footer="Nomor 1", header="KPU Kabupaten Jepara", stamp=False)

    (text,) = _text(data)
    assert "Nomor 1" in text and "Halaman 1 dari 1" in text and "Dibuat oleh" not in text
    assert "KPU Kabupaten Jepara" in text


def test_chart_drawing_draws_the_chart_shapes_in_the_pdf_font():
    chart = charts.bar_chart("Hasil", [("Diberikan", 3), ("Ditolak", 1)], width=400,
                             font_size=8)

    drawing = pdf.chart_drawing(chart)

    strings = [s for s in drawing.getContents()[0].getContents() if isinstance(s, String)]
    assert [s.text for s in strings] == ["Diberikan", "3", "Ditolak", "1"]
    assert {s.fontSize for s in strings} == {8}
    assert (drawing.width, drawing.height) == (400, chart.height)
    half = pdf.chart_drawing(chart, width=200)
    assert (half.width, half.height) == (200, chart.height / 2)


def test_chart_in_a_document_keeps_its_text():
    chart = charts.line_chart("Tren", ["TW I", "TW II"], [("Capaian", [10, 20])],
                              width=300, font_size=8)

    (text,) = _text(pdf.build([pdf.chart_drawing(chart)], title="x"))

    assert "TW I" in text and "TW II" in text and "20" in text
