"""Ingestion: encodings, delimiters, quoting, codes, numbers, bad files, XLSX, JSON."""

from __future__ import annotations

import io
import os
import zipfile

import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook

from prima.catalog.engine.ingest import apply_schema, ingest_version
from prima.catalog.engine.query import Query, run_query
from prima.catalog.engine.safety import parquet_location

from .test_engine_support import by_name, ingest, make_version

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tree")]


def test_codes_stay_text_with_their_zeros_and_dots():
    content = (b"kode_wilayah,no_tps,kode_desa,nama,dpt,persen\n"
               b"33,001,3320012001,Jepara,250,12.5\n"
               b"33.20,002,3320012002,Kab. Jepara,251,13.25\n"
               b"33.20.01,012,3320012003,Kedung,252,0.5\n")
    version = ingest(content)
    assert version.status == "review", version.problems
    cols = by_name(version)
    assert cols["kode_wilayah"]["type"] == "code" and cols["kode_wilayah"]["is_code"]
    assert cols["no_tps"]["is_code"] and cols["kode_desa"]["is_code"]
    assert cols["nama"]["type"] == "text" and not cols["nama"]["is_code"]
    assert cols["dpt"]["type"] == "integer"
    assert cols["persen"]["type"] == "decimal"
    page = run_query(version, Query())
    assert [r["kode_wilayah"] for r in page.rows] == ["33", "33.20", "33.20.01"]
    assert [r["no_tps"] for r in page.rows] == ["001", "002", "012"]
    assert page.rows[0]["dpt"] == 250
    assert version.row_count == 3
    assert version.progress == 100
    assert version.detected["delimiter"] == ","


def test_leading_zero_and_dotted_codes_without_code_names():
    content = b"a,b,c\n0012,1.2.3,7\n0013,1.2.4,8\n"
    cols = by_name(ingest(content))
    assert cols["a"]["is_code"] and cols["a"]["type"] == "code"
    assert cols["b"]["is_code"]
    assert cols["c"]["type"] == "integer"


def test_quoted_field_with_delimiter_and_newline_first_seen_at_line_80000():
    lines = ["id,nama,catatan"]
    lines += [f"{i},desa {i},biasa" for i in range(1, 80_000)]
    lines.append('80000,"Desa, Baru","baris satu\nbaris dua"')
    lines.append("80001,desa akhir,biasa")
    version = ingest(("\n".join(lines) + "\n").encode())
    assert version.status == "review", version.problems
    assert version.row_count == 80_001
    page = run_query(version, Query(filters=[], search="Baru"))
    assert page.total == 1
    assert page.rows[0]["nama"] == "Desa, Baru"
    assert page.rows[0]["catatan"] == "baris satu\nbaris dua"


def test_windows_1252_file_is_read_as_such():
    content = "judul;tahun\nPemilihan Umum – Kab. Jepara;2024\n".encode("cp1252")
    assert b"\x96" in content
    version = ingest(content)
    assert version.status == "review", version.problems
    assert version.detected["encoding"] == "windows-1252"
    assert version.detected["delimiter"] == ";"
    assert run_query(version, Query()).rows == [{"judul": "Pemilihan Umum – Kab. Jepara",
                                                 "tahun": 2024}]


def test_utf8_bom_is_stripped_from_the_first_header():
    version = ingest("\ufeffkode,nama\n01,Aceh\n".encode())
    assert version.detected["bom"] is True
    assert [c["name"] for c in version.schema] == ["kode", "nama"]
    assert version.schema[0]["source_name"] == "kode"
    assert run_query(version, Query()).rows == [{"kode": "01", "nama": "Aceh"}]


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_delimiters(delimiter):
    content = delimiter.join(["a", "b", "c"]) + "\n" + delimiter.join(["x, y", "2", "3"]) + "\n"
    version = ingest(content.encode())
    assert version.detected["delimiter"] == delimiter
    assert run_query(version, Query()).rows == [{"a": "x, y", "b": 2, "c": 3}]


def test_indonesian_numbers_only_when_declared():
    content = b'wilayah;jumlah;rata\nA;1.234;1.234,56\nB;12;0,5\n'
    indonesian = ingest(content, number_format="indonesian")
    cols = by_name(indonesian)
    assert cols["jumlah"]["type"] == "integer" and cols["rata"]["type"] == "decimal"
    rows = run_query(indonesian, Query()).rows
    assert rows[0]["jumlah"] == 1234 and rows[0]["rata"] == pytest.approx(1234.56)
    assert rows[1]["rata"] == pytest.approx(0.5)
    international = ingest(content)
    cols = by_name(international)
    assert cols["jumlah"]["type"] == "decimal"  # 1.234 and 12 read as decimals
    assert cols["rata"]["type"] == "text"  # "1.234,56" is not an international number


