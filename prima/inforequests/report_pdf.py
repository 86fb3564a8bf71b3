"""The annual public information service report as an A4 PDF (reportlab).

The same figures as the report page: the summary, time to fulfil, outcomes (with the page's
bar chart, ``core.charts`` drawn by ``core.pdf``), refusals by Pasal 17 letter, requests per
month, objections, disputes and the comparison of the units below. Figures only, no personal
data. Every page says which report it is, its page number and when it was generated.
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from prima.core import charts, pdf

from .reports import AnnualReport, Tally, UnitRow

MARGINS = (18 * mm, 16 * mm, 18 * mm, 16 * mm)
WIDTH = pdf.usable_width(pdf.PORTRAIT, MARGINS)
CHART_FONT = 8


def _number(value) -> str:
    if value is None:
        return "–"
    return number_format(value, decimal_pos=1 if isinstance(value, float) else None)


def _tally_table(title_label, items: list[Tally], styles):
    rows = [[title_label, _("Jumlah")]] + [[t.label, _number(t.count)] for t in items]
    return pdf.table(rows, styles=styles, widths=[WIDTH * 0.8, WIDTH * 0.2], numeric=[1])


def _outcome_chart(items: list[Tally]):
    chart = charts.bar_chart(_("Hasil permohonan"), [(t.label, t.count) for t in items],
                             width=WIDTH, font_size=CHART_FONT)
    return pdf.chart_drawing(chart)


def _month_chart(items: list[Tally]):
    chart = charts.column_chart(_("Permohonan per bulan"), [(t.label, t.count) for t in items],
                                width=WIDTH, font_size=CHART_FONT, plot_height=95)
    return pdf.chart_drawing(chart)


def _notes(notes, h2, styles) -> list:
    """Internal and external obstacles and recommendations, as the PPID wrote them."""
    sections = [(_("Kendala internal"), getattr(notes, "internal_obstacles", "")),
                (_("Kendala eksternal"), getattr(notes, "external_obstacles", "")),
                (_("Rekomendasi"), getattr(notes, "recommendations", ""))]
    story = []
    for heading, text in sections:
        story += [h2(heading), pdf.paragraph(text or _("Belum diisi."), styles["body"])]
    return story


def render_annual_report(*, report: AnnualReport, scope_name: str,
                         units: list[UnitRow] | None = None, notes=None) -> bytes:
    """The report for ``scope_name`` (a satker, or a province/nation rolled up) as PDF bytes."""
    styles = pdf.styles(size=9.5, cell_size=8.5)
    title = _("Laporan Layanan Informasi Publik Tahun %(year)s") % {"year": report.year}
    fulfil = report.fulfilment

    def h2(text):
        return pdf.paragraph(text, styles["h2"])

    story = [
        pdf.paragraph(title, styles["title"]),
        pdf.paragraph(scope_name, styles["subtitle"]),
        Spacer(1, 6),
        h2(_("Ringkasan")),
        pdf.table([
            [_("Uraian"), _("Jumlah")],
            [_("Permohonan informasi"), _number(report.total)],
            [_("Diputus (pemberitahuan tertulis terbit)"), _number(report.decided)],
            [_("Masih diproses"), _number(report.open)],
            [_("Melewati batas waktu"), _number(report.overdue)],
            [_("Keberatan"), _number(report.objections)],
            [_("Sengketa di Komisi Informasi"), _number(report.disputes)],
        ], styles=styles, widths=[WIDTH * 0.8, WIDTH * 0.2], numeric=[1]),
        h2(_("Waktu pemenuhan (hari kerja)")),
        pdf.table([
            [_("Rata-rata"), _("Median"), _("Terlama"), _("Permohonan diputus")],
            [_number(fulfil.mean), _number(fulfil.median), _number(fulfil.maximum),
             _number(fulfil.count)],
        ], styles=styles, widths=[WIDTH / 4] * 4, numeric=[0, 1, 2, 3]),
        pdf.paragraph(_("Waktu dihitung dalam hari kerja sejak tanggal penerimaan (hari ke-0) "
                        "sampai tanggal pemberitahuan tertulis."), styles["muted"]),
        KeepTogether([
            h2(_("Hasil permohonan")),
            _outcome_chart(report.outcomes),
            Spacer(1, 4),
            _tally_table(_("Keputusan"), report.outcomes, styles),
        ]),
        h2(_("Penolakan menurut alasan pengecualian (Pasal 17 UU 14/2008)")),
        _tally_table(_("Alasan"), report.refusals_by_exemption, styles),
        pdf.paragraph(_("Termasuk bagian yang tidak diberikan pada permohonan yang diberikan "
                        "sebagian."), styles["muted"]),
        KeepTogether([
            h2(_("Permohonan per bulan")),
            _month_chart(report.by_month),
        ]),
        h2(_("Saluran permohonan")),
        _tally_table(_("Saluran"), report.by_channel, styles),
        h2(_("Jenis pemohon")),
        _tally_table(_("Jenis pemohon"), report.by_requester_kind, styles),
        h2(_("Keberatan menurut alasan (Pasal 35 ayat 1)")),
        _tally_table(_("Alasan"), report.objections_by_ground, styles),
        h2(_("Tanggapan atasan PPID atas keberatan")),
        _tally_table(_("Tanggapan"), report.objections_by_outcome, styles),
        h2(_("Sengketa informasi")),
        _tally_table(_("Hasil"), report.disputes_by_outcome, styles),
    ]
    if units:
        story.append(h2(_("Perbandingan satuan kerja")))
        rows = [[_("Satuan kerja"), _("Permohonan"), _("Diputus"), _("Diberikan"),
                 _("Sebagian"), _("Ditolak"), _("Terlambat"), _("Keberatan"),
                 _("Rata-rata hari")]]
        for unit in units:
            name = unit.satker.name + (f" ({_('satker sendiri')})" if unit.is_self else "")
            rows.append([name, _number(unit.total), _number(unit.decided),
                         _number(unit.granted), _number(unit.granted_in_part),
                         _number(unit.refused), _number(unit.overdue),
                         _number(unit.objections), _number(unit.fulfilment.mean)])
        # Nine columns: smaller type, so that no header word breaks and names keep room.
        story.append(pdf.table(rows, styles=pdf.styles(size=9.5, cell_size=8, head_size=6.5),
                               widths=[WIDTH * 0.28] + [WIDTH * 0.09] * 8, numeric=range(1, 9)))
    story += _notes(notes, h2, styles)
    return pdf.build(story, title=f"{title} — {scope_name}", author=scope_name,
                     subject=title, margins=MARGINS, footer=scope_name)
