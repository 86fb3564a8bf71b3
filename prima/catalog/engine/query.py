"""Queries over a version's Parquet table: filtered pages, counts and facets (aggregations:
``aggregate``).

The URL convention (shared by the HTML table, its .json/.csv twins and the APIs) is parsed by
``parse_query``: ``<col>__<op>=value`` (ops: eq, ne, contains, gt, gte, lt, lte, in, isnull;
a bare ``<col>=value`` means eq), ``_search=``, ``_sort=col`` / ``_sort_desc=col`` (repeatable, in
order), ``_size=`` (1-1000), ``_after=`` (keyset token), ``_offset=``, ``_col=`` (repeatable or
comma-separated), ``_facet=``, ``_group_by=``, ``_metric=sum:votes_1`` (count, sum, avg, min, max).

Identifiers come only from the version's schema and are quoted; every value is a bound parameter.
Pages use keyset pagination on (sort columns, ``__row``). A version's file never changes once
written (a rewrite changes its modification time and size, hence the key), so the results of
counts, pages, facets and aggregations are kept in a per-process LRU keyed by the file's
signature and the exact SQL and parameters, bounded by a budget of cells (``RESULT_CACHE_CELLS``)
and entries (``RESULT_CACHE_ENTRIES``); ``result_cache_clear()`` empties it.
"""
# SQL is built here from schema identifiers (validated, quoted) and bound parameters only.
# ruff: noqa: S608

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from prima.core.params import MAX_OFFSET, BadParameter, bounded_int
from prima.core.scope import ROOT_CODE

from ..choices import ColumnType
from . import rollup
from .rollup import Level
from .safety import ROW_ID, parquet_location, query_seconds, quote_ident, run, table_connection
from .schema import DUCK_TYPES, TEXTUAL

# ``subtree`` (Satu Data): a region code and every code below it, e.g. kode_desa__subtree=33.20.
OPS = ("eq", "ne", "contains", "gt", "gte", "lt", "lte", "in", "isnull", "subtree")
COMPARE = {"eq": "=", "ne": "<>", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}
METRICS = ("count", "sum", "avg", "min", "max")
MAX_PAGE = 1000
MAX_IN_VALUES = 1000
MAX_SORT = 3
MAX_SEARCH_WORDS = 10
# Operators SQLite evaluates exactly as DuckDB (``contains`` uses DuckDB's ``lower``).
ROW_INDEX_OPS = {"eq", "ne", "gt", "gte", "lt", "lte", "in", "isnull"}


@dataclass
class Filter:
    column: str
    op: str = "eq"
    value: str | list[str] | None = None


@dataclass
class Query:
    filters: list[Filter] = field(default_factory=list)
    search: str = ""
    sort: list[tuple[str, bool]] = field(default_factory=list)  # (column, descending)
    columns: list[str] | None = None
    limit: int = 50
    after: str | None = None
    offset: int | None = None
    facets: list[str] = field(default_factory=list)
    group_by: list[str] = field(default_factory=list)
    metrics: list[tuple[str, str | None]] = field(default_factory=list)
    # Distinct rows of the selected columns (CKAN datastore_search ``distinct``); paged by
    # offset, sorted by ``sort`` then every selected column.
    distinct: bool = False


@dataclass
class Page:
    columns: list[dict]
    rows: list[dict]
    total: int
    next_after: str | None
    elapsed_ms: float
    row_ids: list[int] | None = None  # each row's ``__row`` (None for distinct rows)


# --- the table of a version --------------------------------------------------------------------

