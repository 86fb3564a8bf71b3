"""XLSX helpers: formula injection neutralised, values kept, typed columns, a response."""

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from prima.core.spreadsheets import (
    XLSX_CONTENT_TYPE,
    Column,
    safe_cell,
    safe_sheet_title,
    write_table,
    write_xlsx,
    xlsx_bytes,
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


def test_write_table_types_columns_freezes_the_header_and_merges_title_and_footer():
    buffer = io.BytesIO()
    columns = [Column("No", "integer", 5), Column("Tanggal", "date", 13),
               Column("Uraian", "text", 40), Column("Biaya", "money", 14)]
    rows = ([n, dt.date(2026, 3, n), f"=baris {n}", Decimal("1500.5")] for n in (1, 2))

    write_table(buffer, columns, rows, title="Register", preamble=["REGISTER", "KPU Jepara"],
                footer=[("Catatan", "=tidak dihitung")])

    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert [[c.value for c in row] for row in sheet.iter_rows()][:5] == [
        ["REGISTER", None, None, None], ["KPU Jepara", None, None, None],
        [None, None, None, None], ["No", "Tanggal", "Uraian", "Biaya"],
        [1, dt.datetime(2026, 3, 1), "'=baris 1", 1500.5]]  # noqa: DTZ001
    assert sheet.freeze_panes == "A5"
    assert sheet["A4"].font.bold and sheet["A4"].fill.fgColor.rgb == "00E8EDF4"
    assert sheet["B5"].number_format == "DD-MM-YYYY"
    assert sheet["D5"].number_format == "#,##0.00"
    assert sheet["C5"].alignment.wrap_text is True
    assert sheet.column_dimensions["C"].width == 40
    assert {str(r) for r in sheet.merged_cells.ranges} == {"A1:D1", "A2:D2", "B8:D8"}
    assert [c.value for c in sheet[8]] == ["Catatan", "'=tidak dihitung", None, None]


def test_write_table_streams_a_generator_of_many_rows():
    buffer = io.BytesIO()

    write_table(buffer, ["A", "B"], ([n, str(n)] for n in range(5000)))

    sheet = load_workbook(io.BytesIO(buffer.getvalue()), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 5001 and rows[-1] == (4999, "4999")


def test_xlsx_bytes_and_response_accept_typed_columns():
    response = xlsx_response("a.xlsx", [Column("Jumlah", "integer")], [[3]], title="Uji")

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Uji" and sheet["A2"].value == 3
    assert sheet["A2"].number_format == "#,##0"
    assert xlsx_bytes(["A"], []).startswith(b"PK")
