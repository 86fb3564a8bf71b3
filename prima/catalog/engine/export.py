"""Streamed exports of a query's rows (or its aggregation) as CSV, JSON, XLSX or Parquet.

Rows come from DuckDB as Arrow record batches of ``BATCH_ROWS`` rows, so memory stays flat
whatever the size of the table. Text cells that a spreadsheet would run as a formula (starting
with ``=``, ``+``, ``-``, ``@``, tab or carriage return) get a leading apostrophe in CSV and XLSX;
JSON and Parquet are typed formats and carry the values unchanged.
"""
# SQL is built here from schema identifiers (validated, quoted) and bound parameters only.
# ruff: noqa: S608

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Iterator

import pyarrow as pa
import pyarrow.csv as pacsv
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .query import Query, Table, _where, aggregate_sql, selected_columns
from .safety import ROW_ID, new_connection, quote_ident, quote_literal
from .schema import TEXTUAL

FORMATS = ("csv", "json", "xlsx", "parquet")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}
BATCH_ROWS = 20_000
CHUNK_BYTES = 256 * 1024
XLSX_MAX_ROWS = 1_048_575
FORMULA_START = "^[=+\\-@\t\r]"


def _neutralised(ident: str) -> str:
    return (f"CASE WHEN regexp_matches({ident}, '{FORMULA_START}') THEN '''' || {ident} "
            f"ELSE {ident} END")


def export_sql(table: Table, query: Query, *, neutralise: bool) -> tuple[str, list, list[dict]]:
    """The SELECT of an export (every matching row, in the query's order) and its columns."""
    if query.group_by or query.metrics:
        sql, params, output, order, _groups, _level = aggregate_sql(
            table, query, query.group_by, query.metrics, rollups=False)
        inner = f"SELECT * FROM ({sql}) ORDER BY {order}"
        columns = output
    else:
        columns = selected_columns(table, query)
        where, params = _where(table, query)
        select = ", ".join(quote_ident(c["name"]) for c in columns)
        if query.sort:
            order = ", ".join([*(f"{quote_ident(table.column(n)['name'])} "
                                 f"{'DESC' if d else 'ASC'} NULLS LAST" for n, d in query.sort),
                               ROW_ID])
            inner = f"SELECT {select} FROM t WHERE {where} ORDER BY {order}"
        else:
            # The file is stored in __row order and DuckDB keeps insertion order: no sort, so
            # the export streams in constant memory.
            inner = f"SELECT {select} FROM t WHERE {where}"
    parts = []
    for col in columns:
        ident = quote_ident(col["name"])
        parts.append(f"{_neutralised(ident)} AS {ident}" if neutralise and col["type"] in TEXTUAL
                     else ident)
    return f"SELECT {', '.join(parts)} FROM ({inner})", params, columns


def stream_export(version, query: Query, fmt: str) -> Iterator[bytes]:
    """Bytes of the export, produced batch by batch (use in a StreamingHttpResponse)."""
    if fmt not in FORMATS:
        raise ValidationError(_("Format unduhan “%(fmt)s” tidak dikenal. Pilih: %(fmts)s.")
                              % {"fmt": str(fmt)[:20], "fmts": ", ".join(FORMATS)},
                              code="format")
    table = Table(version)
    # Validate everything (columns, values, metrics) before the first byte is produced.
    sql, params, columns = export_sql(table, query, neutralise=fmt in ("csv", "xlsx"))
    if fmt == "xlsx":
        from .query import count_rows

        if not (query.group_by or query.metrics) and count_rows(version, query) > XLSX_MAX_ROWS:
            raise ValidationError(_("Hasil lebih dari %(n)s baris, melebihi batas satu lembar "
                                    "Excel. Unduh sebagai CSV atau Parquet, atau persempit "
                                    "filter.") % {"n": f"{XLSX_MAX_ROWS:,}".replace(",", ".")},
                                  code="xlsx_rows")
    writer = {"csv": _csv, "json": _json, "xlsx": _xlsx, "parquet": _parquet}[fmt]
    return writer(table, sql, params, columns)