class Table:
    """A version's schema and Parquet file, as the query builder sees them."""

    def __init__(self, version):
        self.version = version
        self.schema = list(version.schema or [])
        if not self.schema:
            raise ValidationError(_("Data tabel untuk versi ini belum tersedia."),
                                  code="no_data")
        self.by_name = {col["name"]: col for col in self.schema}
        # A public view (``access.public_view``) hides restricted columns from ``schema``;
        # the file and its rollups still hold every column.
        self.full_schema = list(getattr(version, "full_schema", None) or self.schema)
        self.path = parquet_location(version)

    def column(self, name) -> dict:
        col = self.by_name.get(str(name))
        if col is None:
            raise ValidationError(_("Kolom “%(name)s” tidak ada dalam tabel ini.")
                                  % {"name": str(name)[:80]}, code="unknown_column")
        return col

    def connection(self):
        return table_connection(self.path)

    def level_for(self, query: Query, columns=()) -> Level | None:
        """The smallest rollup level (``rollup.py``) holding every column the query filters
        on and ``columns``, or ``None`` when the rows themselves must be scanned: no rollups,
        a full-text search or ``contains`` filter (SQLite's ``lower`` is not DuckDB's), a
        column outside every level."""
        if query.search or any(flt.op in ("contains", "subtree") for flt in query.filters):
            return None
        needed = {flt.column for flt in query.filters} | set(columns)
        found = rollup.rollups_for(self.path)
        if not found.levels or not found.matches(self.full_schema):
            return None
        self.rollups = found
        return next((level for level in found.levels if needed <= level.dims), None)

    def index(self, name: str) -> int:
        return next(i for i, col in enumerate(self.full_schema) if col["name"] == name)

    def value_counts(self, query: Query, name: str) -> str | None:
        """The row index's table of ``name``'s value counts (``rollup.py``) when the query
        asks about the whole table (no filter, no search), else ``None``."""
        if query.search or query.filters:
            return None
        found = rollup.rollups_for(self.path)
        if name not in found.indexed or not found.matches(self.full_schema):
            return None
        self.rollups = found
        return rollup.value_counts_name(self.index(name))

    def group_summary(self, query: Query, group_by: list[str], metrics) -> str | None:
        """The group summary table (``rollup.py``) answering the aggregation, when it groups
        the whole table (no filter, no search) by one summarised column and every metric is
        stored there (counts always; sums, averages, minima and maxima of the number columns
        whose sums are stored, or of the group column itself), else ``None``."""
        if query.search or query.filters or query.distinct or len(group_by) != 1:
            return None
        found = rollup.rollups_for(self.path)
        name = self.column(group_by[0])["name"]
        if name not in found.groups or not found.matches(self.full_schema):
            return None
        for metric in metrics or []:
            fn, column = str(metric[0]).lower(), metric[1] if len(metric) > 1 else None
            if fn != "count" and column not in (None, "", name) \
                    and self.column(column)["name"] not in found.measures:
                return None
        self.rollups = found
        return rollup.summary_name(self.index(name))

    def selective(self, query: Query, *, any_size: bool = False) -> str | None:
        """The ``FROM`` clause (SQLite SQL) that reads the query's rows through the row index
        (``rollup.py``): the index of its most selective equality filter, when that filter
        matches at most ``CATALOG_ROW_INDEX_SELECTIVE`` rows; ``None`` when DuckDB must scan
        (no row index, a search, ``contains`` or ``subtree``, no indexed equality, too many
        rows). The bounded counts are index-only and cached like any result.

        ``any_size``: a query whose only filter is an indexed equality reads that index
        whatever the number of rows (for an unsorted page — the index holds its rows in
        ``__row`` order, the first ones are read — or a count, read from the index alone)."""
        if query.search or not query.filters or any(
                flt.op not in ROW_INDEX_OPS for flt in query.filters):
            return None
        found = rollup.rollups_for(self.path)
        if not found.indexed or not found.matches(self.full_schema):
            return None
        self.rollups = found
        only = query.filters[0] if len(query.filters) == 1 else None
        if any_size and only is not None and only.op == "eq" and only.column in found.indexed \
                and only.value not in (None, []):
            name = self.column(only.column)["name"]
            return f"{rollup.ROW_TABLE} INDEXED BY {rollup.row_index_name(self.index(name))}"
        limit = row_index_selective()
        best = None
        for flt in query.filters:
            if flt.op != "eq" or flt.column not in found.indexed:
                continue
            col = self.column(flt.column)
            value = flt.value[0] if isinstance(flt.value, list) and flt.value else flt.value
            if value is None:
                continue
            index = rollup.row_index_name(self.index(col["name"]))
            n = _fetch_rollup(self, f"SELECT count(*) FROM (SELECT 1 FROM {rollup.ROW_TABLE} "
                                    f"INDEXED BY {index} WHERE {quote_ident(col['name'])} = ? "
                                    f"LIMIT {limit + 1})", [convert(col, value)])[0][0]
            if n <= limit and (best is None or n < best[0]):
                best = (n, index)
        return None if best is None else f"{rollup.ROW_TABLE} INDEXED BY {best[1]}"

    def signature(self) -> tuple:
        stat = os.stat(self.path)
        return (self.version.pk, self.path, stat.st_mtime_ns, stat.st_size)


