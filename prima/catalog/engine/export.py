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
import zipfile
from collections.abc import Iterator

import pyarrow as pa
import pyarrow.csv as pacsv
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from prima.core.spreadsheets import safe_cell

from ..choices import ColumnType
from .aggregate import aggregate_sql
from .query import Query, Table, _where, selected_columns
from .safety import ROW_ID, new_connection, quote_ident, quote_literal
from .schema import DUCK_TYPES, TEXTUAL

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


def stream_export(version, query: Query, fmt: str, on_rows=None) -> Iterator[bytes]:
    """Bytes of the export, produced batch by batch (use in a StreamingHttpResponse);
    ``on_rows(n)`` is called after each batch of ``n`` rows (a background export's
    progress)."""
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
    if fmt == "xlsx":
        return _xlsx(table, sql, params, columns, on_rows or (lambda n: None),
                     dictionary=dictionary_rows(version, columns))
    writer = {"csv": _csv, "json": _json, "parquet": _parquet}[fmt]
    return writer(table, sql, params, columns, on_rows or (lambda n: None))


DICTIONARY_HEADER = ("Kolom", "Label", "Konsep", "Definisi", "Satuan", "Klasifikasi",
                     "Akses publik")


def dictionary_rows(version, columns: list[dict]) -> list[list[str]]:
    """The "Kamus data" sheet of an XLSX export: one row per exported column with its
    variable metadata (MS-Var, Peraturan BPS 5/2020; domain satu-data.md 2), the header
    first. Only the exported columns: a restricted one is never listed."""
    from ..satudata import data_dictionary

    entries = data_dictionary(version.resource, columns=columns)
    return [list(DICTIONARY_HEADER)] + [
        [e["name"], e["label"], e["concept"], e["definition"], e["unit"],
         e["classification"], str(e["access_label"])] for e in entries]


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


def _csv(table, sql, params, columns, on_rows) -> Iterator[bytes]:
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
                on_rows(batch.num_rows)
                data = sink.take()
                if data:
                    yield data
        tail = sink.take()
        if tail:
            yield tail
    finally:
        conn.close()


def _json(table, sql, params, columns, on_rows) -> Iterator[bytes]:
    pairs = ", ".join(f"{quote_literal(c['name'])}, {quote_ident(c['name'])}" for c in columns)
    conn, reader = _reader(table, f"SELECT CAST(json_object({pairs}) AS VARCHAR) AS j "
                                  f"FROM ({sql})", params)
    try:
        yield b"["
        first = True
        for batch in reader:
            items = batch.column(0).to_pylist()
            on_rows(len(items))
            if not items:
                continue
            text = ",\n".join(items)
            yield (("\n" if first else ",\n") + text).encode()
            first = False
        yield b"\n]\n"
    finally:
        conn.close()


# --- XLSX ----------------------------------------------------------------------------------
# The sheet is written as SpreadsheetML rows that DuckDB builds in SQL, one text per row
# (``_xlsx_row_sql``), streamed through a deflating zip writer: no Python work per cell, so a
# large export costs a small multiple of the CSV one (``bench/catalog_export.py``), in
# constant memory. Text cells are inline strings (never formulas), numbers are typed, dates
# and date-times are Excel serials with a date format, the header row is bold and frozen.

