"""The annual public information service report as an A4 PDF (reportlab).

The same figures as the report page: the summary, time to fulfil, outcomes (with a bar chart
drawn with reportlab.graphics), refusals by Pasal 17 letter, requests per month, objections,
disputes and the comparison of the units below. Figures only, no personal data.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from prima.core.pdf import fonts

from .reports import AnnualReport, Tally, UnitRow

BAR = colors.HexColor("#1d4f91")
HEAD = colors.HexColor("#e8edf4")
GRID = colors.HexColor("#9aa7b8")
WIDTH = A4[0] - 36 * mm


def _styles():
    regular, bold = fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=9.5, leading=12.5)
    return {
        "base": base,
        "title": ParagraphStyle("title", parent=base, fontName=bold, fontSize=15, leading=19),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=11, leading=15),
        "h2": ParagraphStyle("h2", parent=base, fontName=bold, fontSize=11.5, leading=15,
                             spaceBefore=10, spaceAfter=4),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=bold, fontSize=8.5,
                                    leading=10.5),
        "muted": ParagraphStyle("muted", parent=base, fontSize=8, textColor=colors.grey),
    }


def _number(value) -> str:
    if value is None:
        return "–"
    return number_format(value, decimal_pos=1 if isinstance(value, float) else None)


def _table(rows, styles, widths=None, header=True):
    data = [[Paragraph(escape(str(cell)), styles["cell_bold" if header and i == 0 else "cell"])
             for cell in row] for i, row in enumerate(rows)]
    table = Table(data, colWidths=widths, repeatRows=1 if header else 0)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEAD))
    table.setStyle(TableStyle(commands))
    return table


def _tally_table(title_label, items: list[Tally], styles):
    rows = [[title_label, _("Jumlah")]] + [[t.label, _number(t.count)] for t in items]
    return _table(rows, styles, widths=[WIDTH * 0.8, WIDTH * 0.2])


def _outcome_chart(items: list[Tally]) -> Drawing:
    regular, _bold = fonts()
    height = 24 + 18 * len(items)
    drawing = Drawing(WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 190, 10
    chart.width, chart.height = WIDTH - 230, height - 20
    # Bars run top to bottom in the table's order.
    chart.data = [[t.count for t in reversed(items)]]
    chart.categoryAxis.categoryNames = [t.label for t in reversed(items)]
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.forceZero = True
    maximum = max((t.count for t in items), default=0)
    chart.valueAxis.valueMax = max(maximum, 1) * 1.15
    chart.valueAxis.valueStep = max(1, round(max(maximum, 1) / 5))
    chart.bars[0].fillColor = BAR
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = regular
    chart.barLabels.fontSize = 7.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def _month_chart(items: list[Tally]) -> Drawing:
    regular, _bold = fonts()
    drawing = Drawing(WIDTH, 150)
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 25
    chart.width, chart.height = WIDTH - 40, 110
    chart.data = [[t.count for t in items]]
    chart.categoryAxis.categoryNames = [t.label for t in items]
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = 7.5
    chart.valueAxis.valueMin = 0
    maximum = max((t.count for t in items), default=0)
    chart.valueAxis.valueMax = max(maximum, 1) * 1.2
    chart.valueAxis.valueStep = max(1, round(max(maximum, 1) / 5))
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = BAR
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = regular
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    drawing.add(chart)
    drawing.add(String(0, 140, _("Permohonan per bulan"), fontName=regular, fontSize=8))
    return drawing


def render_annual_report(*, report: AnnualReport, scope_name: str,
                         units: list[UnitRow] | None = None) -> bytes:
    """The report for ``scope_name`` (a satker, or a province/nation rolled up) as PDF bytes."""
    styles = _styles()
    buffer = io.BytesIO()
    title = _("Laporan Layanan Informasi Publik Tahun %(year)s") % {"year": report.year}
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm,
                            title=f"{title} — {scope_name}", author=scope_name)
    fulfil = report.fulfilment
    story = [
        Paragraph(escape(title), styles["title"]),
        Paragraph(escape(scope_name), styles["subtitle"]),
        Spacer(1, 6),
        Paragraph(escape(_("Ringkasan")), styles["h2"]),
        _table([
            [_("Uraian"), _("Jumlah")],
            [_("Permohonan informasi"), _number(report.total)],
            [_("Diputus (pemberitahuan tertulis terbit)"), _number(report.decided)],
            [_("Masih diproses"), _number(report.open)],
            [_("Melewati batas waktu"), _number(report.overdue)],
            [_("Keberatan"), _number(report.objections)],
            [_("Sengketa di Komisi Informasi"), _number(report.disputes)],
        ], styles, widths=[WIDTH * 0.8, WIDTH * 0.2]),
        Paragraph(escape(_("Waktu pemenuhan (hari kerja)")), styles["h2"]),
        _table([
            [_("Rata-rata"), _("Median"), _("Terlama"), _("Permohonan diputus")],
            [_number(fulfil.mean), _number(fulfil.median), _number(fulfil.maximum),
             _number(fulfil.count)],
        ], styles, widths=[WIDTH / 4] * 4),
        Paragraph(escape(_("Waktu dihitung dalam hari kerja sejak tanggal penerimaan (hari ke-0) "
                           "sampai tanggal pemberitahuan tertulis.")), styles["muted"]),
        KeepTogether([
            Paragraph(escape(_("Hasil permohonan")), styles["h2"]),
            _outcome_chart(report.outcomes),
            _tally_table(_("Keputusan"), report.outcomes, styles),
        ]),
        Paragraph(escape(_("Penolakan menurut alasan pengecualian (Pasal 17 UU 14/2008)")),
                  styles["h2"]),
        _tally_table(_("Alasan"), report.refusals_by_exemption, styles),
        KeepTogether([
            Paragraph(escape(_("Permohonan per bulan")), styles["h2"]),
            _month_chart(report.by_month),
        ]),
        Paragraph(escape(_("Saluran permohonan")), styles["h2"]),
        _tally_table(_("Saluran"), report.by_channel, styles),
        Paragraph(escape(_("Jenis pemohon")), styles["h2"]),
        _tally_table(_("Jenis pemohon"), report.by_requester_kind, styles),
        Paragraph(escape(_("Keberatan menurut alasan (Pasal 35 ayat 1)")), styles["h2"]),
        _tally_table(_("Alasan"), report.objections_by_ground, styles),
        Paragraph(escape(_("Tanggapan atasan PPID atas keberatan")), styles["h2"]),
        _tally_table(_("Tanggapan"), report.objections_by_outcome, styles),
        Paragraph(escape(_("Sengketa informasi")), styles["h2"]),
        _tally_table(_("Hasil"), report.disputes_by_outcome, styles),
    ]
    if units:
        story.append(Paragraph(escape(_("Perbandingan satuan kerja")), styles["h2"]))
        rows = [[_("Satuan kerja"), _("Permohonan"), _("Diputus"), _("Diberikan"),
                 _("Sebagian"), _("Ditolak"), _("Terlambat"), _("Keberatan"),
                 _("Rata-rata hari")]]
        for unit in units:
            name = unit.satker.name + (f" ({_('satker sendiri')})" if unit.is_self else "")
            rows.append([name, _number(unit.total), _number(unit.decided),
                         _number(unit.granted), _number(unit.granted_in_part),
                         _number(unit.refused), _number(unit.overdue),
                         _number(unit.objections), _number(unit.fulfilment.mean)])
        story.append(_table(rows, styles, widths=[WIDTH * 0.28] + [WIDTH * 0.09] * 8))
    story += [
        Spacer(1, 10),
        Paragraph(escape(_("Dibuat oleh Prima pada %(when)s.")
                         % {"when": timezone.localtime().strftime("%d-%m-%Y %H:%M")}),
                  styles["muted"]),
    ]
    doc.build(story)
    return buffer.getvalue()