def row_index_selective() -> int:
    return int(getattr(settings, "CATALOG_ROW_INDEX_SELECTIVE", 5000))


def _bad_value(col: dict, value, kind: str) -> ValidationError:
    return ValidationError(_("Nilai “%(value)s” untuk kolom %(col)s harus %(kind)s.")
                           % {"value": str(value)[:80], "col": col["label"] or col["name"],
                              "kind": kind}, code="bad_value")


def convert(col: dict, value):
    """A filter value as the Python type of the column (bound as a parameter)."""
    if value is None:
        return None
    text = str(value).strip()
    column_type = col["type"]
    if column_type in TEXTUAL:
        return str(value)
    try:
        if column_type == ColumnType.INTEGER:
            return int(text)
        if column_type == ColumnType.DECIMAL:
            return float(text.replace(",", ".")) if text.count(",") == 1 and "." not in text \
                else float(text)
        if column_type == ColumnType.DATE:
            if "/" in text:
                day, month, year = text.split("/")
                return dt.date(int(year), int(month), int(day))
            return dt.date.fromisoformat(text)
        if column_type == ColumnType.DATETIME:
            return dt.datetime.fromisoformat(text)
        if column_type == ColumnType.BOOLEAN:
            lowered = text.lower()
            if lowered in ("true", "1", "ya", "benar"):
                return True
            if lowered in ("false", "0", "tidak", "salah"):
                return False
            raise ValueError(text)
    except (ValueError, OverflowError) as exc:
        kinds = {ColumnType.INTEGER: _("bilangan bulat"), ColumnType.DECIMAL: _("bilangan"),
                 ColumnType.DATE: _("tanggal (2024-02-14 atau 14/02/2024)"),
                 ColumnType.DATETIME: _("tanggal dan waktu (2024-02-14 08:30)"),
                 ColumnType.BOOLEAN: _("true atau false")}
        raise _bad_value(col, value, kinds.get(column_type, column_type)) from exc
    return str(value)


def _duck_type(col: dict) -> str:
    return DUCK_TYPES.get(col["type"], "VARCHAR")


