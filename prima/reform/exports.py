"""The action plan and the quarterly monitoring report as XLSX and PDF, in the layout offices
use: area, programme/activity, output, indicator, unit, target, realisation, %, evidence; the
header names the satker, the year (and quarter) and the decree number.

Every function returns bytes; the download views (R2) wrap them in a response. Text cells go
through ``core.spreadsheets.safe_cell`` (formula injection, illegal XML characters).
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from prima.core.pdf import fonts
from prima.core.spreadsheets import safe_cell, safe_sheet_title

from .achievement import percent
from .choices import ProgressState
from .dashboards import PlanProgress, plan_progress
from .models import ActionPlan, ProgressReport, ReviewComment

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
HEAD_FILL = PatternFill("solid", fgColor="E8EDF4")
AREA_FILL = PatternFill("solid", fgColor="F4F6F9")

PLAN_HEADERS = ["No", "Area Perubahan", "Program / Kegiatan", "Keluaran (Output)",
                "Indikator Keberhasilan", "Satuan", "Nilai Dasar", "Target", "TW I", "TW II",
                "TW III", "TW IV", "Jadwal", "Penanggung Jawab", "Anggaran (Rp)"]
REPORT_HEADERS = ["No", "Area Perubahan", "Program / Kegiatan", "Keluaran (Output)",
                  "Indikator Keberhasilan", "Satuan", "Target Tahunan", "Target TW",
                  "Realisasi", "Capaian (%)", "Status", "Keterangan", "Data Dukung"]


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

def _workbook(title: str, header_lines: list[str], headers: list[str], rows: list[list],
              widths: list[int], footer: list[tuple[str, str]] = ()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = safe_sheet_title(title)
    last = get_column_letter(len(headers))
    for i, text in enumerate([title.upper(), *header_lines], start=1):
        sheet.append([safe_cell(text)])
        sheet.merge_cells(f"A{i}:{last}{i}")
        sheet.cell(row=i, column=1).font = Font(bold=True, size=13 if i == 1 else 11)
        sheet.cell(row=i, column=1).alignment = Alignment(horizontal="center")
    sheet.append([])
    sheet.append([safe_cell(h) for h in headers])
    header_row = sheet.max_row
    for column in range(1, len(headers) + 1):
        cell = sheet.cell(row=header_row, column=column)
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
        for column in range(1, len(headers) + 1):
            sheet.cell(row=sheet.max_row, column=column).alignment = Alignment(
                wrap_text=True, vertical="top")
    sheet.freeze_panes = f"A{header_row + 1}"
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    if footer:
        sheet.append([])
        for label, text in footer:
            sheet.append([safe_cell(label), safe_cell(text)])
            sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
            sheet.merge_cells(f"B{sheet.max_row}:{last}{sheet.max_row}")
            sheet.cell(row=sheet.max_row, column=2).alignment = Alignment(wrap_text=True,
                                                                          vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


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
    return _workbook(_("Rencana Aksi RB"), [plan.title, *_header_lines(plan)], PLAN_HEADERS,
                     plan_rows(progress),
                     [5, 24, 36, 28, 36, 10, 10, 10, 8, 8, 8, 8, 16, 24, 16])


def report_xlsx(report: ProgressReport) -> bytes:
    plan = report.plan
    progress = _report_progress(report)
    lines = [_("Laporan Monitoring Rencana Aksi Reformasi Birokrasi"),
             *_header_lines(plan, report.quarter)]
    total = percent(progress.achievement)
    footer = [(_("Capaian rencana aksi (%)"), "" if total is None else str(total)),
              *_report_footer(report)]
    return _workbook(_("Laporan TW %(q)s") % {"q": ROMAN[report.quarter]}, lines,
                     REPORT_HEADERS, report_rows(progress),
                     [5, 24, 36, 28, 36, 10, 10, 10, 10, 10, 14, 28, 36], footer)


# --- PDF ---------------------------------------------------------------------------------------

def _styles():
    regular, bold = fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=8, leading=10)
    return {
        "base": base,
        "title": ParagraphStyle("title", parent=base, fontName=bold, fontSize=13, leading=16,
                                alignment=1),
        "center": ParagraphStyle("center", parent=base, fontSize=10, leading=13, alignment=1),
        "head": ParagraphStyle("head", parent=base, fontName=bold, fontSize=7.5, leading=9),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9),
        "h2": ParagraphStyle("h2", parent=base, fontName=bold, fontSize=10, leading=13,
                             spaceBefore=8, spaceAfter=3),
        "muted": ParagraphStyle("muted", parent=base, fontSize=7, textColor=colors.grey),
    }


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, int | str):
        return str(value)
    return number_format(value.normalize() if hasattr(value, "normalize") else value,
                         force_grouping=True)


def _pdf(title: str, header_lines: list[str], headers: list[str], rows: list[list],
         widths: list[float], sections: list[tuple[str, str]] = ()) -> bytes:
    styles = _styles()
    buffer = io.BytesIO()
    page = landscape(A4)
    document = SimpleDocTemplate(buffer, pagesize=page, leftMargin=12 * mm,
                                 rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=12 * mm,
                                 title=title, author=header_lines[0] if header_lines else "")
    story = [Paragraph(escape(title.upper()), styles["title"])]
    story += [Paragraph(escape(line), styles["center"]) for line in header_lines]
    story.append(Spacer(1, 5 * mm))
    usable = page[0] - 24 * mm
    total = sum(widths)
    data = [[Paragraph(escape(h), styles["head"]) for h in headers]]
    for row in rows:
        data.append([Paragraph(escape(_fmt(v)).replace("\n", "<br/>"), styles["cell"])
                     for v in row])
    table = Table(data, colWidths=[usable * w / total for w in widths], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa7b8")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf4")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    story.append(table)
    for label, text in sections:
        if not text:
            continue
        story.append(Paragraph(escape(label), styles["h2"]))
        story.append(Paragraph(escape(text).replace("\n", "<br/>"), styles["base"]))
    story.append(Spacer(1, 4 * mm))
    printed = timezone.localtime().strftime("%d-%m-%Y %H:%M")
    story.append(Paragraph(escape(_("Dicetak dari Prima pada %(time)s") % {"time": printed}),
                           styles["muted"]))
    document.build(story)
    return buffer.getvalue()


def plan_pdf(plan: ActionPlan) -> bytes:
    progress = plan_progress(plan, with_evidence=False)
    rows = [[*row[:12], row[12], row[13], row[14]] for row in plan_rows(progress)]
    return _pdf(_("Rencana Aksi Reformasi Birokrasi"), [plan.title, *_header_lines(plan)],
                PLAN_HEADERS, rows, [3, 10, 16, 12, 16, 5, 5, 5, 4, 4, 4, 4, 7, 10, 8])


def report_pdf(report: ProgressReport) -> bytes:
    plan = report.plan
    progress = _report_progress(report)
    total = percent(progress.achievement)
    sections = [(_("Capaian rencana aksi"), "–" if total is None else f"{_fmt(total)}%"),
                *_report_footer(report)]
    return _pdf(_("Laporan Monitoring Rencana Aksi Reformasi Birokrasi"),
                _header_lines(plan, report.quarter), REPORT_HEADERS, report_rows(progress),
                [3, 10, 15, 11, 15, 5, 5, 5, 5, 5, 6, 10, 14], sections)
