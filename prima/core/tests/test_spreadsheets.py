"""XLSX helpers: formula injection neutralised, values kept, a download response."""

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from prima.core.spreadsheets import (
    XLSX_CONTENT_TYPE,
    safe_cell,
    safe_sheet_title,
    write_xlsx,
    xlsx_response,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")"),
        ("+62 812", "'+62 812"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("data pemilih", "data pemilih"),
        ("a=b", "a=b"),
        ("", ""),
    ],
    ids=["equals", "plus", "minus", "at", "tab", "carriage-return", "plain", "inner-equals",
         "empty"],
)
def test_safe_cell_prefixes_formula_starts(value, expected):
    assert safe_cell(value) == expected


def test_safe_cell_keeps_numbers_dates_and_drops_control_characters():
    assert safe_cell(None) == ""
    assert safe_cell(-5) == -5
    assert safe_cell(Decimal("1500.00")) == Decimal("1500.00")
    assert safe_cell(dt.date(2026, 3, 2)) == dt.date(2026, 3, 2)
    assert safe_cell("a\x00b\x07c") == "abc"


def test_safe_cell_writes_aware_datetimes_as_local_wall_time(settings):
    settings.TIME_ZONE = "Asia/Jakarta"
    moment = dt.datetime(2026, 3, 2, 2, 30, tzinfo=ZoneInfo("UTC"))

    assert safe_cell(moment) == dt.datetime(2026, 3, 2, 9, 30, tzinfo=None)  # noqa: DTZ001


def test_write_xlsx_stores_injection_attempts_as_text():
    buffer = io.BytesIO()

    write_xlsx(buffer, ["Nama", "Jumlah"], [["=1+1", 3], ["@cmd", -2]], title="Uji/Data")

    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert sheet.title == "Uji-Data"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows == [("Nama", "Jumlah"), ("'=1+1", 3), ("'@cmd", -2)]
    assert sheet["A2"].data_type == "s"
    assert sheet["A1"].font.bold is True


def test_safe_sheet_title_is_at_most_31_characters():
    assert safe_sheet_title("x" * 40) == "x" * 31
    assert safe_sheet_title("''") == "Data"


def test_xlsx_response_is_an_attachment():
    response = xlsx_response("register.xlsx", ["A"], [["b"]])

    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="register.xlsx"'
    assert response["Cache-Control"] == "private, no-store"
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert list(sheet.iter_rows(values_only=True)) == [("A",), ("b",)]
