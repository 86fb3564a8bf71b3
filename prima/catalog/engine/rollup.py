"""Aggregate indexes ("rollups") of a version's table, built once when its Parquet is written.

Facets, counts and group-bys over a large table mostly filter and group by a few columns with
few distinct values: province, kabupaten/kota, kecamatan, their codes, a category. For each such
table the writer also stores pre-aggregated tables of those columns, and the query builder
answers from the smallest one that holds every column a query touches instead of scanning every
row (what an OLAP engine calls aggregate tables; Datasette answers the same questions from
SQLite B-tree indexes over every row).

- **Dimensions** are the columns of type text, code, integer, date or boolean with at most
  ``CATALOG_ROLLUP_MAX_DISTINCT`` values. They are chained greedily: each step adds the
  dimension that keeps the number of groups smallest, so a hierarchy is followed level by level
  (province code, its name (no new group), kabupaten/kota code, ...). Integer columns come
  last: most are measures with few values. Each step that adds groups and stays within the
  budget (``CATALOG_ROLLUP_MAX_ROWS`` groups and at most 1/``CATALOG_ROLLUP_RATIO`` of the
  rows) becomes a **level**.
- A level stores its dimension values, the row count ``__n`` and, for every other column i,
  ``__c<i>`` (non-null count), ``__s<i>`` (sum, numeric columns), ``__lo<i>`` / ``__hi<i>``
  (min / max; not for date-times). Counts, sums, averages (sum / count), minima and maxima
  under any equality, comparison, ``in`` or null filter on the dimensions are exact
  re-aggregations of a level.
- The levels live in one read-only SQLite file beside the table (``<id>.rollups.sqlite3``,
  tables ``r0``, ``r1``, ... with an index on every dimension, and a ``manifest`` row naming
  the Parquet file's size and modification time). A small indexed SQLite table answers in tens
  of microseconds where DuckDB needs half a millisecond to plan any query; DuckDB keeps the
  scans over the rows. A table rewritten later (a reviewed schema) no longer matches its
  manifest and is scanned until the rollups are built again; tables smaller than
  ``CATALOG_ROLLUP_MIN_ROWS`` get none (they are scanned fast). ``manage.py catalog_rollups``
  builds them for versions written before rollups existed.
- The same file also holds **every row** (table ``rows``, ``__row`` as its row id, values
  stored as in the levels) with a B-tree **index on every text, code and date column**: the
  row index of selective reads. DuckDB reads a column in every row group to find the rows of
  a value the file is not sorted by (~4 ms on the 750,000-row TPS table, whatever the column);
  an index finds them in microseconds (what Datasette does). A query with an equality filter
  on an indexed column that matches few rows (``query.py``: at most
  ``CATALOG_ROW_INDEX_SELECTIVE``, found by a count bounded by that number) reads its page,
  total, facets and groups there; every other query is scanned by DuckDB. Tables of more than
  ``CATALOG_ROW_INDEX_MAX_CELLS`` cells, or with a NaN in a decimal column (SQLite would store
  it as NULL), get no row index. Beside it, each indexed column's value counts (``rows_f<i>``,
  indexed most frequent first) answer a facet of the whole table on any of those columns,
  however many values it has.
- **Group summaries** (``rows_g<i>``): for each column of a dimension type (text, code,
  integer, date, boolean) with at most ``CATALOG_GROUP_SUMMARY_MAX_GROUPS`` values (and at
  most half as many values as rows; the most frequent columns first within
  ``CATALOG_GROUP_SUMMARY_MAX_CELLS`` cells in all), one row per value in the order of a
  group-by (``__g`` = 1, 2, ...: ascending, NULL last) with the row count ``__n`` and, for
  every other column j, ``__c<j>`` (non-null count; only for columns holding a NULL, the
  others count ``__n``) and for the number columns ``__s<j>``, ``__lo<j>``, ``__hi<j>``
  (sum, min, max; not for a decimal column holding a NaN). A group-by of the whole table (no
  filter, no search) on one such column with counts, sums, averages (sum / count) and
  number minima / maxima reads its page straight from that table (``query.py``), without a
  scan or a re-aggregation, whatever the number of groups; other aggregations are answered
  as before. Built with one DuckDB group-by per column at ingestion.
"""
# SQL is built here from schema identifiers (validated, quoted) only.
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import sqlite3
import threading
import time
from dataclasses import dataclass, field

from django.conf import settings

