"""Charts: accessible SVG, readable on a phone, the same palette everywhere."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

from prima.core import charts

SVG = "{http://www.w3.org/2000/svg}"
PHONE_CONTAINER = 358  # a 390 px phone less the page's 16 px padding on each side
LONG = "Penataan Sistem Manajemen Sumber Daya Manusia Aparatur Sipil Negara di KPU Kabupaten"


def _tree(chart) -> ET.Element:
    return ET.fromstring(str(chart))  # noqa: S314 - our own output, not untrusted input


def _css_max_width() -> float:
    """The charts' max-width in prima.css (a style attribute would break the CSP)."""
    css = (Path(__file__).parents[2] / "static" / "prima" / "prima.css").read_text()
    return float(re.search(r"svg\.chart \{[^}]*max-width: (\d+)px", css).group(1))


def test_chart_width_is_capped_by_the_stylesheet_not_a_style_attribute():
    root = _tree(charts.bar_chart("t", [("A", 1)]))
    assert root.get("style") is None
    assert _css_max_width() == charts.MAX_CSS_WIDTH


def rendered_font_sizes(chart, container: float = PHONE_CONTAINER) -> list[float]:
    """The CSS pixel size of every text of the SVG when it fills ``container`` px."""
    root = _tree(chart)
    view_width = float(root.get("viewBox").split()[2])
    max_width = _css_max_width()
    scale = min(container, max_width) / view_width
    default = float(root.get("font-size"))
    return [float(text.get("font-size", default)) * scale for text in root.iter(f"{SVG}text")]


