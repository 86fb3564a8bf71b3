"""The action plan and the quarterly monitoring report as XLSX and PDF, in the layout offices
use: area, programme/activity, output, indicator, unit, target, realisation, %, evidence; the
header names the satker, the year (and quarter) and the decree number.

Every function returns bytes; the download views (R2) wrap them in a response. Both formats
come from the shared kits: ``core.spreadsheets.write_table`` (typed columns, widths, frozen
header, formula-safe text) and ``core.pdf`` (styles, tables, "Halaman x dari y").
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from prima.core import pdf
from prima.core.spreadsheets import Column, xlsx_bytes

from .achievement import percent
from .choices import ProgressState
from .dashboards import PlanProgress, plan_progress
from .models import ActionPlan, ProgressReport, ReviewComment

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

# (header, kind, XLSX width in characters, PDF width in parts of the page)
PLAN_COLUMNS = [
    ("No", "integer", 5, 3), ("Area Perubahan", "text", 24, 10),
    ("Program / Kegiatan", "text", 36, 15), ("Keluaran (Output)", "text", 28, 11),
    ("Indikator Keberhasilan", "text", 36, 15), ("Satuan", "text", 10, 6),
    ("Nilai Dasar", "number", 10, 5), ("Target", "number", 10, 5.5),
    ("TW I", "number", 8, 4), ("TW II", "number", 8, 4), ("TW III", "number", 8, 4),
    ("TW IV", "number", 8, 4), ("Jadwal", "text", 16, 7),
    ("Penanggung Jawab", "text", 24, 10), ("Anggaran (Rp)", "money", 16, 8),
]
REPORT_COLUMNS = [
    ("No", "integer", 5, 3), ("Area Perubahan", "text", 24, 10),
    ("Program / Kegiatan", "text", 36, 14), ("Keluaran (Output)", "text", 28, 10),
    ("Indikator Keberhasilan", "text", 36, 14), ("Satuan", "text", 10, 6),
    ("Target Tahunan", "number", 10, 6.5), ("Target TW", "number", 10, 5.5),
    ("Realisasi", "number", 10, 6.5), ("Capaian (%)", "number", 10, 6.5),
    ("Status", "text", 14, 6.5), ("Keterangan", "text", 28, 10),
    ("Data Dukung", "text", 36, 13),
]
NUMERIC_KINDS = ("integer", "number", "money")


def _decree_label(plan: ActionPlan) -> str:
    if plan.decree_id is None:
        return _("SK penetapan: belum ada")
    return _("SK Nomor %(number)s tanggal %(date)s") % {
        "number": plan.decree.number, "date": plan.decree.date.strftime("%d-%m-%Y")}


def _header_lines(plan: ActionPlan, quarter: int | None = None) -> list[str]:
    period = _("Tahun %(year)s") % {"year": plan.year}
    if quarter:
        period = _("Triwulan %(q)s Tahun %(year)s") % {"q": ROMAN[quarter], "year": plan.year}
    return [plan.satker.name, period, _decree_label(plan)]


def _schedule(activity) -> str:
    return ", ".join(f"TW {ROMAN[q]}" for q in activity.quarters or [] if q in ROMAN)


def _owner(activity) -> str:
    parts = [str(x) for x in (activity.owner_division, activity.owner_person) if x]
    return " / ".join(parts)


def _evidence_text(items) -> str:
    parts = []
    for item in items:
        where = item.url or item.original_name or (
            f"{item.linked_type.name} #{item.linked_id}" if item.linked_type_id else "")
        parts.append(f"{item.title} ({where})" if where else item.title)
    return "; ".join(parts)


def _state_label(state: str) -> str:
    return str(ProgressState(state).label)


# --- rows --------------------------------------------------------------------------------------

def plan_rows(progress: PlanProgress) -> list[list]:
    rows = []
    number = 0
    for area in progress.areas:
        for programme in area.programmes:
            for activity_progress in programme.activities:
                activity = activity_progress.activity
                for item in activity_progress.indicators or [None]:
                    number += 1
                    indicator = item.indicator if item else None
                    rows.append([
                        number, str(area.area),
                        f"{programme.programme.name} / {activity.name}", activity.output,
                        indicator.name if indicator else "", indicator.unit if indicator else "",
                        indicator.baseline if indicator else None,
                        indicator.target if indicator else None,
                        *[(indicator.quarter_target(q) if indicator else None)
                          for q in range(1, 5)],
                        _schedule(activity), _owner(activity), activity.budget])
    return rows


def report_rows(progress: PlanProgress) -> list[list]:
    rows = []
    number = 0
    for area in progress.areas:
        for programme in area.programmes:
            for activity_progress in programme.activities:
                activity = activity_progress.activity
                for item in activity_progress.indicators:
                    number += 1
                    indicator = item.indicator
                    rows.append([
                        number, str(area.area),
                        f"{programme.programme.name} / {activity.name}", activity.output,
                        indicator.name, indicator.unit, indicator.target, item.quarter_target,
                        item.realisation, percent(item.achievement), _state_label(item.state),
                        item.note, _evidence_text(item.evidence)])
    return rows


# --- XLSX --------------------------------------------------------------------------------------

def _xlsx(title: str, header_lines: list[str], columns: list[tuple], rows: list[list],
          footer: list[tuple[str, str]] = ()) -> bytes:
    return xlsx_bytes([Column(header, kind, width) for header, kind, width, _pdf in columns],
                      rows, title=title, preamble=[title.upper(), *header_lines],
                      footer=footer)


def _report_progress(report: ProgressReport) -> PlanProgress:
    return plan_progress(report.plan, quarter=report.quarter, include_drafts=True)


def _report_footer(report: ProgressReport) -> list[tuple[str, str]]:
    footer = [(_("Uraian capaian"), report.narrative), (_("Kendala"), report.obstacles),
              (_("Rencana tindak lanjut"), report.follow_up),
              (_("Status laporan"), report.get_status_display())]
    comments = ReviewComment.objects.filter(report=report).select_related("author",
                                                                          "indicator")
    for comment in comments:
        label = _("Catatan evaluator") if comment.is_evaluator else _("Tanggapan satker")
        about = f" ({comment.indicator.name})" if comment.indicator_id else ""
        footer.append((label, f"{comment.author}{about}: {comment.text}"))
    for recommendation in report.recommendations.all():
        footer.append((_("Rekomendasi"),
                       f"{recommendation.text} — batas "
                       f"{recommendation.deadline.strftime('%d-%m-%Y')} "
                       f"({recommendation.get_status_display()})"))
    return footer


def plan_xlsx(plan: ActionPlan) -> bytes:
    progress = plan_progress(plan, with_evidence=False)
    return _xlsx(_("Rencana Aksi RB"), [plan.title, *_header_lines(plan)], PLAN_COLUMNS,
                 plan_rows(progress))


def report_xlsx(report: ProgressReport) -> bytes:
    plan = report.plan
    progress = _report_progress(report)
    lines = [_("Laporan Monitoring Rencana Aksi Reformasi Birokrasi"),
             *_header_lines(plan, report.quarter)]
    total = percent(progress.achievement)
    footer = [(_("Capaian rencana aksi (%)"), "" if total is None else str(total)),
              *_report_footer(report)]
    return _xlsx(_("Laporan TW %(q)s") % {"q": ROMAN[report.quarter]}, lines,
                 REPORT_COLUMNS, report_rows(progress), footer)


# --- PDF ---------------------------------------------------------------------------------------

def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, int | str):
        return str(value)
    return number_format(value.normalize() if hasattr(value, "normalize") else value,
                         force_grouping=True)


MARGINS = (12 * mm,) * 4


def _pdf(title: str, header_lines: list[str], columns: list[tuple], rows: list[list],
         sections: list[tuple[str, str]] = ()) -> bytes:
    styles = pdf.styles(size=8, cell_size=7.5, title_align="center")
    story = [pdf.paragraph(title.upper(), styles["title"])]
    story += [pdf.paragraph(line, styles["subtitle"]) for line in header_lines]
    story.append(Spacer(1, 5 * mm))
    usable = pdf.usable_width(pdf.LANDSCAPE, MARGINS)
    total = sum(parts for *_rest, parts in columns)
    data = [[header for header, *_rest in columns]]
    data += [[_fmt(value) for value in row] for row in rows]
    story.append(pdf.table(
        data, styles=styles, widths=[usable * parts / total for *_rest, parts in columns],
        numeric=[i for i, (_h, kind, *_rest) in enumerate(columns) if kind in NUMERIC_KINDS]))
    for label, text in sections:
        if not text:
            continue
        story.append(pdf.paragraph(label, styles["h2"]))
        story.append(pdf.paragraph(text, styles["body"]))
    satker = header_lines[0] if header_lines else ""
    return pdf.build(story, title=title, author=satker, page=pdf.LANDSCAPE, margins=MARGINS,
                     footer=f"{title} — {satker}" if satker else title)


def plan_pdf(plan: ActionPlan) -> bytes:
    progress = plan_progress(plan, with_evidence=False)
    return _pdf(_("Rencana Aksi Reformasi Birokrasi"), [plan.title, *_header_lines(plan)],
                PLAN_COLUMNS, plan_rows(progress))


def report_pdf(report: ProgressReport) -> bytes:
    plan = report.plan
    progress = _report_progress(report)
    total = percent(progress.achievement)
    sections = [(_("Capaian rencana aksi"), "–" if total is None else f"{_fmt(total)}%"),
                *_report_footer(report)]
    return _pdf(_("Laporan Monitoring Rencana Aksi Reformasi Birokrasi"),
                _header_lines(plan, report.quarter), REPORT_COLUMNS, report_rows(progress),
                sections)