def _where(table: Table, query: Query) -> tuple[str, list]:
    clauses, params = [], []
    for flt in query.filters:
        col = table.column(flt.column)
        ident = quote_ident(col["name"])
        op = flt.op
        if op not in OPS:
            raise ValidationError(_("Operator “%(op)s” tidak dikenal. Gunakan salah satu: "
                                    "%(ops)s.") % {"op": str(op)[:40], "ops": ", ".join(OPS)},
                                  code="unknown_op")
        if op == "isnull":
            wanted = str(flt.value if flt.value is not None else "true").strip().lower()
            clauses.append(f"{ident} IS NOT NULL" if wanted in ("0", "false", "tidak")
                           else f"{ident} IS NULL")
        elif op == "subtree":
            # A region-code column filtered by a satker (Satu Data, domain satu-data.md 4):
            # the code itself and every code below it (core.scope's rule; "0" is everything).
            code = str((flt.value[0] if isinstance(flt.value, list) else flt.value) or "")
            code = code.strip()
            if code != ROOT_CODE:
                target = f"CAST({ident} AS VARCHAR)"
                clauses.append(f"({target} = ? OR starts_with({target}, ?))")
                params.extend([code, code + "."])
        elif op == "contains":
            text = flt.value if not isinstance(flt.value, list) else " ".join(flt.value)
            target = ident if col["type"] in TEXTUAL else f"CAST({ident} AS VARCHAR)"
            clauses.append(f"contains(lower({target}), ?)")
            params.append(str(text or "").lower())
        elif op == "in":
            values = flt.value if isinstance(flt.value, list) else \
                [v for v in str(flt.value or "").split(",")]
            values = [v.strip() if col["type"] not in TEXTUAL else v for v in values]
            if not values or len(values) > MAX_IN_VALUES:
                raise ValidationError(_("Filter “in” memerlukan 1 sampai %(n)s nilai.")
                                      % {"n": MAX_IN_VALUES}, code="bad_in")
            clauses.append(f"{ident} IN ({', '.join('?' for _v in values)})")
            params.extend(convert(col, v) for v in values)
        else:
            value = flt.value[0] if isinstance(flt.value, list) and flt.value else flt.value
            if value is None:
                raise _bad_value(col, "", _("diisi"))
            clauses.append(f"{ident} {COMPARE[op]} ?")
            params.append(convert(col, value))
    words = str(query.search or "").lower().split()[:MAX_SEARCH_WORDS]
    if words:
        texts = [c for c in table.schema if c["type"] in TEXTUAL] or table.schema
        for word in words:
            ors = []
            for col in texts:
                target = quote_ident(col["name"])
                if col["type"] not in TEXTUAL:
                    target = f"CAST({target} AS VARCHAR)"
                ors.append(f"contains(lower({target}), ?)")
                params.append(word)
            clauses.append("(" + " OR ".join(ors) + ")")
    return (" AND ".join(clauses) or "TRUE"), params


# --- results cache ----------------------------------------------------------------------------

RESULT_CACHE_ENTRIES = 4096
RESULT_CACHE_CELLS = 2_000_000  # ~ tens of MB of Python objects at most
RESULT_MAX_CELLS = 60_000  # a larger single result is not kept


class _ResultCache:
    """An LRU of query results (lists of tuples), bounded by entries and by cells."""

    def __init__(self, entries: int, cells: int):
        self.entries, self.cells = entries, cells
        self.items: OrderedDict = OrderedDict()
        self.used = 0
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key):
        with self.lock:
            item = self.items.get(key)
            if item is None:
                self.misses += 1
                return None
            self.items.move_to_end(key)
            self.hits += 1
            return item[0]

    def put(self, key, value, cells: int) -> None:
        if cells > RESULT_MAX_CELLS:
            return
        with self.lock:
            old = self.items.pop(key, None)
            if old is not None:
                self.used -= old[1]
            self.items[key] = (value, cells)
            self.used += cells
            while self.items and (len(self.items) > self.entries or self.used > self.cells):
                _key, (_value, size) = self.items.popitem(last=False)
                self.used -= size

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.used = self.hits = self.misses = 0


_results = _ResultCache(RESULT_CACHE_ENTRIES, RESULT_CACHE_CELLS)


def result_cache_clear() -> None:
    _results.clear()


def result_cache_stats() -> dict:
    return {"entries": len(_results.items), "cells": _results.used, "hits": _results.hits,
            "misses": _results.misses}


