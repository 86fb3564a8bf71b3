"""XLSX exports shared by every app: safe cell values and a download response.

Spreadsheet formula injection (CWE-1236): a text cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return may be run as a formula when the file is opened (openpyxl
itself stores any string starting with ``=`` as a formula). Text from the public (a request's
wording, a name) therefore gets a leading apostrophe, which spreadsheet programs show as text.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

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


def write_xlsx(stream, headers: Sequence[str], rows: Iterable[Sequence], *,
               title: str = "Data") -> None:
    """Write one sheet (bold header row, then ``rows``) to ``stream`` in write-only mode."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=safe_sheet_title(title))
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=safe_cell(header))
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    workbook.save(stream)


def safe_sheet_title(title: str) -> str:
    cleaned = "".join("-" if c in "[]:*?/\\" else c for c in str(title)).strip("'") or "Data"
    return cleaned[:SHEET_TITLE_MAX]


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence], *,
                  title: str = "Data") -> HttpResponse:
    """An attachment download of one sheet; the body is built in memory (reports are small)."""
    buffer = io.BytesIO()
    write_xlsx(buffer, headers, rows, title=title)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