from ..choices import ColumnType
from .safety import quote_ident, quote_literal, too_slow

logger = logging.getLogger(__name__)

MANIFEST_FORMAT = 2
DIMENSION_TYPES = {ColumnType.TEXT, ColumnType.CODE, ColumnType.INTEGER, ColumnType.DATE,
                   ColumnType.BOOLEAN}
NUMERIC_TYPES = {ColumnType.INTEGER, ColumnType.DECIMAL}
NO_MIN_MAX = {ColumnType.DATETIME}  # their text form would not compare reliably
BATCH_CELLS = 500_000
ROW_TABLE = "rows"
INDEXED_TYPES = {ColumnType.TEXT, ColumnType.CODE, ColumnType.DATE}


@dataclass(frozen=True)
class Level:
    """One pre-aggregated table: its name in the rollup file, its dimensions, its size."""

    table: str
    dims: frozenset[str]
    rows: int


@dataclass
class Rollups:
    """The rollups of one table file, with a read-only connection to them (one per process,
    serialised by ``lock``: each query takes microseconds)."""

    columns: tuple[tuple[str, str], ...] = ()
    levels: tuple[Level, ...] = ()  # smallest first
    # The row index: the columns with an index in table ``rows`` (empty: no row table).
    indexed: frozenset[str] = frozenset()
    # Group summaries: the summarised columns (their number of values), the columns holding
    # a NULL (their counts are stored) and the number columns whose sum/min/max are stored.
    groups: dict = field(default_factory=dict)
    nullable: frozenset[str] = frozenset()
    measures: frozenset[str] = frozenset()
    connection: sqlite3.Connection | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def matches(self, schema: list[dict]) -> bool:
        return self.columns == tuple((col["name"], col["type"]) for col in schema)


def min_rows() -> int:
    return int(getattr(settings, "CATALOG_ROLLUP_MIN_ROWS", 50_000))


def max_distinct() -> int:
    return int(getattr(settings, "CATALOG_ROLLUP_MAX_DISTINCT", 20_000))


def max_rows() -> int:
    return int(getattr(settings, "CATALOG_ROLLUP_MAX_ROWS", 50_000))


def ratio() -> int:
    return int(getattr(settings, "CATALOG_ROLLUP_RATIO", 20))


def row_index_max_cells() -> int:
    return int(getattr(settings, "CATALOG_ROW_INDEX_MAX_CELLS", 60_000_000))


def group_max_groups() -> int:
    return int(getattr(settings, "CATALOG_GROUP_SUMMARY_MAX_GROUPS", 200_000))


def group_max_cells() -> int:
    return int(getattr(settings, "CATALOG_GROUP_SUMMARY_MAX_CELLS", 20_000_000))


def summary_name(schema_index: int) -> str:
    return f"rows_g{schema_index}"


def row_index_name(schema_index: int) -> str:
    return f"rows_i{schema_index}"


def value_counts_name(schema_index: int) -> str:
    return f"rows_f{schema_index}"


def rollup_path(parquet_path: str) -> str:
    return parquet_path[: -len(".parquet")] + ".rollups.sqlite3"


def stat_signature(path: str) -> list[int]:
    stat = os.stat(path)
    return [stat.st_size, stat.st_mtime_ns]


# --- building ----------------------------------------------------------------------------------

def remove(parquet_path: str) -> None:
    if os.path.exists(rollup_path(parquet_path)):
        os.remove(rollup_path(parquet_path))


def distinct_counts(conn, source: str, schema: list[dict]) -> dict[str, int]:
    """The number of values (NULL counting as one) of every column of a dimension type."""
    candidates = [col["name"] for col in schema if col["type"] in DIMENSION_TYPES]
    if not candidates:
        return {}
    idents = [quote_ident(name) for name in candidates]
    counts = conn.execute(
        "SELECT " + ", ".join(f"count(DISTINCT {i}) + max(CASE WHEN {i} IS NULL THEN 1 ELSE 0 "
                              f"END)" for i in idents) + f" FROM {source}").fetchone()
    return dict(zip(candidates, counts, strict=True))