def _contrast(hex_colour: str, against: str = "#ffffff") -> float:
    def luminance(value: str) -> float:
        channels = [int(value[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(hex_colour), luminance(against)), reverse=True)
    return (high + 0.05) / (low + 0.05)


MONTHS = [(m, n) for m, n in zip("Jan Feb Mar Apr Mei Jun Jul Agu Sep Okt Nov Des".split(),
                                 [3, 2, 1, 11, 0, 5, 7, 12, 0, 4, 3, 128], strict=True)]
CHARTS = {
    "bars-short-labels": lambda: charts.bar_chart("Per tahun", [("2024", 3), ("2025", 12)]),
    "bars-long-labels": lambda: charts.bar_chart(
        "Hasil", [(LONG, 1234567), ("Ditolak (informasi dikecualikan)", 2)]),
    "bars-percent-marker": lambda: charts.bar_chart(
        "Capaian", [("1. Manajemen Perubahan", Decimal("0.9"), "green")], maximum=1,
        marker=Decimal("0.5"), fmt=lambda v: f"{v * 100:.0f}%"),
    "columns": lambda: charts.column_chart("Per bulan", MONTHS),
    "columns-too-wide": lambda: charts.column_chart("Per bulan", [(m, 12345) for m, _ in MONTHS]),
    "line": lambda: charts.line_chart("Tren", [str(y) for y in range(2000, 2060)],
                                      [("Jumlah", list(range(60)))]),
    "lines": lambda: charts.line_chart("Tren", ["TW I", "TW II", "TW III", "TW IV"],
                                       [("Capaian", [1, 2, None, 4]), (LONG, [2, 3, 4, 5])]),
    "heat-map": lambda: charts.heat_map(
        "Peta panas", [f"Area {n}" for n in range(1, 9)],
        [("KPU Kabupaten Jepara", [Decimal("0.95")] * 8), (LONG, [None] * 8)],
        thresholds=[0.25, 0.5, 0.75, 0.9], legend=["a", "b", "c", "d", "e", "belum ada data"]),
    "empty": lambda: charts.bar_chart("Kosong", []),
}


@pytest.mark.parametrize("make", CHARTS.values(), ids=CHARTS.keys())
def test_text_is_at_least_12_css_px_on_a_390_px_phone(make):
    sizes = rendered_font_sizes(make())

    assert sizes and min(sizes) >= 12


@pytest.mark.parametrize("make", CHARTS.values(), ids=CHARTS.keys())
def test_every_chart_is_an_accessible_image_with_text_inside_its_viewbox(make):
    chart = make()
    root = _tree(chart)

    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text and desc.text
    assert "<script" not in str(chart) and "http" not in str(chart).replace(
        "http://www.w3.org/2000/svg", "")
    view_width = float(root.get("viewBox").split()[2])
    for shape in chart.shapes:
        if isinstance(shape, charts.Text):
            width = charts.text_width(shape.text, chart.font_size, shape.bold)
            start = {"start": shape.x, "middle": shape.x - width / 2,
                     "end": shape.x - width}[shape.anchor]
            assert -0.5 <= start and start + width <= view_width + 0.5, shape.text


def test_bars_show_values_and_describe_every_figure():
    chart = charts.bar_chart("Hasil", [("Diberikan", 1234), ("Ditolak", 2)])
    texts = [t.text for t in _tree(chart).iter(f"{SVG}text")]

    assert texts == ["Diberikan", "1.234", "Ditolak", "2"]
    assert chart.description == "Diberikan: 1.234; Ditolak: 2"


def test_a_long_label_stands_above_its_bar_cut_with_its_full_text_kept():
    chart = charts.bar_chart("Hasil", [(LONG, 5)])
    label = next(s for s in chart.shapes if isinstance(s, charts.Text))
    bar = next(s for s in chart.shapes if isinstance(s, charts.Rect))

    assert label.text.endswith("…") and label.title == LONG
    assert label.anchor == "start" and label.y < bar.y  # on its own line, above the bar
    assert f"<title>{LONG}</title>" in str(chart)


def test_bars_escape_labels():
    svg = str(charts.bar_chart("<b>", [("<script>alert(1)</script>", 1)]))

    assert "<script>" not in svg and "&lt;script&gt;" in svg and "<title id" in svg


def test_bar_lengths_follow_values_with_a_maximum_and_a_marker():
    chart = charts.bar_chart("x", [("a", Decimal("0.5"), "green"), ("b", Decimal("1.5")),
                                   ("c", None), ("d", -3)], maximum=1, marker=Decimal("0.25"))
    rects = [s for s in chart.shapes if isinstance(s, charts.Rect)]
    tracks, bars = rects[0::2], rects[1::2]
    full = tracks[0].width

    assert [round(b.width / full, 3) for b in bars] == [0.5, 1, 0, 0]  # capped, none, negative
    assert bars[0].fill == charts.PALETTE["green"] and bars[1].fill == charts.PALETTE["blue"]
    markers = [s for s in chart.shapes if isinstance(s, charts.Line)]
    assert len(markers) == 4 and {m.x1 for m in markers} == {tracks[0].x + full / 4}


def test_columns_fall_back_to_bars_when_values_do_not_fit_side_by_side():
    narrow = charts.column_chart("x", MONTHS)
    wide = charts.column_chart("x", [(m, 12345) for m, _ in MONTHS])

    def anchors(chart):
        return {s.anchor for s in chart.shapes if isinstance(s, charts.Text)}

    assert anchors(narrow) == {"middle"}
    assert "middle" not in anchors(wide)


def test_line_chart_breaks_at_missing_values_and_tells_series_apart():
    chart = charts.line_chart("x", ["a", "b", "c", "d"],
                              [("Satu", [1, 2, None, 4]), ("Dua", [1, 1, 1, 1])])
    lines = [s for s in chart.shapes if isinstance(s, charts.Polyline)]
    markers = [s for s in chart.shapes if isinstance(s, charts.Marker)]

    assert [len(line.points) for line in lines] == [2, 4]
    assert lines[0].stroke != lines[1].stroke and lines[0].dash != lines[1].dash
    assert {m.shape for m in markers} == {"circle", "square"}
    assert "<polyline" in str(chart)
    assert chart.description == "Satu (a: 1, b: 2, c: –, d: 4); Dua (a: 1, b: 1, c: 1, d: 1)"


def test_line_chart_labels_only_as_many_categories_as_fit():
    chart = charts.line_chart("x", [f"Kategori {n}" for n in range(40)], [("y", range(40))])
    labels = [s for s in chart.shapes if isinstance(s, charts.Text) and s.anchor == "middle"
              and s.text.startswith("Kategori")]

    assert 2 <= len(labels) < 10
    positions = sorted(s.x for s in labels)
    widths = max(charts.text_width(s.text) for s in labels)
    assert all(b - a >= widths for a, b in zip(positions, positions[1:], strict=False))


@pytest.mark.parametrize(("low", "high", "expected"), [
    (0, 220, [0, 50, 100, 150, 200, 250]), (0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
    (-3, 7, [-4, -2, 0, 2, 4, 6, 8]), (5, 5, [0, 1, 2, 3, 4, 5]),
    (0, 0, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
], ids=["counts", "fractions", "negative", "flat", "zero"])
def test_nice_ticks(low, high, expected):
    assert charts.nice_ticks(low, high) == pytest.approx(expected)


def test_heat_map_bands_and_text_colours():
    chart = charts.heat_map("x", ["A", "B", "C"], [("Jepara", [0.1, 0.6, None])],
                            thresholds=[0.25, 0.5, 0.75, 0.9])
    cells = [s for s in chart.shapes if isinstance(s, charts.Rect)]
    values = {s.text: s.fill for s in chart.shapes if isinstance(s, charts.Text)}

    assert [c.fill for c in cells] == [charts.HEAT_BANDS[0][0], charts.HEAT_BANDS[2][0],
                                       charts.HEAT_NONE[0]]
    assert values["0,10"] == charts.HEAT_BANDS[0][1] and values["–"] == charts.HEAT_NONE[1]
    assert [charts.heat_band(v, [1, 2]) for v in (0, 1, 1.5, 2, None)] == [0, 1, 1, 2, None]
    with pytest.raises(ValueError, match="five bands"):
        charts.heat_map("x", ["A"], [], thresholds=[1, 2, 3, 4, 5])


def test_palette_meets_wcag_aa_contrast_for_text():
    for name, value in [*charts.PALETTE.items(), ("text", charts.TEXT), ("muted", charts.MUTED)]:
        assert _contrast(value) >= 4.5, name
    for fill, ink in (*charts.HEAT_BANDS, charts.HEAT_NONE):
        assert _contrast(ink, fill) >= 4.5, fill


def test_display_number_reads_indonesian():
    assert [charts.display_number(v) for v in (1234567, 12.5, Decimal("3.00"), None, "a")] == [
        "1.234.567", "12,50", "3", "–", "a"]


def test_fit_cuts_with_an_ellipsis():
    assert charts.fit("pendek", 200) == "pendek"
    cut = charts.fit(LONG, 100)
    assert cut.endswith("…") and charts.text_width(cut) <= 100