def _reader(table: Table, sql: str, params: list, writable_dir: str | None = None):
    """A dedicated connection (exports are long; they must not share the thread's cached one)
    and a record batch reader over ``sql``."""
    conn = new_connection(readable=[table.path], writable_dir=writable_dir)
    conn.execute(f"CREATE VIEW t AS SELECT * FROM read_parquet({quote_literal(table.path)})")
    return conn, conn.sql(sql, params=params).to_arrow_reader(BATCH_ROWS)


class _Sink(io.RawIOBase):
    """A write-only file that hands what was written back to the generator."""

    def __init__(self):
        self.parts: list[bytes] = []

    def writable(self):
        return True

    def write(self, data):
        self.parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data, self.parts = b"".join(self.parts), []
        return data


def _csv(table, sql, params, columns) -> Iterator[bytes]:
    conn, reader = _reader(table, sql, params)
    try:
        sink = _Sink()
        names = [c["name"] for c in columns]
        schema = pa.schema([pa.field(n, f.type) for n, f in zip(names, reader.schema,
                                                                 strict=True)])
        with pacsv.CSVWriter(sink, schema,
                             write_options=pacsv.WriteOptions(quoting_style="needed")) as writer:
            yield sink.take()
            for batch in reader:
                writer.write_batch(pa.record_batch(batch.columns, schema=schema))
                data = sink.take()
                if data:
                    yield data
        tail = sink.take()
        if tail:
            yield tail
    finally:
        conn.close()


def _json(table, sql, params, columns) -> Iterator[bytes]:
    pairs = ", ".join(f"{quote_literal(c['name'])}, {quote_ident(c['name'])}" for c in columns)
    conn, reader = _reader(table, f"SELECT CAST(json_object({pairs}) AS VARCHAR) AS j "
                                  f"FROM ({sql})", params)
    try:
        yield b"["
        first = True
        for batch in reader:
            items = batch.column(0).to_pylist()
            if not items:
                continue
            text = ",\n".join(items)
            yield (("\n" if first else ",\n") + text).encode()
            first = False
        yield b"\n]\n"
    finally:
        conn.close()


def _xlsx(table, sql, params, columns) -> Iterator[bytes]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from prima.core.spreadsheets import safe_cell

    workdir = tempfile.mkdtemp(prefix="prima-export-")
    path = os.path.join(workdir, "export.xlsx")
    try:
        conn, reader = _reader(table, sql, params)
        try:
            workbook = Workbook(write_only=True)
            sheet = workbook.create_sheet(title="Data")
            header = []
            for col in columns:
                cell = WriteOnlyCell(sheet, value=safe_cell(col["name"]))
                cell.font = Font(bold=True)
                header.append(cell)
            sheet.append(header)
            for batch in reader:
                lists = [column.to_pylist() for column in batch.columns]
                for row in zip(*lists, strict=True):
                    # Text was neutralised in SQL already; safe_cell also strips XML-illegal
                    # characters and keeps numbers and dates typed.
                    sheet.append([None if v is None else safe_cell(v) if not isinstance(v, str)
                                  else v.translate(_ILLEGAL) for v in row])
            workbook.save(path)
        finally:
            conn.close()
        with open(path, "rb") as fh:
            while chunk := fh.read(CHUNK_BYTES):
                yield chunk
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


_ILLEGAL = {c: None for c in range(32) if c not in (9, 10, 13)}


def _parquet(table, sql, params, columns) -> Iterator[bytes]:
    workdir = tempfile.mkdtemp(prefix="prima-export-")
    path = os.path.join(workdir, "export.parquet")
    try:
        conn = new_connection(readable=[table.path], writable_dir=workdir)
        try:
            conn.execute(f"CREATE VIEW t AS SELECT * FROM read_parquet("
                         f"{quote_literal(table.path)})")
            conn.execute(f"COPY ({sql}) TO {quote_literal(path)} (FORMAT parquet, "
                         f"COMPRESSION zstd, ROW_GROUP_SIZE 100000)", params)
        finally:
            conn.close()
        with open(path, "rb") as fh:
            while chunk := fh.read(CHUNK_BYTES):
                yield chunk
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def filename(version, fmt: str) -> str:
    """A download name: <resource slug>-v<number>.<fmt>."""
    slug = getattr(version.resource, "slug", "") or "data"
    return f"{slug}-v{version.number}.{fmt}"