def _fetch(table: Table, sql: str, params: list) -> list[tuple]:
    """Every row of ``sql`` (bound ``params``) over the table, through the results cache."""
    key = (table.signature(), sql, json.dumps(params, default=str))
    rows = _results.get(key)
    if rows is None:
        rows = run(table.connection(), sql, params)
        _results.put(key, rows, max(1, len(rows) * (len(rows[0]) if rows else 1)))
    return rows


def _fetch_rollup(table: Table, sql: str, params: list) -> list[tuple]:
    """``_fetch`` over the table's rollups (SQLite SQL; ``table.level_for`` found a level)."""
    key = (table.signature(), "rollup", sql, json.dumps(params, default=str))
    rows = _results.get(key)
    if rows is None:
        rows = rollup.run(table.rollups, sql, params, query_seconds())
        _results.put(key, rows, max(1, len(rows) * (len(rows[0]) if rows else 1)))
    return rows


def _cached_count(table: Table, sql: str, params: list) -> int:
    return _fetch(table, sql, params)[0][0]


def _count(table: Table, query: Query, where: str, params: list) -> int:
    """The number of rows matching the query, whose condition is ``where`` / ``params``
    (summed from a rollup when one covers it)."""
    level = table.level_for(query)
    if level is not None:
        return _fetch_rollup(table, f"SELECT coalesce(sum(__n), 0) FROM {level.table} "
                                    f"WHERE {where}", params)[0][0]
    source = table.selective(query, any_size=True)
    if source is not None:
        return _fetch_rollup(table, f"SELECT count(*) FROM {source} WHERE {where}",
                             params)[0][0]
    return _cached_count(table, f"SELECT count(*) FROM t WHERE {where}", params)


def count_rows(version, query: Query) -> int:
    table = Table(version)
    return _count(table, query, *_where(table, query))


# --- keyset tokens -----------------------------------------------------------------------------

