"""The survey report as PDF (core.pdf) and XLSX (core.spreadsheets)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from reportlab.platypus import Spacer

from prima.core import pdf
from prima.core.spreadsheets import Column, xlsx_response

from . import ikm
from .reports import Report, element_label


def _num(value) -> str:
    shown = ikm.display(value)
    return "—" if shown is None else f"{shown:.2f}"


def report_pdf(report: Report) -> bytes:
    survey, result = report.survey, report.result
    st = pdf.styles()
    width = pdf.usable_width()
    story = [
        pdf.paragraph(_("Laporan Survei Kepuasan Masyarakat"), st["title"]),
        pdf.paragraph(f"{survey.satker.name} · {survey.period_label()}", st["subtitle"]),
        pdf.paragraph(ikm.method_note(), st["muted"]),
        pdf.paragraph(_("Responden: %(n)s · IKM: %(ikm)s · Mutu pelayanan: %(cat)s")
                      % {"n": result.n, "ikm": _num(result.ikm_100),
                         "cat": result.category or "—"}, st["bold"]),
    ]
    if report.below_sample:
        story.append(pdf.paragraph(
            _("Jumlah responden di bawah saran sampel Krejcie–Morgan (%(n)s).")
            % {"n": report.sample_size}, st["body"]))
    story += [pdf.paragraph(_("NRR per unsur (terlemah lebih dahulu)"), st["h2"]),
              pdf.table([[_("Unsur"), _("NRR (1–4)"), _("NRR (25–100)")]]
                        + [[f"{e.code} {e.name}", f"{v:.3f}", _num(v * ikm.SCALE)]
                           for e, v in report.ranked],
                        styles=st, widths=[width * 0.6, width * 0.2, width * 0.2],
                        numeric=(1, 2))]
    if report.ranked:
        story += [Spacer(1, 6), pdf.chart_drawing(report.nrr_chart(width=width, font_size=8))]
    story += [pdf.paragraph(_("IKM per layanan"), st["h2"]),
              pdf.table([[_("Layanan"), _("Responden"), _("IKM"), _("Mutu")]]
                        + [[label, r.n, _num(r.ikm_100), r.category or "—"]
                           for label, r in report.by_service], styles=st, numeric=(1, 2))]
    for table in report.profile:
        story += [pdf.paragraph(table.title, st["h2"]),
                  pdf.table([[_("Kelompok"), _("Jumlah"), "%"]]
                            + [[label, n, f"{share}"] for label, n, share in table.rows],
                            styles=st, numeric=(1, 2))]
    if report.trend:
        story += [pdf.paragraph(_("Tren IKM"), st["h2"]),
                  pdf.table([[_("Periode"), _("Responden"), _("IKM"), _("Mutu")]]
                            + [[s.period_label(), r.n, _num(r.ikm_100), r.category or "—"]
                               for s, r in report.trend], styles=st, numeric=(1, 2))]
    story.append(pdf.paragraph(_("Rencana tindak lanjut"), st["h2"]))
    story.append(pdf.table([[_("Unsur"), _("Tindakan"), _("Penanggung jawab"), _("Batas"),
                             _("Status / progres")]]
                           + [[element_label(f.element), f.action, f.owner,
                               f.deadline.strftime("%d-%m-%Y"),
                               f"{f.get_status_display()} {f.progress}".strip()]
                              for f in report.follow_ups], styles=st))
    if report.previous_follow_ups:
        story.append(pdf.paragraph(_("Progres tindak lanjut periode sebelumnya"), st["h2"]))
        story.append(pdf.table([[_("Unsur"), _("Tindakan"), _("Status / progres")]]
                               + [[element_label(f.element), f.action,
                                   f"{f.get_status_display()} {f.progress}".strip()]
                                  for f in report.previous_follow_ups], styles=st))
    if report.suggestions:
        story.append(pdf.paragraph(_("Saran dan masukan"), st["h2"]))
        for response in report.suggestions:
            story.append(pdf.paragraph(f"• {response.suggestion}", st["small"]))
    return pdf.build(story, title=_("Laporan SKM %(satker)s") % {"satker": survey.satker.name})


def report_xlsx(report: Report):
    survey, result = report.survey, report.result
    rows = [[f"{e.code} {e.name}", float(v), float(ikm.display(v * ikm.SCALE)), rank]
            for rank, (e, v) in enumerate(report.ranked, 1)]
    footer = [(_("Responden"), str(result.n)), (_("IKM"), _num(result.ikm_100)),
              (_("Mutu pelayanan"), result.category or "—"), (_("Metode"), ikm.method_note())]
    footer += [(_("IKM %(service)s") % {"service": label},
                f"{_num(r.ikm_100)} ({r.category}, n={r.n})") for label, r in report.by_service]
    footer += [(_("Tren %(period)s") % {"period": s.period_label()}, _num(r.ikm_100))
               for s, r in report.trend]
    footer += [(_("Tindak lanjut %(element)s") % {"element": f.element},
                f"{f.action} — {f.owner}, {f.deadline:%d-%m-%Y}, {f.get_status_display()}")
               for f in report.follow_ups]
    return xlsx_response(
        f"laporan-skm-{survey.pk}.xlsx",
        [Column(_("Unsur"), "text", 40), Column(_("NRR (1–4)"), "number", 12),
         Column(_("NRR (25–100)"), "decimal", 14), Column(_("Peringkat"), "integer", 10)],
        rows, title="SKM",
        preamble=[_("Laporan Survei Kepuasan Masyarakat"),
                  f"{survey.satker.name} · {survey.period_label()}"],
        footer=footer)