_CONTROL = "".join(chr(c) for c in range(32) if c not in (9, 10, 13))
_CONTROL_CLASS = "[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]"  # RE2 class of _CONTROL
XLSX_COMPRESSION = 1  # zlib level: the sheet's XML compresses ~15x even at the fastest level
_XLSX_STYLE = {"date": 1, "datetime": 2, "header": 3}
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_OOXML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_XLSX_FILES = {
    "[Content_Types].xml": (
        f'{_XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_OOXML}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" '
        f'ContentType="{_OOXML}.worksheet+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet2.xml" '
        f'ContentType="{_OOXML}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_OOXML}.styles+xml"/></Types>'),
    "_rels/.rels": (
        f'{_XML_HEAD}<Relationships xmlns="{_REL_NS}"><Relationship Id="rId1" '
        f'Type="{_DOC_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/workbook.xml": (
        f'{_XML_HEAD}<workbook xmlns="{_MAIN_NS}" xmlns:r="{_DOC_REL}"><sheets>'
        '<sheet name="Data" sheetId="1" r:id="rId1"/>'
        '<sheet name="Kamus data" sheetId="2" r:id="rId3"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        f'{_XML_HEAD}<Relationships xmlns="{_REL_NS}">'
        f'<Relationship Id="rId1" Type="{_DOC_REL}/worksheet" '
        'Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_DOC_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId3" Type="{_DOC_REL}/worksheet" '
        'Target="worksheets/sheet2.xml"/>'
        '</Relationships>'),
    "xl/styles.xml": (
        f'{_XML_HEAD}<styleSheet xmlns="{_MAIN_NS}">'
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>'
        '<numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm:ss"/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
        '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
        'borderId="0"/></cellStyleXfs><cellXfs count="4">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" '
        'applyNumberFormat="1"/>'
        '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" '
        'applyNumberFormat="1"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
        '</cellStyles></styleSheet>'),
}
_SHEET_START = (
    f'{_XML_HEAD}<worksheet xmlns="{_MAIN_NS}"><sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    '</sheetView></sheetViews><sheetData>')
_SHEET_END = "</sheetData></worksheet>"


def _xml_text(text: str) -> str:
    """Text for an XML element: escaped, without the control characters XML forbids."""
    clean = str(text).translate({ord(c): None for c in _CONTROL})
    return clean.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xlsx_cell_sql(ident: str, column_type: str) -> str:
    """SQL for one cell of a row: never NULL (an empty cell is ``<c/>``, which keeps the
    following cells in their columns without cell references)."""
    if column_type in TEXTUAL or column_type not in DUCK_TYPES:
        raw = f"CAST({ident} AS VARCHAR)"
        text = (f"replace(replace(replace(regexp_replace({raw}, '{_CONTROL_CLASS}', '', 'g'), "
                f"'&', '&amp;'), '<', '&lt;'), '>', '&gt;')")
        # Spaces at either end survive only with xml:space="preserve" (asked only then: it
        # would add a fifth to the size of the sheet).
        preserve = (f"""CASE WHEN prefix({raw}, ' ') OR suffix({raw}, ' ') """
                    f"""THEN ' xml:space="preserve"' ELSE '' END""")
        value = (f"""'<c t="inlineStr"><is><t' || {preserve} || '>' || {text} """
                 f"""|| '</t></is></c>'""")
    elif column_type == ColumnType.INTEGER:
        value = f"'<c><v>' || CAST({ident} AS VARCHAR) || '</v></c>'"
    elif column_type == ColumnType.DECIMAL:
        value = (f"CASE WHEN isfinite({ident}) THEN '<c><v>' || CAST({ident} AS VARCHAR) || "
                 f"'</v></c>' ELSE '<c/>' END")
    elif column_type == ColumnType.DATE:
        value = (f"""'<c s="{_XLSX_STYLE["date"]}"><v>' || CAST(date_diff('day', """
                 f"DATE '1899-12-30', {ident}) AS VARCHAR) || '</v></c>'")
    elif column_type == ColumnType.DATETIME:
        value = (f"""'<c s="{_XLSX_STYLE["datetime"]}"><v>' || CAST(epoch({ident}) """
                 f"/ 86400.0 + 25569 AS VARCHAR) || '</v></c>'")
    else:  # boolean
        value = f"""'<c t="b"><v>' || CASE WHEN {ident} THEN '1' ELSE '0' END || '</v></c>'"""
    return f"CASE WHEN {ident} IS NULL THEN '<c/>' ELSE {value} END"


def _xlsx_row_sql(sql: str, columns: list[dict]) -> str:
    cells = ", ".join(_xlsx_cell_sql(quote_ident(c["name"]), c.get("type")) for c in columns)
    return f"SELECT concat('<row>', {cells}, '</row>') AS x FROM ({sql})"


def _text_blob(column: pa.Array) -> memoryview:
    """The concatenated text of a string array without copying it (its data buffer)."""
    if column.type not in (pa.string(), pa.large_string()):
        column = column.cast(pa.large_string())
    _validity, offsets, data = column.buffers()[:3]
    if data is None:
        return memoryview(b"")
    bounds = memoryview(offsets).cast("q" if column.type == pa.large_string() else "i")
    return memoryview(data)[bounds[column.offset]:bounds[column.offset + len(column)]]


def _batches_ahead(reader, depth: int = 2) -> Iterator:
    """The reader's batches, produced by a thread ``depth`` batches ahead of the consumer:
    DuckDB builds the next rows while the zip writer compresses these (both release the
    GIL), and memory stays bounded by ``depth`` batches."""
    import queue
    import threading

    handoff: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def hand(item) -> bool:
        while not stop.is_set():
            try:
                handoff.put(item, timeout=0.5)
                return True
            except queue.Full:
                continue
        return False  # the consumer left (e.g. the client went away)

    def produce():
        try:
            for batch in reader:
                if not hand(batch):
                    return
            hand(done)
        except BaseException as error:  # handed to the consumer, raised there
            hand(error)

    worker = threading.Thread(target=produce, name="prima-export", daemon=True)
    worker.start()
    try:
        while (item := handoff.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join(timeout=5)


def _xlsx_plain_sheet(rows: list[list[str]]) -> str:
    """A small sheet of text cells (the first row in the header style)."""
    out = []
    for i, row in enumerate(rows):
        style = f' s="{_XLSX_STYLE["header"]}"' if i == 0 else ""
        out.append("<row>" + "".join(
            f'<c t="inlineStr"{style}><is><t>{_xml_text(safe_cell(value))}</t></is></c>'
            for value in row) + "</row>")
    return _SHEET_START + "".join(out) + _SHEET_END


def _xlsx(table, sql, params, columns, on_rows, dictionary=()) -> Iterator[bytes]:
    conn, reader = _reader(table, _xlsx_row_sql(sql, columns), params)
    try:
        sink = _Sink()
        with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED,
                             compresslevel=XLSX_COMPRESSION) as archive:
            for name, text in _XLSX_FILES.items():
                archive.writestr(name, text)
            yield sink.take()
            with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
                header = "".join(f'<c t="inlineStr" s="{_XLSX_STYLE["header"]}"><is><t>'
                                 f'{_xml_text(safe_cell(c["name"]))}</t></is></c>'
                                 for c in columns)
                sheet.write((_SHEET_START + f"<row>{header}</row>").encode())
                for batch in _batches_ahead(reader):
                    sheet.write(_text_blob(batch.column(0)))
                    on_rows(batch.num_rows)
                    data = sink.take()
                    if data:
                        yield data
                sheet.write(_SHEET_END.encode())
            archive.writestr("xl/worksheets/sheet2.xml",
                             _xlsx_plain_sheet(list(dictionary) or [list(DICTIONARY_HEADER)]))
        tail = sink.take()
        if tail:
            yield tail
    finally:
        conn.close()


def _parquet(table, sql, params, columns, on_rows) -> Iterator[bytes]:
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
