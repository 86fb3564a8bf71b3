"""Ingestion of a resource version (CSV/TSV, XLSX, JSON) into Parquet.

One Parquet file per version, ``catalog/parquet/<id>/<sha256>.parquet`` (``files.py``): the
typed table that queries
read, sorted by its first code columns (row groups of 30,000 rows, so filters on those codes
skip most of the file) with a hidden ``__row`` column (the row's position in that order) for
stable keyset pagination, and beside it the table's aggregate indexes (``rollup.py``). A
reviewed schema (``apply_schema``) reads the original file again and writes both anew. Files
are written in a local working directory and then put into storage (a local directory or
object storage); the original is read from storage the same way (``prima.core.storage``).
"""
# SQL is built here from schema identifiers (validated, quoted) and bound parameters only.
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
import time

import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from prima.core.storage import local_path, set_content_mtime

from ..choices import NumberFormat, VersionStatus
from . import detect, files, references, rollup
from . import schema as schema_mod
from .detect import FileProblem
from .safety import (
    ROW_ID,
    new_connection,
    quote_ident,
    quote_literal,
)

logger = logging.getLogger(__name__)

# Rows are sorted by the first code columns; row groups of 30,000 rows let a filter on one
# kabupaten/kota (a few thousand rows) decode ~30k rows instead of ~100k (measured on the
# 750,000-row TPS table: a 50-row page 6.5 -> 4.1 ms, aggregations unchanged).
ROW_GROUP_SIZE = 30_000
MAX_PROBLEMS = 200
SORT_CODE_COLUMNS = 2
LINE = "__line"
FROZEN = {VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED, VersionStatus.DISCARDED}


def max_upload_bytes() -> int:
    return int(getattr(settings, "CATALOG_MAX_UPLOAD_BYTES", 500 * 1024 * 1024))


def _version_model():
    from ..models import ResourceVersion

    return ResourceVersion


def _save(version, **fields) -> None:
    for key, value in fields.items():
        setattr(version, key, value)
    type(version).objects.filter(pk=version.pk).update(**fields)


def ingest_version(version_id: int) -> None:
    """Ingest the version's original file; leaves it REVIEW (with schema) or FAILED (with
    problems). A published, superseded or discarded version is never touched. Idempotent."""
    version = _version_model().objects.select_related("resource").get(pk=version_id)
    if version.status in FROZEN:
        return
    _save(version, status=VersionStatus.INGESTING, progress=1, problems=[])
    workdir = tempfile.mkdtemp(prefix="prima-ingest-")
    old_name = version.parquet_path
    try:
        result = _ingest(version, workdir)
    except FileProblem as exc:
        _save(version, status=VersionStatus.FAILED, progress=100,
              problems=exc.problems[:MAX_PROBLEMS], ingested_at=timezone.now())
        return
    except Exception:
        logger.exception("Ingestion of resource version %s failed", version.pk)
        _save(version, status=VersionStatus.FAILED, progress=100, ingested_at=timezone.now(),
              problems=[{"line": None, "column": None,
                         "message": _("Berkas tidak dapat diproses karena kesalahan sistem. "
                                      "Coba unggah ulang; jika tetap gagal, hubungi admin.")}])
        return
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    _save(version, status=VersionStatus.REVIEW, progress=100, ingested_at=timezone.now(),
          **result)
    files.remove_replaced(old_name, result["parquet_path"])


def _ingest(version, workdir: str) -> dict:
    with local_path(version.original, workdir) as path:
        return _ingest_file(version, path, workdir)