def choose_levels(conn, source: str, schema: list[dict], row_count: int,
                  distinct: dict[str, int] | None = None) -> list[list[str]]:
    """The chain of dimension sets worth storing for the relation ``source`` (DuckDB SQL);
    ``distinct``: ``distinct_counts`` when already known."""
    budget = min(max_rows(), row_count // max(1, ratio()))
    candidates = [col["name"] for col in schema if col["type"] in DIMENSION_TYPES]
    if not candidates or budget < 1:
        return []
    if distinct is None:
        distinct = distinct_counts(conn, source, schema)
    small = [name for name in candidates if distinct[name] <= min(max_distinct(), budget)]
    if not small:
        return []
    # The later questions are asked of the (much smaller) table of distinct combinations.
    conn.execute("CREATE OR REPLACE TEMP TABLE __combos AS SELECT DISTINCT "
                 + ", ".join(quote_ident(n) for n in small) + f" FROM {source}")
    by_name = {col["name"]: col for col in schema}
    chosen: list[str] = []
    groups = 1
    levels: list[list[str]] = []
    # Integer columns come last: most are measures that happen to have few values (invalid
    # votes 0-10) and would multiply every level; a year or a category number still joins
    # when the budget allows.
    tiers = [[n for n in small if by_name[n]["type"] != ColumnType.INTEGER],
             [n for n in small if by_name[n]["type"] == ColumnType.INTEGER]]
    for remaining in tiers:
        while remaining:
            counts = conn.execute(
                "SELECT " + ", ".join(
                    "count(DISTINCT (" + ", ".join(quote_ident(n) for n in [*chosen, name])
                    + "))" for name in remaining) + " FROM __combos").fetchone()
            best = min(range(len(remaining)), key=lambda k: (counts[k], k))
            if counts[best] > budget:
                break
            name = remaining.pop(best)
            if counts[best] > groups and chosen:
                levels.append(list(chosen))
            chosen.append(name)
            groups = counts[best]
    if chosen:
        levels.append(list(chosen))
    conn.execute("DROP TABLE IF EXISTS __combos")
    return levels


def _stored(ident: str, column_type: str) -> str:
    """A DuckDB value as SQLite stores it: dates as ISO text, booleans as 0/1."""
    if column_type == ColumnType.DATE:
        return f"strftime({ident}, '%Y-%m-%d')"
    if column_type == ColumnType.BOOLEAN:
        return f"CAST({ident} AS INTEGER)"
    return ident


def _level_columns(schema: list[dict], dims: list[str]) -> list[tuple[str, str]]:
    """(DuckDB expression, stored name) of every column of a level."""
    out = [(_stored(quote_ident(n), next(c["type"] for c in schema if c["name"] == n)), n)
           for n in dims]
    out.append(("count(*)", "__n"))
    for index, col in enumerate(schema):
        if col["name"] in dims:
            continue
        ident, kind = quote_ident(col["name"]), col["type"]
        out.append((f"count({ident})", f"__c{index}"))
        if kind == ColumnType.INTEGER:
            out.append((f"CAST(sum({ident}) AS BIGINT)", f"__s{index}"))
        elif kind in NUMERIC_TYPES:
            out.append((f"sum({ident})", f"__s{index}"))
        if kind not in NO_MIN_MAX:
            out.append((_stored(f"min({ident})", kind), f"__lo{index}"))
            out.append((_stored(f"max({ident})", kind), f"__hi{index}"))
    return out


def build(conn, parquet_path: str, schema: list[dict]) -> list[dict]:
    """Write the rollups of the typed table at ``parquet_path``; returns the levels written
    (``[]`` when the table is small or has no dimension). ``conn`` is an unrestricted
    ingestion connection. A failure leaves the table without rollups (it is scanned), never
    without its data."""
    remove(parquet_path)
    source = f"read_parquet({quote_literal(parquet_path)})"
    row_count = conn.execute(f"SELECT count(*) FROM {source}").fetchone()[0]
    if row_count < min_rows():
        return []
    dest = rollup_path(parquet_path)
    tmp = f"{dest}.{os.getpid()}.tmp"
    try:
        written, indexed, groups = _write(conn, source, schema, row_count, tmp)
        if written or indexed or groups:
            manifest = {"format": MANIFEST_FORMAT, "table": stat_signature(parquet_path),
                        "columns": [[c["name"], c["type"]] for c in schema], "levels": written,
                        "rows": {"indexed": indexed} if indexed else None,
                        "groups": groups}
            db = sqlite3.connect(tmp)
            try:
                db.execute("CREATE TABLE manifest (body TEXT NOT NULL)")
                db.execute("INSERT INTO manifest VALUES (?)", [json.dumps(manifest)])
                db.commit()
            finally:
                db.close()
            os.replace(tmp, dest)
        return written
    except Exception:
        logger.exception("Rollups of %s could not be built; the table will be scanned",
                         parquet_path)
        return []
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def _write(conn, source: str, schema: list[dict], row_count: int, tmp: str
           ) -> tuple[list[dict], list[str], dict | None]:
    """Write the levels, the group summaries and the row index into the SQLite file ``tmp``;
    returns (the levels written, the indexed columns, the summaries' manifest or None)."""
    distinct = distinct_counts(conn, source, schema)
    levels = choose_levels(conn, source, schema, row_count, distinct)
    db = sqlite3.connect(tmp)
    written = []
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -65536")
        for number, dims in enumerate(levels):
            table = f"r{number}"
            columns = _level_columns(schema, dims)
            group = ", ".join(quote_ident(n) for n in dims)
            result = conn.execute(
                f"SELECT {', '.join(expr for expr, _name in columns)} FROM {source} "
                f"GROUP BY {group} ORDER BY {group}")
            names = ", ".join(quote_ident(name) for _expr, name in columns)
            db.execute(f"CREATE TABLE {table} ({names})")
            insert = f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})"
            count = 0
            # In batches: a wide table's level holds many cells, never all of them in memory.
            while rows := result.fetchmany(max(1, BATCH_CELLS // len(columns))):
                db.executemany(insert, rows)
                count += len(rows)
            for k, name in enumerate(dims):
                db.execute(f"CREATE INDEX {table}_d{k} ON {table} ({quote_ident(name)})")
            written.append({"table": table, "dims": dims, "rows": count})
        groups = _write_groups(conn, source, schema, row_count, distinct, db)
        indexed = _write_rows(conn, source, schema, row_count, db,
                              set(groups["columns"]) if groups else set())
        db.commit()
    finally:
        db.close()
    return written, indexed, groups


def _write_groups(conn, source: str, schema: list[dict], row_count: int,
                  distinct: dict[str, int], db) -> dict | None:
    """Write the group summary ``rows_g<i>`` of each column worth one (module docstring);
    returns their manifest (None: no summary)."""
    limit = min(group_max_groups(), row_count // 2)
    chosen = sorted((n, name) for name, n in distinct.items() if n <= limit)
    if not chosen:
        return None
    idents = {col["name"]: quote_ident(col["name"]) for col in schema}
    decimals = [col["name"] for col in schema if col["type"] == ColumnType.DECIMAL]
    found = conn.execute(
        "SELECT " + ", ".join([*(f"count(*) - count({idents[col['name']]})" for col in schema),
                               *(f"count(*) FILTER (WHERE isnan({idents[name]}))"
                                 for name in decimals)]) + f" FROM {source}").fetchone()
    nullable = [col["name"] for col, nulls in zip(schema, found, strict=False) if nulls]
    with_nan = {name for name, n in zip(decimals, found[len(schema):], strict=True) if n}
    measures = [col["name"] for col in schema
                if col["type"] in NUMERIC_TYPES and col["name"] not in with_nan]
    by_name = {col["name"]: (index, col) for index, col in enumerate(schema)}
    columns: dict[str, int] = {}
    cells = 0
    for n, name in chosen:
        group_index, group_col = by_name[name]
        parts = [(_stored(idents[name], group_col["type"]), quote_ident(name)),
                 ("count(*)", "__n")]
        for index, col in enumerate(schema):
            if index == group_index:
                continue
            ident = idents[col["name"]]
            if col["name"] in nullable:
                parts.append((f"count({ident})", f"__c{index}"))
            if col["name"] in measures:
                parts.append((f"CAST(sum({ident}) AS BIGINT)"
                              if col["type"] == ColumnType.INTEGER else f"sum({ident})",
                              f"__s{index}"))
                parts += [(f"min({ident})", f"__lo{index}"), (f"max({ident})", f"__hi{index}")]
        cells += n * (len(parts) + 1)
        if cells > group_max_cells():
            break
        table = summary_name(group_index)
        db.execute(f"CREATE TABLE {table} (__g INTEGER PRIMARY KEY, "
                   + ", ".join(stored for _expr, stored in parts) + ")")
        insert = f"INSERT INTO {table} VALUES ({', '.join('?' * (len(parts) + 1))})"
        cursor = conn.cursor()  # its own result stream
        written = 0
        try:
            # In the order of a group-by (ascending, NULL last): __g numbers the groups. In
            # batches: a wide table's summary holds many cells, never all of them in memory.
            reader = cursor.sql(
                f"SELECT {', '.join(expr for expr, _stored in parts)} FROM {source} "
                f"GROUP BY {idents[name]} ORDER BY {idents[name]} ASC NULLS LAST"
            ).to_arrow_reader(max(1, BATCH_CELLS // len(parts)))
            for batch in reader:
                values = [column.to_pylist() for column in batch.columns]
                db.executemany(insert, zip(range(written + 1, written + batch.num_rows + 1),
                                           *values, strict=True))
                written += batch.num_rows
        finally:
            cursor.close()
        columns[name] = written
    return {"columns": columns, "nullable": nullable, "measures": measures} if columns \
        else None


def _write_rows(conn, source: str, schema: list[dict], row_count: int, db,
                summarised: set[str] = frozenset()) -> list[str]:
    """Copy every row into the table ``rows`` of ``db`` and index its text, code and date
    columns; returns the indexed columns (``[]``: no row index). The value counts of a text
    or code column in ``summarised`` are copied from its group summary (the same values)."""
    from .safety import ROW_ID

    indexed = [col["name"] for col in schema if col["type"] in INDEXED_TYPES]
    if not indexed or row_count * (len(schema) + 1) > row_index_max_cells():
        return []
    decimals = [quote_ident(col["name"]) for col in schema
                if col["type"] == ColumnType.DECIMAL]
    if decimals and conn.execute(
            f"SELECT count(*) FROM {source} WHERE "
            + " OR ".join(f"isnan({ident})" for ident in decimals)).fetchall()[0][0]:
        return []
    idents = [quote_ident(col["name"]) for col in schema]
    db.execute(f"CREATE TABLE {ROW_TABLE} ({ROW_ID} INTEGER PRIMARY KEY, {', '.join(idents)})")
    insert = f"INSERT INTO {ROW_TABLE} VALUES ({', '.join('?' * (len(schema) + 1))})"
    # Python values column by column (Arrow), dates as the levels store them; rows come in
    # the file's own order, which is __row's: each insert appends to the B-tree.
    stored = [k + 1 for k, col in enumerate(schema)
              if col["type"] in (ColumnType.DATE, ColumnType.DATETIME)]
    cursor = conn.cursor()  # its own result stream, whatever ``conn`` ran last
    try:
        reader = cursor.sql(f"SELECT {ROW_ID}, {', '.join(idents)} FROM {source}"
                            ).to_arrow_reader(max(1, BATCH_CELLS // (len(schema) + 1)))
        for batch in reader:
            columns = [column.to_pylist() for column in batch.columns]
            for k in stored:
                columns[k] = [to_sqlite(value) for value in columns[k]]
            db.executemany(insert, zip(*columns, strict=True))
    finally:
        cursor.close()
    for index, col in enumerate(schema):
        if col["name"] in indexed:
            ident = quote_ident(col["name"])
            db.execute(f"CREATE INDEX {row_index_name(index)} ON {ROW_TABLE} ({ident})")
            # The column's value counts (read from that index), most frequent first: a
            # facet of the whole table on a column of many values, without a scan.
            counts = value_counts_name(index)
            if col["name"] in summarised and col["type"] != ColumnType.DATE:
                db.execute(f"CREATE TABLE {counts} AS SELECT {ident}, __n, "
                           f"{ident} IS NULL AS __null FROM {summary_name(index)}")
            else:
                db.execute(f"CREATE TABLE {counts} AS SELECT {ident}, count(*) AS __n, "
                           f"{ident} IS NULL AS __null FROM {ROW_TABLE} GROUP BY {ident}")
            db.execute(f"CREATE INDEX {counts}_n ON {counts} (__n DESC, __null, {ident})")
    return indexed


# --- reading -----------------------------------------------------------------------------------

def load(parquet_path: str) -> Rollups:
    """The rollups recorded for the table file as it is now: empty when there are none or
    when the file was rewritten after they were built."""
    path = rollup_path(parquet_path)
    if not os.path.exists(path):
        return Rollups()
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True,
                             check_same_thread=False)
    except sqlite3.Error:
        return Rollups()
    try:
        db.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
        manifest = json.loads(db.execute("SELECT body FROM manifest").fetchone()[0])
        if (manifest.get("format") != MANIFEST_FORMAT
                or manifest.get("table") != stat_signature(parquet_path)):
            db.close()
            return Rollups()
        levels = tuple(sorted((Level(table=str(item["table"]), dims=frozenset(item["dims"]),
                                     rows=int(item["rows"])) for item in manifest["levels"]),
                              key=lambda level: level.rows))
        columns = tuple((str(name), str(kind)) for name, kind in manifest["columns"])
        if not all(re.fullmatch(r"r\d{1,3}", level.table) for level in levels):
            raise ValueError("unexpected table name in the rollup manifest")
        indexed = frozenset(str(name) for name in (manifest.get("rows") or {}).get(
            "indexed", []))
        if not indexed <= {name for name, _kind in columns}:
            raise ValueError("unexpected column in the rollup manifest")
        groups_body = manifest.get("groups") or {}
        groups = {str(name): int(n) for name, n in (groups_body.get("columns") or {}).items()}
        nullable = frozenset(str(name) for name in groups_body.get("nullable") or [])
        measures = frozenset(str(name) for name in groups_body.get("measures") or [])
        if not (set(groups) | nullable | measures) <= {name for name, _kind in columns}:
            raise ValueError("unexpected column in the rollup manifest")
        db.execute("PRAGMA cache_size = -8192")  # 8 MB of pages per process
    except (sqlite3.Error, ValueError, KeyError, TypeError):
        db.close()
        return Rollups()
    return Rollups(columns=columns, levels=levels, indexed=indexed, groups=groups,
                   nullable=nullable, measures=measures, connection=db)


def to_sqlite(value):
    """A bound parameter as the rollup file stores its values."""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def rows_from_sqlite(rows: list[tuple], types: list[str]) -> list[tuple]:
    """``from_sqlite`` over result rows, touching only the columns that need it."""
    convert = [(i, kind) for i, kind in enumerate(types) if kind in CONVERTED]
    if not convert:
        return rows
    out = []
    for row in rows:
        row = list(row)
        for i, kind in convert:
            row[i] = from_sqlite(row[i], kind)
        out.append(tuple(row))
    return out


CONVERTED = {ColumnType.DATE, ColumnType.DATETIME, ColumnType.BOOLEAN, ColumnType.DECIMAL}


def from_sqlite(value, column_type: str):
    """A stored value back as DuckDB would have returned it."""
    if value is None:
        return None
    if column_type == ColumnType.DATE:
        return dt.date.fromisoformat(value)
    if column_type == ColumnType.DATETIME:
        return dt.datetime.fromisoformat(value)
    if column_type == ColumnType.BOOLEAN:
        return bool(value)
    if column_type == ColumnType.DECIMAL:
        return float(value)
    return value


# --- the per-process cache and the query runner -----------------------------------------------

_open: dict[str, tuple[tuple, Rollups]] = {}
_open_lock = threading.Lock()
OPEN_PER_PROCESS = 32


def _signature(parquet_path: str) -> tuple:
    try:
        stat = os.stat(rollup_path(parquet_path))
        rollups = (stat.st_size, stat.st_mtime_ns)
    except FileNotFoundError:
        rollups = None
    try:
        stat = os.stat(parquet_path)
    except FileNotFoundError:
        return (None, rollups)
    return ((stat.st_size, stat.st_mtime_ns), rollups)


def rollups_for(parquet_path: str) -> Rollups:
    """The rollups of the table file, opened once per process (again when either file
    changes)."""
    signature = _signature(parquet_path)
    with _open_lock:
        cached = _open.get(parquet_path)
        if cached is not None and cached[0] == signature:
            return cached[1]
    found = load(parquet_path) if signature[1] is not None else Rollups()
    with _open_lock:
        # A replaced connection is not closed here: a thread may still be querying it; it
        # closes when the last reference goes.
        _open.pop(parquet_path, None)
        _open[parquet_path] = (signature, found)
        while len(_open) > OPEN_PER_PROCESS:
            _open.pop(next(iter(_open)))
    return found


def run(rollups: Rollups, sql: str, params: list, seconds: float) -> list[tuple]:
    """Every row of ``sql`` over the rollups, stopped after ``seconds``."""
    deadline = time.monotonic() + seconds
    with rollups.lock:
        rollups.connection.set_progress_handler(lambda: time.monotonic() > deadline, 20_000)
        try:
            return rollups.connection.execute(sql, [to_sqlite(p) for p in params]).fetchall()
        except sqlite3.OperationalError as exc:
            if time.monotonic() > deadline:
                raise too_slow(seconds) from exc
            raise
        finally:
            rollups.connection.set_progress_handler(None, 0)