def test_dates_only_from_unambiguous_forms():
    content = b"iso,dmy,us,waktu\n2024-02-14,14/02/2024,2/14/2024,2024-02-14 08:30:00\n" \
              b"2024-11-27,27/11/2024,11/27/2024,2024-11-27T09:00\n"
    cols = by_name(ingest(content))
    assert cols["iso"]["type"] == "date"
    assert cols["dmy"]["type"] == "date"
    assert cols["us"]["type"] == "text"
    assert cols["waktu"]["type"] == "datetime"


def test_ragged_rows_are_reported_with_their_lines():
    content = b"a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n"
    version = ingest(content)
    assert version.status == "failed"
    assert [p["line"] for p in version.problems] == [3, 5]
    assert version.problems[0]["message"] == ("Baris 3 berisi 2 kolom, seharusnya 3 "
                                              "(kolom kurang).")
    assert version.problems[1]["message"].startswith("Baris 5 berisi 4 kolom, seharusnya 3")
    assert not os.path.exists(parquet_location(version))


def test_empty_file_is_refused():
    version = ingest(b"")
    assert version.status == "failed"
    assert version.problems == [{"line": None, "column": None,
                                 "message": "Berkas kosong (0 byte)."}]


def test_header_only_is_refused():
    version = ingest(b"a,b\n")
    assert version.status == "failed"
    assert "tidak berisi baris data" in version.problems[0]["message"]


def test_file_above_the_size_limit_is_refused(settings):
    settings.CATALOG_MAX_UPLOAD_BYTES = 10
    version = ingest(b"a,b\n1,2\n3,4\n")
    assert version.status == "failed"
    assert "melebihi batas" in version.problems[0]["message"]


def test_published_version_is_never_touched():
    version = make_version(b"a\n1\n")
    type(version).objects.filter(pk=version.pk).update(status="published")
    ingest_version(version.pk)
    version.refresh_from_db()
    assert version.status == "published" and version.schema == [] and version.progress == 0


def test_ingestion_is_idempotent():
    version = ingest(b"a,b\n1,x\n2,y\n")
    first = version.schema
    ingest_version(version.pk)
    version.refresh_from_db()
    assert version.status == "review" and version.schema == first and version.row_count == 2


def test_ingestion_task_runs_the_engine():
    from prima.catalog.tasks import ingest_resource_version

    version = make_version(b"a,b\n1,x\n")
    result = ingest_resource_version.enqueue(version.pk)
    version.refresh_from_db()
    assert version.status == "review"
    assert result.return_value == "review"


def _xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_first_non_empty_sheet_and_chosen_sheet():
    content = _xlsx_bytes({"Kosong": [], "Rekap": [["kode", "nama", "jumlah"],
                                                   ["0012", "Jepara", 10], ["33.20", "Kudus", 2.5]],
                           "Lain": [["x"], ["y"]]})
    version = ingest(content, "data.xlsx")
    assert version.status == "review", version.problems
    assert version.detected["sheet"] == "Rekap"
    assert version.detected["sheets"] == ["Kosong", "Rekap", "Lain"]
    cols = by_name(version)
    assert cols["kode"]["is_code"] and cols["jumlah"]["type"] == "decimal"
    assert [r["kode"] for r in run_query(version, Query()).rows] == ["0012", "33.20"]
    other = ingest(content, "data.xlsx", detected={"sheet": "Lain"})
    assert run_query(other, Query()).rows == [{"x": "y"}]


def test_xlsx_formula_with_cached_value_is_read_without_evaluation():
    content = _xlsx_bytes({"Data": [["a", "b"], [1, 2]]})
    # Add a formula cell with a cached value, as Excel saves it.
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(buffer, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<c r="B2" t="n"><v>2</v></c>',
                                    b'<c r="B2"><f>A2*5</f><v>99</v></c>')
                assert b"<f>A2*5</f>" in data
            out.writestr(item, data)
    version = ingest(buffer.getvalue(), "data.xlsx")
    assert version.status == "review", version.problems
    assert run_query(version, Query()).rows == [{"a": 1, "b": 99}]
    assert version.detected["formula_cells"] == 1