def _ingest_file(version, path: str, workdir: str) -> dict:
    size = os.path.getsize(path)
    if size == 0:
        raise FileProblem(_("Berkas kosong (0 byte)."))
    if size > max_upload_bytes():
        raise FileProblem(_("Ukuran berkas %(size)s MB melebihi batas %(limit)s MB.")
                          % {"size": size // (1024 * 1024),
                             "limit": max_upload_bytes() // (1024 * 1024)})
    fmt = detect.file_format(path, version.original_name)
    number_format = version.resource.number_format or NumberFormat.INTERNATIONAL
    conn = new_connection(lock=False)
    try:
        conn.execute(f"SET temp_directory = {quote_literal(workdir)}")
        conn.execute("SET preserve_insertion_order = true")
        _save(version, progress=5)
        clock = [time.perf_counter()]
        seconds = {}

        def lap(step: str) -> None:
            now = time.perf_counter()
            seconds[step] = round(now - clock[0], 3)
            clock[0] = now

        detected, source_names = _load(conn, version, fmt, workdir, path)
        detected["format"] = fmt
        detected["number_format"] = number_format
        lap("load")
        row_count = conn.execute("SELECT count(*) FROM raw").fetchone()[0]
        if row_count == 0:
            raise FileProblem(_("Berkas tidak berisi baris data (hanya judul kolom atau "
                                "kosong)."))
        _save(version, progress=45)
        raw_columns = [f"c{i}" for i in range(len(source_names))]
        names = schema_mod.sanitise_names(source_names)
        schema = schema_mod.infer_schema(conn, "raw", raw_columns, names, source_names,
                                         number_format)
        detected["columns"] = source_names
        lap("infer")
        # Satu Data: declared region-code columns hold known Kemendagri codes (by line).
        unknown = references.region_problems(conn, "raw", version, schema)
        if unknown:
            raise FileProblem(unknown[0]["message"], problems=unknown)
        _save(version, progress=70)
        _problems, name = _write_typed(conn, "raw", schema, number_format, version, workdir,
                                       check=False)
        lap("parquet")
        detected["seconds"] = seconds
        return {"schema": schema, "detected": detected, "row_count": row_count,
                "parquet_path": name, "problems": []}
    finally:
        conn.close()


# --- loaders: each creates the table ``raw`` (c0..cN VARCHAR, __row, __line) -------------------

def _load(conn, version, fmt: str, workdir: str, path: str) -> tuple[dict, list[str]]:
    if fmt == "xlsx":
        return _load_xlsx(conn, path, version, workdir)
    if fmt == "json":
        return _load_json(conn, path)
    return _load_csv(conn, path, workdir)


def _load_csv(conn, path: str, workdir: str) -> tuple[dict, list[str]]:
    encoding = detect.detect_encoding(path)
    source = path
    if encoding["encoding"] != "utf-8":
        source = os.path.join(workdir, "utf8.csv")
        detect.transcode_to_utf8(path, encoding["encoding"], source)
    delimiter, width = detect.detect_delimiter(detect.head_text(source, "utf-8"))
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + "}"
    conn.execute(
        f"CREATE TABLE raw0 AS SELECT * FROM read_csv({quote_literal(source)}, "
        f"delim={quote_literal(delimiter)}, quote='\"', escape='\"', header=false, "
        f"columns={columns}, auto_detect=false, strict_mode=true, ignore_errors=true, "
        f"store_rejects=true, null_padding=false, max_line_size=10000000)")
    rejects = conn.execute(
        "SELECT line, column_idx, error_type, error_message FROM reject_errors "
        "ORDER BY line LIMIT ?", [MAX_PROBLEMS]).fetchall()
    if rejects:
        raise FileProblem("", problems=[_csv_problem(width, delimiter, *r) for r in rejects])
    header = conn.execute("SELECT * FROM raw0 WHERE rowid = 0").fetchone()
    if header is None:
        raise FileProblem(_("Berkas tidak berisi baris data (hanya judul kolom atau kosong)."))
    source_names = [(value or "").strip() for value in header]
    select = ", ".join(f"c{i}" for i in range(width))
    # Insertion order is kept (preserve_insertion_order), so rowid is the data row number.
    conn.execute(f"CREATE VIEW raw AS SELECT {select}, rowid AS {ROW_ID}, rowid + 1 AS {LINE} "
                 f"FROM raw0 WHERE rowid > 0")
    detected = {"encoding": "windows-1252" if encoding["encoding"] == "cp1252" else "utf-8",
                "bom": encoding["bom"], "delimiter": delimiter, "quote": '"', "header_line": 1}
    return detected, source_names


def _csv_problem(width: int, delimiter: str, line, column_idx, error_type, message) -> dict:
    kind = str(error_type or "").upper()
    found = None
    if "FOUND:" in str(message).upper():
        found = str(message).rsplit(":", 1)[-1].strip()
    if "TOO MANY" in kind:
        text = _("Baris %(line)s berisi %(found)s kolom, seharusnya %(width)s (ada pemisah "
                 "“%(delim)s” berlebih atau tanda kutip yang tidak ditutup).")
    elif "MISSING" in kind:
        text = _("Baris %(line)s berisi %(found)s kolom, seharusnya %(width)s (kolom kurang).")
    elif "QUOTE" in kind:
        text = _("Baris %(line)s: tanda kutip tidak ditutup.")
    elif "LINE SIZE" in kind:
        text = _("Baris %(line)s terlalu panjang.")
    else:
        text = _("Baris %(line)s tidak dapat dibaca sebagai CSV.")
    return {"line": line, "column": int(column_idx) if column_idx is not None else None,
            "message": text % {"line": line, "found": found or "?", "width": width,
                               "delim": detect.DELIMITER_NAMES.get(delimiter, delimiter)}}


def _cell_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else None


def _is_formula(value) -> bool:
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    return isinstance(value, ArrayFormula | DataTableFormula) or (
        isinstance(value, str) and value.startswith("="))


def _load_xlsx(conn, path: str, version, workdir: str) -> tuple[dict, list[str]]:
    from openpyxl import load_workbook

    detect.check_xlsx_archive(path)
    # File objects, not the path: stored originals have no extension, which openpyxl checks.
    values_file, formula_file = open(path, "rb"), open(path, "rb")  # noqa: SIM115
    try:
        values_book = load_workbook(values_file, read_only=True, data_only=True)
        formula_book = load_workbook(formula_file, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        values_file.close()
        formula_file.close()
        raise FileProblem(_("Berkas XLSX rusak atau tidak dapat dibuka.")) from exc
    try:
        sheets = values_book.sheetnames
        wanted = (version.detected or {}).get("sheet")
        if wanted and wanted not in sheets:
            raise FileProblem(_("Lembar “%(sheet)s” tidak ada dalam berkas.") % {"sheet": wanted})
        order = [wanted] if wanted else sheets
        for sheet in order:
            result = _read_sheet(values_book[sheet], formula_book[sheet], workdir)
            if result is not None:
                header_line, source_names, formulas, raw_path = result
                select = ", ".join(f"c{i}" for i in range(len(source_names)))
                conn.execute(f"CREATE TABLE raw AS SELECT {select}, {ROW_ID}, {LINE} FROM "
                             f"read_parquet({quote_literal(raw_path)}) ORDER BY {ROW_ID}")
                return ({"sheet": sheet, "sheets": sheets, "header_line": header_line,
                         "formula_cells": formulas}, source_names)
        raise FileProblem(_("Semua lembar dalam berkas XLSX kosong."))
    finally:
        values_book.close()
        formula_book.close()
        values_file.close()
        formula_file.close()


def _read_sheet(values_sheet, formula_sheet, workdir: str):
    """Stream one sheet into a text Parquet file; None when the sheet is empty."""
    rows = zip(values_sheet.iter_rows(values_only=True),
               formula_sheet.iter_rows(values_only=True), strict=False)
    header, header_line = None, 0
    for line, (values, _formulas) in enumerate(rows, start=1):
        if any(_cell_text(v) is not None for v in values):
            header, header_line = [_cell_text(v) for v in values], line
            break
    if header is None:
        return None
    while header and header[-1] is None:
        header.pop()
    width = len(header)
    source_names = [(h or "").strip() for h in header]
    fields = [pa.field(f"c{i}", pa.string()) for i in range(width)]
    arrow_schema = pa.schema([*fields, pa.field(ROW_ID, pa.int64()), pa.field(LINE, pa.int64())])
    raw_path = os.path.join(workdir, "sheet.parquet")
    problems, formulas, row_id = [], 0, 0
    batch = [[] for _ in range(width + 2)]
    with pq.ParquetWriter(raw_path, arrow_schema) as writer:
        for line, (values, formula_values) in enumerate(rows, start=header_line + 1):
            texts = []
            for index, value in enumerate(values):
                formula = formula_values[index] if index < len(formula_values) else None
                if _is_formula(formula) and value != formula:
                    formulas += 1
                    if value is None:
                        problems.append({"line": line, "column": _column_label(source_names,
                                                                               index),
                                         "message": _("Baris %(line)s, kolom %(col)s: sel "
                                                      "berisi rumus tanpa nilai tersimpan; rumus "
                                                      "tidak dijalankan. Buka dan simpan ulang "
                                                      "berkas di Excel, atau ganti rumus dengan "
                                                      "nilainya.")
                                         % {"line": line,
                                            "col": _column_label(source_names, index)}})
                texts.append(_cell_text(value))
            if all(t is None for t in texts):
                continue
            if len(texts) > width and any(t is not None for t in texts[width:]):
                problems.append({"line": line, "column": width + 1,
                                 "message": _("Baris %(line)s berisi nilai di luar kolom yang "
                                              "berjudul (kolom ke-%(col)s).")
                                 % {"line": line, "col": width + 1}})
            texts = (texts + [None] * width)[:width]
            row_id += 1
            for index, text in enumerate(texts):
                batch[index].append(text)
            batch[width].append(row_id)
            batch[width + 1].append(line)
            if len(problems) >= MAX_PROBLEMS:
                break
            if len(batch[width]) >= 50_000:
                writer.write_batch(pa.record_batch(batch, schema=arrow_schema))
                batch = [[] for _ in range(width + 2)]
        if batch[width]:
            writer.write_batch(pa.record_batch(batch, schema=arrow_schema))
    if problems:
        raise FileProblem(problems[0]["message"], problems=problems)
    return header_line, source_names, formulas, raw_path


def _column_label(source_names: list[str], index: int) -> str:
    if index < len(source_names) and source_names[index]:
        return source_names[index]
    return str(index + 1)


def _load_json(conn, path: str) -> tuple[dict, list[str]]:
    with open(path, "rb") as fh:
        head = fh.read(4096).lstrip(b"\xef\xbb\xbf").lstrip()
    size_limit = max(os.path.getsize(path) + 1024, 16 * 1024 * 1024)
    source = quote_literal(path)
    try:
        if head.startswith(b"["):
            conn.execute(f"CREATE TABLE j AS SELECT * FROM read_json({source}, format='array', "
                         f"records=true, sample_size=-1, maximum_object_size={size_limit})")
        else:
            conn.execute(f"CREATE TABLE j0 AS SELECT * FROM read_json({source}, "
                         f"format='unstructured', records=true, sample_size=-1, "
                         f"maximum_object_size={size_limit})")
            names = [r[0] for r in conn.execute("DESCRIBE j0").fetchall()]
            if "data" not in names:
                raise FileProblem(_("JSON harus berupa larik objek, atau objek dengan kunci "
                                    "“data” berisi larik objek."))
            conn.execute("CREATE TABLE j AS SELECT unnest(data, recursive := false) "
                         "FROM (SELECT unnest(data) AS data FROM j0)")
    except FileProblem:
        raise
    except Exception as exc:
        raise FileProblem(_("JSON tidak sah atau bukan larik objek: %(error)s")
                          % {"error": str(exc).splitlines()[0][:200]}) from exc
    described = conn.execute("DESCRIBE j").fetchall()
    if not described or (len(described) == 1 and described[0][0] in ("json", "data")
                         and not described[0][1].startswith("STRUCT")
                         and described[0][1] in ("JSON", "VARCHAR")):
        raise FileProblem(_("JSON harus berupa larik objek (satu objek per baris data)."))
    parts = []
    for index, (name, duck_type, *_rest) in enumerate(described):
        column = quote_ident(name)
        if duck_type.startswith(("STRUCT", "MAP")) or duck_type.endswith("]") \
                or duck_type == "JSON":
            parts.append(f"CAST(to_json({column}) AS VARCHAR) AS c{index}")
        else:
            parts.append(f"CAST({column} AS VARCHAR) AS c{index}")
    conn.execute(f"CREATE TABLE raw AS SELECT {', '.join(parts)}, "
                 f"row_number() OVER () AS {ROW_ID}, row_number() OVER () AS {LINE} FROM j")
    return {"encoding": "utf-8"}, [name for name, *_rest in described]


# --- writers -----------------------------------------------------------------------------------

def _copy(conn, select_sql: str, dest: str, params: list | None = None) -> None:
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    tmp = f"{dest}.{os.getpid()}.tmp"
    conn.execute(f"COPY ({select_sql}) TO {quote_literal(tmp)} (FORMAT parquet, "
                 f"COMPRESSION zstd, ROW_GROUP_SIZE {ROW_GROUP_SIZE})", params or [])
    os.replace(tmp, dest)


def _write_typed(conn, table: str, schema: list[dict], number_format: str, version,
                 workdir: str, *, check: bool = True) -> tuple[list[dict], str | None]:
    """Check every value fits its column's type (unless the schema was just inferred from
    those very values), then write the typed Parquet file and its rollups and store them;
    returns the problems (nothing written) or ``([], the stored name)``."""
    casts = {col["name"]: schema_mod.cast_expr(quote_ident(f"c{col['source_index']}"),
                                               col["type"], number_format)
             for col in schema}
    checks = [col for col in schema if col["type"] not in schema_mod.TEXTUAL] if check else []
    if checks:
        misfit = " OR ".join(
            f"(nullif(trim(c{col['source_index']}), '') IS NOT NULL AND "
            f"({casts[col['name']]}) IS NULL)" for col in checks)
        lists = ", ".join(
            f"CASE WHEN nullif(trim(c{col['source_index']}), '') IS NOT NULL AND "
            f"({casts[col['name']]}) IS NULL THEN {i} END" for i, col in enumerate(checks))
        raw_values = ", ".join(f"c{col['source_index']}" for col in checks)
        bad = conn.execute(
            f"SELECT {LINE}, list_filter([{lists}], lambda x: x IS NOT NULL), [{raw_values}] "
            f"FROM {table} WHERE {misfit} ORDER BY {ROW_ID} LIMIT {MAX_PROBLEMS}").fetchall()
        if bad:
            return [_type_problem(line, checks[i], values[i]) for line, idx, values in bad
                    for i in idx][:MAX_PROBLEMS], None
    select = ", ".join(f"{casts[col['name']]} AS {quote_ident(col['name'])}" for col in schema)
    codes = [col for col in schema if col["is_code"]][:SORT_CODE_COLUMNS]
    order = ", ".join([*(f"{quote_ident(col['name'])} NULLS LAST" for col in codes), ROW_ID])
    # Rows are stored sorted by the first code columns (so filters on them skip row groups),
    # and __row is renumbered in that stored order: ORDER BY __row is then the file's own
    # order, keyset conditions on __row prune row groups too, and an unsorted export streams
    # straight from the file without a sort.
    local = os.path.join(workdir, "typed.parquet")
    _copy(conn, f"SELECT {select}, row_number() OVER (ORDER BY {order}) AS {ROW_ID} "
                f"FROM {table} ORDER BY {ROW_ID}", local)
    # The rollup manifest records the table's (size, mtime): the fixed mtime of checksum-named
    # files makes it the same on every node that downloads the table.
    set_content_mtime(local)
    rollup.build(conn, local, schema)
    return [], files.publish(version, local)


TYPE_WORDS = {
    "integer": "bilangan bulat", "decimal": "bilangan desimal", "date": "tanggal (2024-02-14 "
    "atau 14/02/2024)", "datetime": "tanggal dan waktu", "boolean": "ya/tidak",
}


def _type_problem(line, column: dict, value) -> dict:
    return {"line": line, "column": column["name"],
            "message": _("Baris %(line)s, kolom %(col)s: “%(value)s” bukan %(type)s.")
            % {"line": line, "col": column["label"] or column["name"], "value": str(value)[:80],
               "type": TYPE_WORDS.get(column["type"], column["type"])}}


def apply_schema(version, schema: list[dict]) -> list[dict]:
    """Apply a reviewed schema (names, labels, types, codes) to the version: every value must
    fit its chosen type, else the problems (with lines) are returned and nothing changes; when
    all fit, the typed Parquet is rewritten and ``version.schema`` saved."""
    if version.status in FROZEN:
        raise ValidationError(_("Versi yang sudah terbit tidak dapat diubah skemanya."),
                              code="frozen")
    if version.status not in (VersionStatus.REVIEW,) or not version.schema:
        raise ValidationError(_("Versi ini belum selesai diproses."), code="not_ingested")
    number_format = version.resource.number_format or NumberFormat.INTERNATIONAL
    raw_count = len((version.detected or {}).get("columns") or []) or len(version.schema)
    clean = schema_mod.validate_schema(schema, raw_count)
    workdir = tempfile.mkdtemp(prefix="prima-schema-")
    conn = new_connection(lock=False)
    old_name, name = version.parquet_path, None
    try:
        conn.execute(f"SET temp_directory = {quote_literal(workdir)}")
        # The values are read again from the original file, exactly as at ingestion.
        with local_path(version.original, workdir) as path:
            fmt = (version.detected or {}).get("format") or detect.file_format(
                path, version.original_name)
            _load(conn, version, fmt, workdir, path)
            problems = references.region_problems(conn, "raw", version, clean)
            if not problems:
                problems, name = _write_typed(conn, "raw", clean, number_format, version,
                                              workdir)
    except FileProblem as exc:
        problems = exc.problems
    finally:
        conn.close()
        shutil.rmtree(workdir, ignore_errors=True)
    if problems:
        return problems
    _save(version, schema=clean, parquet_path=name)
    files.remove_replaced(old_name, name)
    return []
