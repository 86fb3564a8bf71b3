"""Small tables answered from memory: the table page's count and page without DuckDB.

DuckDB needs ~0.7 ms to plan and run a count and ~1.1 ms for a page even over a table of six
rows (issue 13: two thirds of a first request of the table page). A table of at most
``CATALOG_SMALL_TABLE_CELLS`` cells is read once per process and file (the file's signature:
a rewritten file is read again) with, for every column, DuckDB's own ``lower()`` of the value
the engine's ``contains`` compares (``lower(col)``, or ``lower(CAST(col AS VARCHAR))`` for a
non-text column). The common queries are then answered in Python with exactly the engine's
results (``query.run_query``): the same values (read by DuckDB), the same rows in ``__row``
order, the same total and the same keyset token.

Answered here: ``contains`` (on any column), ``eq`` / ``ne`` on a text column holding only
text, ``isnull``, ``_search``, ``_col``, ``_size`` and ``_after`` without a sort. Anything else
(a sort, an offset, distinct rows, another operator) returns ``None`` and the caller runs the
engine's query, which also raises the engine's errors.

A larger table filtered by one ``contains`` (the table page's filter form) gets its total from
the column's distinct ``lower()`` texts and their row counts (read once per process and file,
for a column of at most ``CATALOG_SMALL_DISTINCT_VALUES`` of them): a filter that matches no
row asks DuckDB nothing, any other asks it for the page only.
"""
# SQL is built here from schema identifiers (validated, quoted) only.
# ruff: noqa: S608

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings

from . import query as engine
from .safety import ROW_ID, quote_ident, run
from .schema import TEXTUAL

OPS = ("contains", "eq", "ne", "isnull")
KEPT_CELLS = 1_000_000  # every small table kept by a process, at most


def max_cells() -> int:
    return int(getattr(settings, "CATALOG_SMALL_TABLE_CELLS", 20_000))


@dataclass(frozen=True)
class Rows:
    """A small table in memory: ``values[i]`` and ``lowered[i]`` are the i-th row's values
    and their ``lower()`` text (``None`` for NULL), ``row_ids[i]`` its ``__row``."""

    names: tuple[str, ...]
    values: tuple[tuple, ...]
    lowered: tuple[tuple, ...]
    row_ids: tuple[int, ...]
    text_only: frozenset[str]  # columns whose every value is text or NULL

    @property
    def cells(self) -> int:
        return max(1, len(self.values) * len(self.names))


class _Kept:
    """The small tables of this process (LRU bounded by cells); ``False`` marks a file too
    large to keep."""

    def __init__(self):
        self.items: OrderedDict = OrderedDict()
        self.used = 0
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            found = self.items.get(key)
            if found is not None:
                self.items.move_to_end(key)
            return found

    def put(self, key, rows) -> None:
        size = rows.cells if rows else 1
        with self.lock:
            old = self.items.pop(key, None)
            if old is not None:
                self.used -= old.cells if old else 1
            self.items[key] = rows
            self.used += size
            while self.items and self.used > KEPT_CELLS:
                _key, dropped = self.items.popitem(last=False)
                self.used -= dropped.cells if dropped else 1

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.used = 0


_kept = _Kept()


def clear() -> None:
    _kept.clear()


def _load(table: engine.Table) -> Rows | False:
    columns = table.schema
    idents = [quote_ident(c["name"]) for c in columns]
    targets = [ident if c["type"] in TEXTUAL else f"CAST({ident} AS VARCHAR)"
               for ident, c in zip(idents, columns, strict=True)]
    limit = max_cells() // max(1, len(columns)) + 1
    fetched = run(table.connection(),
                  f"SELECT {', '.join(idents)}, {', '.join(f'lower({t})' for t in targets)}, "
                  f"{ROW_ID} FROM t ORDER BY {ROW_ID} LIMIT {limit}", [])
    width = len(columns)
    if len(fetched) * width > max_cells():
        return False
    values = tuple(row[:width] for row in fetched)
    text_only = frozenset(
        c["name"] for i, c in enumerate(columns)
        if all(row[i] is None or isinstance(row[i], str) for row in values))
    return Rows(names=tuple(c["name"] for c in columns), values=values,
                lowered=tuple(row[width:2 * width] for row in fetched),
                row_ids=tuple(row[-1] for row in fetched), text_only=text_only)


def rows_of(table: engine.Table) -> Rows | None:
    """The table's rows from memory (read on first use), or ``None`` when it is too large."""
    count = getattr(table.version, "row_count", None)
    if count is None or count * max(1, len(table.full_schema)) > max_cells():
        return None
    key = (table.signature(), tuple((c["name"], c["type"]) for c in table.schema))
    found = _kept.get(key)
    if found is None:
        found = _load(table)
        _kept.put(key, found)
    return found or None


