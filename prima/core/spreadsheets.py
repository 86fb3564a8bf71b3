"""XLSX exports shared by every app: safe cell values, one table writer, a download response.

``write_table`` writes one sheet in openpyxl's write-only (streaming) mode: optional title lines,
a header row (bold, shaded, frozen), typed columns (dates, numbers and money get a number format,
text wraps) with their widths, and optional label / text lines below. Every app's XLSX goes
through it, so every export opens the same way in a spreadsheet program.

Spreadsheet formula injection (CWE-1236): a text cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return may be run as a formula when the file is opened (openpyxl
itself stores any string starting with ``=`` as a formula). Text from the public (a request's
wording, a name) therefore gets a leading apostrophe, which spreadsheet programs show as text.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Characters that XML 1.0 (and so XLSX) cannot hold; openpyxl raises on them.
_ILLEGAL = {c: None for c in range(32) if c not in (9, 10, 13)}
SHEET_TITLE_MAX = 31


def safe_cell(value):
    """A value ready for a cell: text neutralised against formulas, other types unchanged."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | Decimal | dt.date | dt.datetime | dt.time):
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            # Excel has no time zones: write the local wall-clock time.
            from django.utils import timezone

            return timezone.localtime(value).replace(tzinfo=None)
        return value
    text = str(value).translate(_ILLEGAL)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def safe_sheet_title(title: str) -> str:
    cleaned = "".join("-" if c in "[]:*?/\\" else c for c in str(title)).strip("'") or "Data"
    return cleaned[:SHEET_TITLE_MAX]


@dataclass(frozen=True)
class Column:
    """One column of a table: its header, the kind of its values and its width (characters)."""

    header: str
    kind: str = "text"
    width: float | None = None


# Number formats per kind of column; text wraps in its column, numbers stay on one line.
NUMBER_FORMATS = {
    "text": None,
    "integer": "#,##0",
    "number": "#,##0.##",
    "decimal": "#,##0.00",
    "money": "#,##0.00",
    "percent": "0.0",
    "date": "DD-MM-YYYY",
    "datetime": "DD-MM-YYYY HH:MM",
}
HEAD_FILL = PatternFill("solid", fgColor="E8EDF4")
_BOLD = Font(bold=True)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_HEAD_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
_TITLE_ALIGN = Alignment(horizontal="center")


def _column(column: Column | str) -> Column:
    return column if isinstance(column, Column) else Column(str(column))


def _cell(sheet, value, *, font=None, fill=None, alignment=None, number_format=None):
    cell = WriteOnlyCell(sheet, value=safe_cell(value))
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if alignment is not None:
        cell.alignment = alignment
    if number_format is not None:
        cell.number_format = number_format
    return cell


def write_table(stream, columns: Sequence[Column | str], rows: Iterable[Sequence], *,
                title: str = "Data", preamble: Sequence[str] = (),
                footer: Sequence[tuple[str, object]] = ()) -> None:
    """Write one sheet to ``stream``: ``preamble`` lines (the first as the document's title),
    the header row (shaded, frozen), ``rows`` (any iterable, written as they come, so a long
    queryset iterator is never held in memory) and ``footer`` pairs (label, text).

    Columns are ``Column`` objects or bare header strings (text of the default width).
    """
    columns = [_column(c) for c in columns]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=safe_sheet_title(title))
    last = get_column_letter(max(len(columns), 1))
    header_row = len(preamble) + (2 if preamble else 1)
    # Sheet-level settings go before the first row in write-only mode.
    for index, column in enumerate(columns, start=1):
        if column.width:
            sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = f"A{header_row + 1}"
    for number, line in enumerate(preamble, start=1):
        sheet.append([_cell(sheet, line, font=Font(bold=True, size=13 if number == 1 else 11),
                            alignment=_TITLE_ALIGN)])
        if len(columns) > 1:
            sheet.merged_cells.add(f"A{number}:{last}{number}")
    if preamble:
        sheet.append([])
    sheet.append([_cell(sheet, c.header, font=_BOLD, fill=HEAD_FILL, alignment=_HEAD_ALIGN)
                  for c in columns])
    formats = [(NUMBER_FORMATS.get(c.kind), _WRAP_TOP if c.kind == "text" else _TOP)
               for c in columns]
    count = 0
    for row in rows:
        sheet.append([_cell(sheet, value, alignment=align, number_format=fmt)
                      for value, (fmt, align) in zip(row, formats, strict=False)])
        count += 1
    if footer:
        sheet.append([])
        number = header_row + count + 1
        for label, text in footer:
            number += 1
            sheet.append([_cell(sheet, label, font=_BOLD, alignment=_TOP),
                          _cell(sheet, text, alignment=_WRAP_TOP)])
            if len(columns) > 2:
                sheet.merged_cells.add(f"B{number}:{last}{number}")
    workbook.save(stream)


def write_xlsx(stream, headers: Sequence[str], rows: Iterable[Sequence], *,
               title: str = "Data") -> None:
    """One sheet: a header row, then ``rows`` (``write_table`` with text columns)."""
    write_table(stream, headers, rows, title=title)


def xlsx_bytes(columns: Sequence[Column | str], rows: Iterable[Sequence], **options) -> bytes:
    """``write_table`` into bytes (for a download view or an email attachment)."""
    buffer = io.BytesIO()
    write_table(buffer, columns, rows, **options)
    return buffer.getvalue()


def xlsx_response(filename: str, columns: Sequence[Column | str], rows: Iterable[Sequence], *,
                  title: str = "Data", **options) -> HttpResponse:
    """An attachment download of one sheet (``write_table``); never cached."""
    response = HttpResponse(xlsx_bytes(columns, rows, title=title, **options),
                            content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
