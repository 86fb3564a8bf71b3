"""XLSX export and import of a worksheet in the layout offices know: one sheet, the
components, areas and sub-components as bold group rows with their weights and scores, then
one row per item with its number, criterion, answer type and options, the satker's answer and
explanation, the evaluator's answer and note, and the item key in the last column.

An import reads the same layout back: every cell is checked first and every fault reported with
its row and column; only when all cells are valid are the answers saved (all or nothing), and
only those that differ from what is stored.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from prima.core import audit, uploads
from prima.core.spreadsheets import FORMULA_PREFIXES, safe_cell

from . import scoring
from .choices import AuditAction, Side

HEADERS = ("No", "Komponen / area / sub-komponen / butir", "Jenis jawaban", "Pilihan jawaban",
           "Bobot", "Jawaban mandiri", "Penjelasan / data dukung", "Nilai mandiri",
           "Jawaban evaluator", "Catatan evaluator", "Nilai evaluator", "Kode butir")
WIDTHS = (9, 60, 12, 40, 8, 14, 40, 10, 14, 40, 10, 22)
COL_SELF, COL_NOTE, COL_EVAL, COL_EVAL_NOTE, COL_KEY = 6, 7, 9, 10, 12
HEADER_ROW = 5
ANSWER_TYPE_LABELS = {"yes_no": "Ya/Tidak", "abc": "A–C", "abcd": "A–D", "abcde": "A–E",
                      "percent": "Persentase", "number": "Angka", "index": "Indeks 1–4"}
GROUP_FILL = PatternFill("solid", fgColor="E8EDF4")
MAX_ROWS = 5000


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    # Undo the quote written before text that would read as a formula (safe_cell).
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_PREFIXES:
        text = text[1:]
    return text


def export_bytes(assessment) -> bytes:
    sheet = assessment.sheet
    rows = {r.item_key: r for r in assessment.answers.all()}
    answers = {k: r.self_answer for k, r in rows.items()}
    from .services import answers_of  # the evaluator's side falls back on the satker's

    mine = scoring.score(sheet, answers)
    theirs = scoring.score(sheet, answers_of(list(rows.values()), Side.EVALUATOR))
    book = Workbook()
    ws = book.active
    ws.title = "LKE"
    ws["A1"] = safe_cell(sheet.title)
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = safe_cell(f"{assessment.satker.name} · {assessment.year} · {sheet.regulation}")
    ws["A3"] = "Lembar kerja"
    ws["B3"] = safe_cell(f"{sheet.key}@{sheet.sha256[:12]}")
    for col, (header, width) in enumerate(zip(HEADERS, WIDTHS, strict=True), 1):
        cell = ws.cell(HEADER_ROW, col, header)
        cell.font = Font(bold=True)
        cell.fill = GROUP_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(col)].width = width
    r = HEADER_ROW + 1

    def group(number, title, weight, self_score, eval_score):
        nonlocal r
        for col, value in ((1, number), (2, title), (5, weight), (8, self_score),
                           (11, eval_score)):
            cell = ws.cell(r, col, safe_cell(value))
            cell.font = Font(bold=True)
            cell.fill = GROUP_FILL
        r += 1

    for ci, component in enumerate(sheet.components, 1):
        group(str(ci), component.title, component.weight,
              scoring.rounded(mine.components[component.code]),
              scoring.rounded(theirs.components[component.code]))
        for ai, area in enumerate(component.areas, 1):
            group(f"{ci}.{ai}", area.title, area.weight, scoring.rounded(mine.areas[area.code]),
                  scoring.rounded(theirs.areas[area.code]))
            for si, sub in enumerate(area.subcomponents, 1):
                group(f"{ci}.{ai}.{chr(96 + si)}", sub.title, sub.weight,
                      scoring.rounded(mine.subcomponents[sub.code]),
                      scoring.rounded(theirs.subcomponents[sub.code]))
                for item in sub.items:
                    row = rows.get(item.key)
                    options = "\n".join(f"{c}: {m}" for c, m in item.options if m)
                    if item.computed:
                        options = _("Dihitung: %(f)s") % {"f": item.formula}
                    values = (item.number, item.text, ANSWER_TYPE_LABELS[item.answer], options,
                              None, row.self_answer if row else "",
                              row.self_note if row else "",
                              scoring.rounded(mine.items.get(item.key)),
                              row.evaluator_answer if row else "",
                              row.evaluator_note if row else "",
                              scoring.rounded(theirs.items.get(item.key)), item.key)
                    for col, value in enumerate(values, 1):
                        cell = ws.cell(r, col, safe_cell(value))
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
                    r += 1
    group("", _("Nilai total"), sheet.total, scoring.rounded(mine.total),
          scoring.rounded(theirs.total))
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class CellError:
    row: int
    column: str
    message: str

    def __str__(self):
        return _("Baris %(row)d, kolom %(col)s: %(msg)s") % {
            "row": self.row, "col": self.column, "msg": self.message}


@dataclass(frozen=True)
class Change:
    key: str
    number: str
    answer: str
    note: str


def read_import(assessment, upload, *, side: str = Side.SELF
                ) -> tuple[list[Change], list[CellError]]:
    """The changes an XLSX file would make (answers and notes of ``side`` that differ from
    what is stored) and every cell error; nothing is saved here."""
    uploads.check_upload(upload, allowed_kinds=("xlsx",))
    upload.seek(0)
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the same fault
        raise ValidationError(_("Berkas XLSX tidak dapat dibaca."), code="bad_xlsx") from exc
    sheet = assessment.sheet
    if "LKE" not in book.sheetnames:
        raise ValidationError(_("Lembar “LKE” tidak ditemukan di berkas ini."), code="layout")
    table = book["LKE"]
    errors: list[CellError] = []
    changes: list[Change] = []
    stored = {r.item_key: r for r in assessment.answers.all()}
    marker = _text(table.cell(3, 2).value)
    if marker.split("@")[0] != sheet.key:
        errors.append(CellError(3, "B", _("lembar kerja “%(found)s” bukan “%(key)s” yang "
                                          "dipakai penilaian ini.")
                                % {"found": marker or "—", "key": sheet.key}))
        return [], errors
    answer_col, note_col = ((COL_SELF, COL_NOTE) if side == Side.SELF
                            else (COL_EVAL, COL_EVAL_NOTE))
    seen = set()
    for index, cells in enumerate(table.iter_rows(min_row=HEADER_ROW + 1,
                                                  max_col=len(HEADERS), values_only=True),
                                  HEADER_ROW + 1):
        if index > MAX_ROWS:
            errors.append(CellError(index, "A", _("terlalu banyak baris.")))
            break
        key = _text(cells[COL_KEY - 1]) if len(cells) >= COL_KEY else ""
        if not key:
            continue
        item = sheet.item(key)
        if item is None:
            errors.append(CellError(index, get_column_letter(COL_KEY),
                                    _("kode butir “%(key)s” tidak ada di lembar kerja ini.")
                                    % {"key": key}))
            continue
        if key in seen:
            errors.append(CellError(index, get_column_letter(COL_KEY),
                                    _("butir “%(key)s” muncul dua kali.") % {"key": key}))
            continue
        seen.add(key)
        if item.computed:
            continue  # a result, not an input
        raw, note = _text(cells[answer_col - 1]), _text(cells[note_col - 1])
        try:
            value = scoring.normalise(item, raw)
        except scoring.AnswerError as exc:
            errors.append(CellError(index, get_column_letter(answer_col), str(exc)))
            continue
        if len(note) > 4000:
            errors.append(CellError(index, get_column_letter(note_col),
                                    _("penjelasan paling banyak 4000 karakter.")))
            continue
        row = stored.get(key)
        if side == Side.SELF:
            old = (row.self_answer, row.self_note) if row else ("", "")
        else:  # a blank evaluator answer keeps the satker's answer
            old = (row.evaluator_answer, row.evaluator_note) if row else ("", "")
        if (value, note) != old:
            changes.append(Change(key, item.number, value, note))
    return changes, errors


def import_answers(assessment, upload, *, actor, side: str = Side.SELF):
    """Check every cell, then save the changed answers in one transaction (or none)."""
    from . import services  # services import nothing from here; kept lazy for clarity

    changes, errors = read_import(assessment, upload, side=side)
    if errors or not changes:
        return changes, errors
    with transaction.atomic():
        services.save_answers(assessment=assessment, actor=actor, side=side,
                              values={c.key: (c.answer, c.note) for c in changes})
        audit.record(assessment, actor=actor, action=AuditAction.ANSWERS_IMPORTED,
                     changes={"items": [c.key for c in changes]})
    return changes, errors