def _test(rows: Rows, query: engine.Query, table: engine.Table):
    """A function of a row's index telling whether it matches, or ``None`` when a filter is
    not one answered here."""
    position = {name: i for i, name in enumerate(rows.names)}
    tests = []
    for flt in query.filters:
        i = position.get(flt.column)
        if i is None or flt.op not in OPS:
            return None
        if flt.op == "contains":
            text = flt.value if not isinstance(flt.value, list) else " ".join(flt.value)
            needle = str(text or "").lower()
            tests.append(lambda r, i=i, n=needle: (v := rows.lowered[r][i]) is not None
                         and n in v)
        elif flt.op == "isnull":
            wanted = str(flt.value if flt.value is not None else "true").strip().lower()
            if wanted in ("0", "false", "tidak"):
                tests.append(lambda r, i=i: rows.values[r][i] is not None)
            else:
                tests.append(lambda r, i=i: rows.values[r][i] is None)
        else:  # eq, ne: text columns holding text only (compared as DuckDB compares text)
            column = table.column(flt.column)
            value = flt.value[0] if isinstance(flt.value, list) and flt.value else flt.value
            if value is None or column["type"] not in TEXTUAL or \
                    flt.column not in rows.text_only:
                return None
            value = str(value)
            if flt.op == "eq":
                tests.append(lambda r, i=i, x=value: rows.values[r][i] == x)
            else:
                tests.append(lambda r, i=i, x=value: (v := rows.values[r][i]) is not None
                             and v != x)
    words = str(query.search or "").lower().split()[:engine.MAX_SEARCH_WORDS]
    if words:
        texts = [c for c in table.schema if c["type"] in TEXTUAL] or table.schema
        where = [position[c["name"]] for c in texts]
        for word in words:
            tests.append(lambda r, w=word, where=where: any(
                (v := rows.lowered[r][i]) is not None and w in v for i in where))
    if not tests:
        return lambda r: True
    if len(tests) == 1:
        return tests[0]
    return lambda r: all(test(r) for test in tests)


def max_distinct() -> int:
    return int(getattr(settings, "CATALOG_SMALL_DISTINCT_VALUES", 20_000))


def lowered_counts(table: engine.Table, name: str) -> tuple | None:
    """``((lower(value), rows), ...)`` of a column of a larger table, the text its
    ``contains`` compares (NULL left out), read once per process and file; ``None`` when the
    column has more than ``CATALOG_SMALL_DISTINCT_VALUES`` distinct texts."""
    col = table.column(name)
    key = (table.signature(), "lowered", name, col["type"])
    found = _kept.get(key)
    if found is None:
        ident = quote_ident(col["name"])
        target = ident if col["type"] in TEXTUAL else f"CAST({ident} AS VARCHAR)"
        fetched = run(table.connection(),
                      f"SELECT lower({target}) AS v, count(*) FROM t WHERE {ident} IS NOT NULL "
                      f"GROUP BY v LIMIT {max_distinct() + 1}", [])
        found = Counts(tuple(fetched)) if len(fetched) <= max_distinct() else False
        _kept.put(key, found)
    return found.values if found else None


@dataclass(frozen=True)
class Counts:
    values: tuple

    @property
    def cells(self) -> int:
        return max(1, len(self.values) * 2)


def _contains_total(table: engine.Table, query: engine.Query) -> int | None:
    """The number of rows of a query whose only condition is one ``contains`` filter, summed
    from the column's distinct texts (``lowered_counts``); ``None`` for any other query."""
    if query.search or len(query.filters) != 1 or query.filters[0].op != "contains":
        return None
    flt = query.filters[0]
    counts = lowered_counts(table, table.column(flt.column)["name"])
    if counts is None:
        return None
    text = flt.value if not isinstance(flt.value, list) else " ".join(flt.value)
    needle = str(text or "").lower()
    return sum(n for value, n in counts if needle in value)


def run_query(version, query: engine.Query, *, with_total: bool = True) -> engine.Page | None:
    """``query.run_query(version, query)`` answered from memory, or ``None`` when this module
    does not answer it (see the module docstring)."""
    if query.sort or query.offset or query.distinct or (
            query.filters and any(flt.op not in OPS for flt in query.filters)):
        return None
    started = time.perf_counter()
    table = engine.Table(version)
    rows = rows_of(table)
    if rows is None:
        return _larger(version, table, query, started, with_total=with_total)
    test = _test(rows, query, table)
    if test is None:
        return None
    size = engine._page_size(query.limit)
    columns = engine.selected_columns(table, query)
    after = None
    if query.after:
        after = engine._decode_token(query.after, 1)[0]
    matching = [r for r in range(len(rows.values)) if test(r)]
    total = len(matching) if with_total else None
    if after is not None:
        matching = [r for r in matching if rows.row_ids[r] > after]
    page = matching[:size + 1]
    next_after = None
    if len(page) > size:
        page = page[:size]
        next_after = engine._encode_token([rows.row_ids[page[-1]]])
    picks = [rows.names.index(c["name"]) for c in columns]
    names = [c["name"] for c in columns]
    return engine.Page(
        columns=[dict(c) for c in columns],
        rows=[dict(zip(names, (rows.values[r][i] for i in picks), strict=True)) for r in page],
        total=total, next_after=next_after,
        elapsed_ms=(time.perf_counter() - started) * 1000,
        row_ids=[rows.row_ids[r] for r in page])


def _larger(version, table, query, started, *, with_total: bool) -> engine.Page | None:
    """A larger table filtered by one ``contains``: the total from the column's distinct texts;
    no row at all when it is 0, else the engine's page without its count."""
    if not with_total:
        return None
    total = _contains_total(table, query)
    if total is None:
        return None
    if total:
        page = engine.run_query(version, query, with_total=False)
        page.total = total
        return page
    engine._page_size(query.limit)
    columns = engine.selected_columns(table, query)
    if query.after:
        engine._decode_token(query.after, 1)
    return engine.Page(columns=[dict(c) for c in columns], rows=[], total=0, next_after=None,
                       elapsed_ms=(time.perf_counter() - started) * 1000, row_ids=[])
