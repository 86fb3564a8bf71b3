"""Streamed exports (CSV, JSON, XLSX, Parquet): round trips, codes kept, formulas neutralised;
change summaries between versions."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from prima.catalog.engine.diff import change_summary
from prima.catalog.engine.export import stream_export
from prima.catalog.engine.query import Filter, Query, run_query

from .test_engine_support import ingest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tree")]

CSV = ("kode,nama,jumlah,catatan\n"
       "0012,Jepara,10,=HYPERLINK(\"http://x\")\n"
       "33.20,Kudus,-5,+62 812\n"
       "33.20.01,\"Desa, Baru\",7,@SUM(A1)\n"
       "3320,Bogor,,-\n")


@pytest.fixture
def table():
    version = ingest(CSV.encode())
    assert version.status == "review", version.problems
    return version


def body(version, query, fmt) -> bytes:
    return b"".join(stream_export(version, query, fmt))


def test_csv_export_keeps_codes_and_neutralises_formulas(table):
    rows = list(csv.reader(io.StringIO(body(table, Query(), "csv").decode())))
    assert rows == [
        ["kode", "nama", "jumlah", "catatan"],
        ["0012", "Jepara", "10", "'=HYPERLINK(\"http://x\")"],
        ["33.20", "Kudus", "-5", "'+62 812"],
        ["33.20.01", "Desa, Baru", "7", "'@SUM(A1)"],
        ["3320", "Bogor", "", "'-"],
    ]


def test_csv_export_round_trips_through_ingestion(table):
    again = ingest(body(table, Query(columns=["kode", "nama", "jumlah"]), "csv"))
    assert run_query(again, Query()).rows == run_query(
        table, Query(columns=["kode", "nama", "jumlah"])).rows
    assert {c["name"]: c["type"] for c in again.schema} == {"kode": "code", "nama": "text",
                                                            "jumlah": "integer"}


def test_json_export_is_an_array_of_typed_objects(table):
    data = json.loads(body(table, Query(filters=[Filter("jumlah", "gte", "7")]), "json"))
    assert data == [
        {"kode": "0012", "nama": "Jepara", "jumlah": 10, "catatan": '=HYPERLINK("http://x")'},
        {"kode": "33.20.01", "nama": "Desa, Baru", "jumlah": 7, "catatan": "@SUM(A1)"},
    ]
    assert json.loads(body(table, Query(filters=[Filter("jumlah", "gt", "99")]), "json")) == []


def test_xlsx_export_is_neutralised_and_typed(table):
    book = load_workbook(io.BytesIO(body(table, Query(sort=[("jumlah", True)]), "xlsx")))
    rows = [list(r) for r in book.active.iter_rows(values_only=True)]
    assert rows[0] == ["kode", "nama", "jumlah", "catatan"]
    assert rows[1] == ["0012", "Jepara", 10, "'=HYPERLINK(\"http://x\")"]
    assert rows[3] == ["33.20", "Kudus", -5, "'+62 812"]
    assert rows[4] == ["3320", "Bogor", None, "'-"]
    assert all(not (isinstance(v, str) and v.startswith("=")) for r in rows for v in r)


def test_parquet_export_round_trip(table, tmp_path):
    path = tmp_path / "x.parquet"
    path.write_bytes(body(table, Query(columns=["kode", "jumlah"]), "parquet"))
    result = pq.read_table(path)
    assert result.column_names == ["kode", "jumlah"]
    assert result.column("kode").to_pylist() == ["0012", "33.20", "33.20.01", "3320"]
    assert result.column("jumlah").to_pylist() == [10, -5, 7, None]


def test_export_of_an_aggregation(table):
    query = Query(group_by=["nama"], metrics=[("sum", "jumlah")], sort=[("sum_jumlah", True)])
    rows = list(csv.reader(io.StringIO(body(table, query, "csv").decode())))
    assert rows == [["nama", "sum_jumlah"], ["Jepara", "10"], ["Desa, Baru", "7"],
                    ["Kudus", "-5"], ["Bogor", ""]]


def test_export_validates_before_streaming(table):
    with pytest.raises(ValidationError, match="tidak dikenal"):
        stream_export(table, Query(), "exe")
    with pytest.raises(ValidationError, match="tidak ada dalam tabel"):
        stream_export(table, Query(columns=["kode", "x') or read_csv('/etc/passwd"]), "csv")


def test_large_csv_export_streams_in_batches():
    version = ingest(("a,b\n" + "".join(f"{i},t{i}\n" for i in range(60_000))).encode())
    chunks = list(stream_export(version, Query(), "csv"))
    assert len(chunks) >= 3
    rows = list(csv.reader(io.StringIO(b"".join(chunks).decode())))
    assert len(rows) == 60_001 and rows[-1] == ["59999", "t59999"]


def test_change_summary_by_key_and_without():
    old = ingest(b"kode,nama,n\n01,A,1\n02,B,2\n03,C,3\n")
    new = ingest(b"kode,nama,n,baru\n01,A,1,x\n02,B,20,y\n04,D,4,z\n05,E,5,w\n",
                 resource=old.resource)
    summary = change_summary(old, new, "kode")
    assert summary == {"rows_before": 3, "rows_after": 4, "added": 2, "removed": 1,
                       "changed": 1, "columns_added": ["baru"], "columns_removed": [],
                       "key_column": "kode"}
    without = change_summary(old, new, None)
    assert without["added"] == 3 and without["removed"] == 2 and without["changed"] is None


def test_xlsx_export_keeps_text_numbers_dates_and_empty_cells_in_place():
    import datetime as dt

    version = ingest(b"kode,nama,tanggal,nilai,aktif\n"
                     b"001,  Desa <A> & B,2024-02-14,1.5,true\n"
                     b"002,,,,\n"
                     b"003,Teks\x01kontrol,14/02/2024,-2,false\n")
    book = load_workbook(io.BytesIO(body(version, Query(), "xlsx")))
    rows = [list(r) for r in book.active.iter_rows(values_only=True)]
    types = {c["name"]: c["type"] for c in version.schema}

    assert rows[0] == ["kode", "nama", "tanggal", "nilai", "aktif"]
    assert rows[1][:2] == ["001", "  Desa <A> & B"]  # escaped, spaces kept
    assert rows[1][2].date() == dt.date(2024, 2, 14) and types["tanggal"] == "date"
    assert rows[1][3] == 1.5 and rows[1][4] in (True, "true")
    assert rows[2] == ["002", None, None, None, None]
    assert rows[3][:2] == ["003", "Tekskontrol"] and rows[3][3] == -2
    assert rows[3][2].date() == dt.date(2024, 2, 14)
    if types["aktif"] == "boolean":
        assert rows[1][4] is True and rows[3][4] is False
    assert book.active.freeze_panes == "A2"
    assert book.active["A1"].font.b is True


def test_large_xlsx_export_keeps_the_row_order():
    version = ingest(("a,b\n" + "".join(f"{i},t{i}\n" for i in range(60_000))).encode())
    book = load_workbook(io.BytesIO(body(version, Query(), "xlsx")), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) == 60_001
    assert rows[1] == (0, "t0") and rows[30_721] == (30_720, "t30720")
    assert rows[-1] == (59_999, "t59999")