def test_xlsx_formula_without_cached_value_is_reported():
    book = Workbook()
    sheet = book.active
    sheet.append(["a", "b"])
    sheet.append([1, "=A2*2"])
    buffer = io.BytesIO()
    book.save(buffer)
    version = ingest(buffer.getvalue(), "data.xlsx")
    assert version.status == "failed"
    assert version.problems[0]["line"] == 2 and version.problems[0]["column"] == "b"
    assert "rumus tanpa nilai tersimpan" in version.problems[0]["message"]


def xlsx_bomb() -> bytes:
    content = _xlsx_bytes({"Data": [["a"], [1]]})
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item.filename, src.read(item.filename))
        out.writestr("xl/media/padding.xml", b"\0" * (50 * 1024 * 1024))
    return buffer.getvalue()


def test_xlsx_zip_bomb_is_refused_before_parsing():
    content = xlsx_bomb()
    assert len(content) < 200_000
    version = ingest(content, "bom.xlsx")
    assert version.status == "failed"
    assert "bom zip" in version.problems[0]["message"]


def test_xlsx_total_uncompressed_size_limit(settings):
    settings.CATALOG_XLSX_MAX_UNCOMPRESSED_BYTES = 1000
    version = ingest(_xlsx_bytes({"Data": [["a"], [1]]}), "data.xlsx")
    assert version.status == "failed"
    assert "melebihi batas" in version.problems[0]["message"]


def test_json_array_and_data_object():
    array = b'[{"kode": "0012", "nama": "A", "n": 1}, {"kode": "33.20", "nama": "B", "n": 2}]'
    version = ingest(array, "data.json")
    assert version.status == "review", version.problems
    assert version.detected["format"] == "json"
    assert run_query(version, Query()).rows == [{"kode": "0012", "nama": "A", "n": 1},
                                                {"kode": "33.20", "nama": "B", "n": 2}]
    wrapped = ingest(b'{"data": [{"a": 1.5, "b": {"x": 1}}, {"a": 2, "b": null}]}', "d.json")
    assert wrapped.status == "review", wrapped.problems
    rows = run_query(wrapped, Query()).rows
    assert rows[0]["a"] == 1.5 and rows[0]["b"] == '{"x":1}'


def test_json_without_data_key_is_reported():
    version = ingest(b'{"rows": [{"a": 1}]}', "d.json")
    assert version.status == "failed"
    assert "data" in version.problems[0]["message"]


def test_parquet_is_sorted_by_codes_with_row_groups_and_hidden_row():
    content = b"kode,n\n33,1\n11,2\n33,3\n"
    version = ingest(content)
    table = pq.read_table(parquet_location(version))
    assert table.column_names == ["kode", "n", "__row"]
    assert table.column("kode").to_pylist() == ["11", "33", "33"]
    assert table.column("__row").to_pylist() == [1, 2, 3]
    assert table.column("n").to_pylist() == [2, 1, 3]


def test_apply_schema_renames_retypes_and_reports_misfits():
    version = ingest(b"Kode Kab,Jumlah,Catatan\n3320,10,x\n3319,11,12\n")
    schema = [dict(c) for c in version.schema]
    assert [c["name"] for c in schema] == ["kode_kab", "jumlah", "catatan"]
    schema[1].update(name="jumlah_tps", label="Jumlah TPS")
    schema[2].update(type="integer")
    problems = apply_schema(version, schema)
    assert problems == [{"line": 2, "column": "catatan",
                         "message": "Baris 2, kolom Catatan: “x” bukan bilangan bulat."}]
    version.refresh_from_db()
    assert version.schema[1]["name"] == "jumlah"  # nothing changed
    schema[2].update(type="text")
    assert apply_schema(version, schema) == []
    version.refresh_from_db()
    assert [c["name"] for c in version.schema] == ["kode_kab", "jumlah_tps", "catatan"]
    # Stored (and paged) by the code column first.
    assert run_query(version, Query()).rows == [
        {"kode_kab": "3319", "jumlah_tps": 11, "catatan": "12"},
        {"kode_kab": "3320", "jumlah_tps": 10, "catatan": "x"}]


def test_apply_schema_refuses_bad_names():
    from django.core.exceptions import ValidationError

    version = ingest(b"a,b\n1,2\n")
    schema = [dict(c) for c in version.schema]
    schema[0]["name"] = "x') or read_csv('/etc/passwd"
    with pytest.raises(ValidationError, match="tidak sah"):
        apply_schema(version, schema)
    schema[0]["name"] = "b"
    with pytest.raises(ValidationError, match="lebih dari sekali"):
        apply_schema(version, schema)