def _encode_token(values: list) -> str:
    raw = json.dumps(values, default=lambda v: v.isoformat() if hasattr(v, "isoformat")
                     else str(v), separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_token(token: str, size: int) -> list:
    try:
        padded = token + "=" * (-len(token) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
        if not isinstance(values, list) or len(values) != size or not isinstance(values[-1], int):
            raise ValueError(token)
        return values
    except (ValueError, TypeError, UnicodeDecodeError) as exc:
        raise ValidationError(_("Penanda halaman (_after) tidak sah. Mulai lagi dari halaman "
                                "pertama."), code="bad_after") from exc


def _sort_keys(table: Table, query: Query) -> list[tuple[str, bool, str]]:
    if len(query.sort) > MAX_SORT:
        raise ValidationError(_("Urutkan paling banyak dengan %(n)s kolom.") % {"n": MAX_SORT},
                              code="sort")
    keys = []
    for name, descending in query.sort:
        col = table.column(name)
        keys.append((quote_ident(col["name"]), bool(descending), _duck_type(col)))
    keys.append((ROW_ID, False, "BIGINT"))
    return keys


def _keyset(keys: list[tuple[str, bool, str]], values: list, *, sqlite: bool = False
            ) -> tuple[str, list]:
    """Rows strictly after ``values`` in ORDER BY keys (NULLS LAST in both directions).
    ``sqlite``: for the row index, whose values are bound as it stores them (no cast)."""
    sql, params = "", []
    for (ident, descending, duck), value in reversed(list(zip(keys, values, strict=True))):
        if value is None:
            greater, greater_params = "FALSE", []
            equal, equal_params = f"{ident} IS NULL", []
        else:
            sign = "<" if descending else ">"
            marker = f"CAST(? AS {duck})"
            if sqlite:
                marker, value = "?", _token_value_for_sqlite(value, duck)
            greater = f"({ident} {sign} {marker} OR {ident} IS NULL)"
            greater_params = [value]
            equal, equal_params = f"{ident} = {marker}", [value]
        if not sql:
            sql, params = greater, greater_params
        else:
            sql = f"({greater} OR ({equal} AND {sql}))"
            params = greater_params + equal_params + params
    return sql, params


def _token_value_for_sqlite(value, duck: str):
    """A keyset token's value (JSON: dates as ISO text) as the row index stores it."""
    try:
        if duck == "TIMESTAMP":
            return rollup.to_sqlite(dt.datetime.fromisoformat(str(value)))
        if duck == "DATE":
            return dt.date.fromisoformat(str(value)).isoformat()
        if duck == "BOOLEAN":
            return int(bool(value))
        if duck == "BIGINT" and not isinstance(value, int):
            return int(value)
        if duck == "DOUBLE" and not isinstance(value, int | float):
            return float(value)
    except (ValueError, TypeError) as exc:
        raise ValidationError(_("Penanda halaman (_after) tidak sah. Mulai lagi dari halaman "
                                "pertama."), code="bad_after") from exc
    return str(value) if duck == "VARCHAR" else value


def _page_size(limit) -> int:
    try:
        size = bounded_int(limit, name="_size", default=None, minimum=1, maximum=MAX_PAGE)
    except BadParameter:
        size = None
    if size is None:
        raise ValidationError(_("Ukuran halaman harus bilangan 1 sampai %(n)s.")
                              % {"n": MAX_PAGE}, code="size")
    return size


def _offset(offset) -> int:
    # Bounded (prima.core.params): an offset past 2**63 overflows DuckDB's OFFSET.
    try:
        return bounded_int(offset, name="_offset", default=0, maximum=MAX_OFFSET)
    except BadParameter as exc:
        raise ValidationError(_("Offset harus bilangan 0 sampai %(n)s.") % {"n": MAX_OFFSET},
                              code="offset") from exc


def selected_columns(table: Table, query: Query) -> list[dict]:
    if not query.columns:
        return list(table.schema)
    return [table.column(name) for name in query.columns]


def run_query(version, query: Query, *, with_total: bool = True) -> Page:
    """One page of rows matching the query, in keyset order, with the total of the filter
    (``total`` is ``None`` when ``with_total`` is false: the count is skipped)."""
    started = time.perf_counter()
    table = Table(version)
    size = _page_size(query.limit)
    columns = selected_columns(table, query)
    where, params = _where(table, query)
    if query.distinct:
        return _distinct_page(table, query, columns, where, params, size, started,
                              with_total=with_total)
    keys = _sort_keys(table, query)
    total = _count(table, query, where, params) if with_total else None
    source = table.selective(query, any_size=not query.sort)
    page_where, page_params = where, list(params)
    offset = 0
    if query.after:
        values = _decode_token(query.after, len(keys))
        keyset_sql, keyset_params = _keyset(keys, values, sqlite=source is not None)
        page_where = f"({where}) AND {keyset_sql}"
        page_params += keyset_params
    elif query.offset:
        offset = _offset(query.offset)
    order = ", ".join(f"{ident} {'DESC' if desc else 'ASC'} NULLS LAST"
                      for ident, desc, _duck in keys)
    sort_idents = [ident for ident, _desc, _duck in keys]
    select = ", ".join([*(quote_ident(c["name"]) for c in columns), *sort_idents])
    sql = (f"SELECT {select} FROM {source or 't'} WHERE {page_where} ORDER BY {order} "
           f"LIMIT {size + 1} OFFSET {offset}")
    if source is None:
        fetched = _fetch(table, sql, page_params)
    else:
        by_duck = {v: k for k, v in DUCK_TYPES.items()}
        fetched = rollup.rows_from_sqlite(
            _fetch_rollup(table, sql, page_params),
            [c["type"] for c in columns] + [by_duck[duck] for _i, _d, duck in keys])
    names = [c["name"] for c in columns]
    width = len(names)
    next_after = None
    if len(fetched) > size:
        fetched = fetched[:size]
        next_after = _encode_token(list(fetched[-1][width:]))
    rows = [dict(zip(names, row[:width], strict=True)) for row in fetched]
    return Page(columns=[dict(c) for c in columns], rows=rows, total=total,
                next_after=next_after, elapsed_ms=(time.perf_counter() - started) * 1000,
                row_ids=[row[-1] for row in fetched])


def _distinct_page(table: Table, query: Query, columns, where, params, size, started, *,
                   with_total: bool) -> Page:
    """One page of the distinct rows of ``columns`` (offset paging: ``_offset`` or an
    ``after`` token "o:<n>")."""
    idents = [quote_ident(c["name"]) for c in columns]
    selected = {c["name"] for c in columns}
    order = []
    for name, descending in query.sort:
        if name not in selected:
            raise ValidationError(_("Urutan “%(name)s” harus salah satu kolom yang dipilih.")
                                  % {"name": str(name)[:80]}, code="sort")
        order.append(f"{quote_ident(name)} {'DESC' if descending else 'ASC'} NULLS LAST")
    order += [f"{ident} ASC NULLS LAST" for ident in idents]
    offset = _offset(query.offset)
    if query.after:
        if not str(query.after).startswith("o:"):
            raise ValidationError(_("Penanda halaman (_after) tidak sah. Mulai lagi dari "
                                    "halaman pertama."), code="bad_after")
        offset = _offset(str(query.after)[2:])
    inner = f"SELECT DISTINCT {', '.join(idents)} FROM t WHERE {where}"
    total = (_cached_count(table, f"SELECT count(*) FROM ({inner})", params)
             if with_total else None)
    fetched = _fetch(table, f"{inner} ORDER BY {', '.join(order)} LIMIT {size + 1} "
                            f"OFFSET {offset}", params)
    next_after = None
    if len(fetched) > size:
        fetched = fetched[:size]
        next_after = f"o:{offset + size}"
    names = [c["name"] for c in columns]
    rows = [dict(zip(names, row, strict=True)) for row in fetched]
    return Page(columns=[dict(c) for c in columns], rows=rows, total=total,
                next_after=next_after, elapsed_ms=(time.perf_counter() - started) * 1000)


def facet_counts(version, query: Query, columns: list[str], limit: int = 20
                 ) -> dict[str, list[tuple[object, int]]]:
    """The most frequent values (with counts) of each column among the rows of the query."""
    table = Table(version)
    where, params = _where(table, query)
    limit = max(1, min(int(limit), MAX_PAGE))
    result = {}
    for name in columns:
        col = table.column(name)
        ident = quote_ident(col["name"])
        level = table.level_for(query, [name])
        counts = table.value_counts(query, name) if level is None else None
        # A column without value counts (an integer, a boolean, a table without row index)
        # may have a group summary: its rows are the values, numbered in ascending order.
        summary = (table.group_summary(query, [name], [])
                   if level is None and counts is None else None)
        source = table.selective(query) if level is None else None
        if counts is not None:
            rows = rollup.rows_from_sqlite(_fetch_rollup(
                table, f"SELECT {ident}, __n FROM {counts} ORDER BY __n DESC, __null, {ident} "
                       f"LIMIT {limit}", []), [col["type"], ColumnType.INTEGER])
        elif summary is not None:
            rows = rollup.rows_from_sqlite(_fetch_rollup(
                table, f"SELECT {ident}, __n FROM {summary} ORDER BY __n DESC, __g "
                       f"LIMIT {limit}", []), [col["type"], ColumnType.INTEGER])
        elif source is not None:
            rows = rollup.rows_from_sqlite(_fetch_rollup(
                table, f"SELECT {ident}, count(*) AS n FROM {source} WHERE {where} "
                       f"GROUP BY {ident} ORDER BY n DESC, {ident} ASC NULLS LAST "
                       f"LIMIT {limit}", params), [col["type"], ColumnType.INTEGER])
        elif level is None:
            rows = _fetch(table, f"SELECT {ident}, count(*) AS n FROM t WHERE {where} "
                                 f"GROUP BY {ident} ORDER BY n DESC, {ident} ASC NULLS LAST "
                                 f"LIMIT {limit}", params)
        else:
            rows = rollup.rows_from_sqlite(_fetch_rollup(
                table, f"SELECT {ident}, sum(__n) AS n FROM {level.table} WHERE {where} "
                       f"GROUP BY {ident} ORDER BY n DESC, {ident} ASC NULLS LAST "
                       f"LIMIT {limit}", params), [col["type"], ColumnType.INTEGER])
        result[name] = [(value, n) for value, n in rows]
    return result


# --- URL parameters ----------------------------------------------------------------------------

def _items(params) -> list[tuple[str, list]]:
    if hasattr(params, "lists"):
        return [(key, list(values)) for key, values in params.lists()]
    out = []
    for key, value in dict(params).items():
        out.append((key, list(value) if isinstance(value, list | tuple) else [value]))
    return out


def _split(values: list) -> list[str]:
    out = []
    for value in values:
        out.extend(part.strip() for part in str(value).split(",") if part.strip())
    return out


def parse_query(params, schema: list[dict]) -> Query:
    """Build a ``Query`` from URL parameters (a QueryDict or a dict); see the module docstring.
    Unknown columns or operators raise ``ValidationError`` in Indonesian."""
    names = {col["name"] for col in schema or []}

    def known(name: str) -> str:
        if name not in names:
            raise ValidationError(_("Kolom “%(name)s” tidak ada dalam tabel ini.")
                                  % {"name": str(name)[:80]}, code="unknown_column")
        return name

    query = Query()
    for key, values in _items(params):
        values = [v for v in values if v is not None]
        if key == "_search":
            query.search = " ".join(str(v) for v in values)[:200]
        elif key in ("_sort", "_sort_desc"):
            for value in _split(values):
                query.sort.append((known(value), key == "_sort_desc"))
        elif key == "_size":
            query.limit = _page_size(values[-1] if values else 50)
        elif key == "_after":
            query.after = str(values[-1]) if values and values[-1] else None
        elif key == "_offset":
            query.offset = _offset(values[-1] if values else 0)
        elif key == "_col":
            query.columns = [known(v) for v in _split(values)] or None
        elif key == "_facet":
            query.facets += [known(v) for v in _split(values) if v not in query.facets]
        elif key == "_group_by":
            query.group_by += [known(v) for v in _split(values) if v not in query.group_by]
        elif key == "_metric":
            for value in _split(values):
                fn, _sep, column = value.partition(":")
                if fn.lower() not in METRICS:
                    raise ValidationError(_("Fungsi agregasi “%(fn)s” tidak dikenal. Gunakan: "
                                            "%(fns)s.") % {"fn": fn[:40],
                                                           "fns": ", ".join(METRICS)},
                                          code="metric")
                query.metrics.append((fn.lower(), known(column) if column else None))
        elif key.startswith("_"):
            continue  # other page parameters (format, chart options, ...)
        elif "__" in key:
            column, _sep, op = key.rpartition("__")
            known(column)
            if op not in OPS:
                raise ValidationError(_("Operator “%(op)s” tidak dikenal. Gunakan salah satu: "
                                        "%(ops)s.") % {"op": op[:40], "ops": ", ".join(OPS)},
                                      code="unknown_op")
            if op == "in":
                query.filters.append(Filter(column, op, _split(values)))
            else:
                for value in values:
                    query.filters.append(Filter(column, op, str(value)))
        elif key in names:
            for value in values:
                query.filters.append(Filter(key, "eq", str(value)))
    if len(query.sort) > MAX_SORT:
        raise ValidationError(_("Urutkan paling banyak dengan %(n)s kolom.") % {"n": MAX_SORT},
                              code="sort")
    return query


def jsonable(value):
    """A cell value for JSON responses: dates as ISO text, other values unchanged."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return value
