"""The row index (every row in the rollup file, an index per text, code and date column): which
queries read it, and that every answer taken from it — pages in the stable keyset order with
their tokens, totals, counts, facets, groups — equals the answer of a full DuckDB scan, on
random columns, values and sort keys (with NULLs and ties)."""

# SQL here is built from the test's own identifiers.
# ruff: noqa: S608
from __future__ import annotations

import json
import random
import sqlite3

import pytest

from prima.catalog.engine import rollup
from prima.catalog.engine.aggregate import aggregate
from prima.catalog.engine.query import (
    Filter,
    Query,
    Table,
    count_rows,
    facet_counts,
    result_cache_clear,
    run_query,
)
from prima.catalog.engine.safety import ROW_ID, parquet_location

from .test_engine_rollup import approx_rows, scanned, table_csv
from .test_engine_support import ingest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tree")]

SELECTIVE = 400
INDEXED = {"kode_prov", "provinsi", "kode_kab", "kabkota", "kategori", "tanggal", "desa"}
NUMBERS = ["nilai", "rasio", "suara_tidak_sah", "tahun"]


@pytest.fixture
def limits(settings):
    settings.CATALOG_ROLLUP_MIN_ROWS = 1000
    settings.CATALOG_ROLLUP_RATIO = 5
    settings.CATALOG_ROLLUP_MAX_DISTINCT = 200
    settings.CATALOG_ROW_INDEX_SELECTIVE = SELECTIVE
    return settings


@pytest.fixture
def big(limits):
    version = ingest(table_csv())
    assert version.status == "review", version.problems
    return version


def every_row(version) -> list[dict]:
    """The table as DuckDB reads it (the reference), with each row's ``__row``."""
    from prima.catalog.engine.safety import run, table_connection

    conn = table_connection(parquet_location(version))
    names = [col["name"] for col in version.schema]
    return [dict(zip([*names, ROW_ID], row, strict=True)) for row in run(
        conn, f"SELECT {', '.join(names)}, {ROW_ID} FROM t ORDER BY {ROW_ID}")]


def selective_filter(rng, rows) -> Filter:
    """An equality on a random indexed column with the value of a random row, matching at
    most ``SELECTIVE`` rows (drawn again until it does)."""
    while True:
        column = rng.choice(sorted(INDEXED))
        value = rng.choice(rows)[column]
        if value is None:
            continue
        if sum(1 for row in rows if row[column] == value) <= SELECTIVE:
            return Filter(column, "eq", value.isoformat() if hasattr(value, "isoformat")
                          else str(value))


def extra_filter(rng, rows) -> list[Filter]:
    """Nothing, or a second filter of a random kind on a random column."""
    kind = rng.choice(["none", "gt", "lte", "ne", "isnull", "in"])
    row = rng.choice(rows)
    if kind == "none":
        return []
    if kind == "isnull":
        return [Filter(rng.choice(["kategori", "rasio"]), "isnull", rng.choice(["true",
                                                                               "false"]))]
    if kind == "in":
        return [Filter("kode_kab", "in", [rng.choice(rows)["kode_kab"] for _n in range(2)])]
    column = rng.choice(NUMBERS + ["tanggal", "kabkota"])
    value = row[column]
    if value is None:
        return []
    return [Filter(column, kind, value.isoformat() if hasattr(value, "isoformat")
                   else str(value))]


def random_sort(rng) -> list[tuple[str, bool]]:
    columns = ["nilai", "rasio", "tahun", "kategori", "tanggal", "aktif", "dicatat",
               "suara_tidak_sah"]
    return [(name, rng.random() < 0.5) for name in rng.sample(columns, rng.randint(0, 2))]


def all_pages(version, query: Query, pages: int = 4) -> list:
    """The first ``pages`` pages (rows, total, token) following the tokens."""
    out, after = [], None
    for _n in range(pages):
        page = run_query(version, Query(filters=query.filters, sort=query.sort,
                                        limit=query.limit, after=after))
        out.append((page.rows, page.total, page.next_after, page.row_ids))
        after = page.next_after
        if after is None:
            break
    return out


def test_the_row_index_holds_every_row_and_indexes_text_code_and_date_columns(big):
    found = rollup.rollups_for(parquet_location(big))
    assert found.indexed == INDEXED
    count = found.connection.execute(f"SELECT count(*), min({ROW_ID}), max({ROW_ID}) FROM "
                                      f"{rollup.ROW_TABLE}").fetchone()
    assert count == (3000, 1, 3000)
    names = {row[1] for row in found.connection.execute(
        "SELECT type, name FROM sqlite_master WHERE type = 'index'")}
    table = Table(big)
    assert {rollup.row_index_name(table.index(name)) for name in INDEXED} <= names


@pytest.mark.parametrize("seed", range(16))
def test_selective_pages_equal_a_full_scan(big, seed):
    rng = random.Random(seed)
    rows = every_row(big)
    query = Query(filters=[selective_filter(rng, rows), *extra_filter(rng, rows)],
                  sort=random_sort(rng), limit=rng.choice([3, 7, 50]))
    assert Table(big).selective(query) is not None
    result_cache_clear()
    indexed = all_pages(big, query)
    assert indexed == scanned(big, lambda: all_pages(big, query))
    # The rows really are those of the filter, in (sort keys, __row) order.
    assert indexed[0][1] == scanned(big, lambda: count_rows(big, query))


@pytest.mark.parametrize("seed", range(8))
def test_tokens_are_the_same_whichever_way_a_page_was_read(big, seed):
    """A token given by a page read from the row index continues the same way in a scan,
    and the other way round (a page is never read twice nor skipped)."""
    rng = random.Random(100 + seed)
    rows = every_row(big)
    query = Query(filters=[selective_filter(rng, rows)], sort=random_sort(rng), limit=2)
    first = run_query(big, query)
    assert first.next_after is not None or first.total <= 2
    if first.next_after is None:
        return
    following = Query(filters=query.filters, sort=query.sort, limit=2, after=first.next_after)
    from_index = run_query(big, following)
    from_scan = scanned(big, lambda: run_query(big, following))
    assert (from_index.rows, from_index.next_after) == (from_scan.rows, from_scan.next_after)
    scan_first = scanned(big, lambda: run_query(big, query))
    assert scan_first.next_after == first.next_after


@pytest.mark.parametrize("seed", range(10))
def test_selective_counts_facets_and_groups_equal_a_full_scan(big, seed):
    rng = random.Random(200 + seed)
    rows = every_row(big)
    query = Query(filters=[selective_filter(rng, rows), *extra_filter(rng, rows)], limit=20)
    facets = rng.sample(["kategori", "tanggal", "aktif", "tahun", "dicatat", "desa",
                         "kabkota"], 3)
    group_by = rng.sample(["kategori", "aktif", "tanggal", "desa", "dicatat"], rng.randint(0, 2))
    metrics = [("count", None), ("sum", "nilai"), ("avg", "rasio"), ("min", "tanggal"),
               ("max", "dicatat"), ("min", "aktif"), ("count", "kategori")]
    assert Table(big).selective(query) is not None

    def compute():
        page = aggregate(big, query, group_by, metrics)
        return (count_rows(big, query), facet_counts(big, query, facets, limit=50),
                page.total, page.rows, page.next_after, page.columns)

    indexed = compute()
    scan = scanned(big, compute)
    assert indexed[:3] == scan[:3]
    assert indexed[3] == approx_rows(scan[3])
    assert indexed[4:] == scan[4:]


def test_only_selective_queries_read_the_row_index(big):
    rows = every_row(big)
    table = Table(big)
    one = rows[17]
    many = max({row["kode_prov"] for row in rows},
               key=lambda code: sum(1 for row in rows if row["kode_prov"] == code))
    assert table.selective(Query(filters=[Filter("desa", "eq", one["desa"])])) is not None
    # The most selective equality is the one read through its index.
    both = Query(filters=[Filter("kode_prov", "eq", many), Filter("desa", "eq", one["desa"])])
    assert table.selective(both).endswith(rollup.row_index_name(table.index("desa")))
    for query in [
        Query(),  # no filter
        Query(filters=[Filter("kode_prov", "eq", many)]),  # too many rows
        Query(filters=[Filter("nilai", "eq", "5")]),  # an integer column has no index
        Query(filters=[Filter("desa", "eq", one["desa"]), Filter("kabkota", "contains",
                                                                 "kota")]),
        Query(filters=[Filter("desa", "eq", one["desa"])], search="jepara"),
        Query(filters=[Filter("desa", "gt", one["desa"])]),  # no equality
    ]:
        assert table.selective(query) is None, query


def test_a_value_absent_from_the_table_reads_nothing(big):
    query = Query(filters=[Filter("desa", "eq", "Desa tidak ada")])
    assert Table(big).selective(query) is not None
    page = run_query(big, query)
    assert (page.rows, page.total, page.next_after) == ([], 0, None)


def test_a_table_over_the_cell_budget_gets_rollups_but_no_row_index(limits):
    limits.CATALOG_ROW_INDEX_MAX_CELLS = 1000
    version = ingest(table_csv())
    found = rollup.rollups_for(parquet_location(version))
    assert found.levels and not found.indexed
    desa = every_row(version)[5]["desa"]
    assert Table(version).selective(Query(filters=[Filter("desa", "eq", desa)])) is None
    assert run_query(version, Query(filters=[Filter("desa", "eq", desa)])).total == 1


def test_a_manifest_naming_an_unknown_indexed_column_is_refused(big):
    path = parquet_location(big)
    db = sqlite3.connect(rollup.rollup_path(path))
    body = json.loads(db.execute("SELECT body FROM manifest").fetchone()[0])
    body["rows"]["indexed"].append("x; DROP TABLE rows")
    db.execute("UPDATE manifest SET body = ?", [json.dumps(body)])
    db.commit()
    db.close()
    assert rollup.load(path).indexed == frozenset()


def test_the_row_index_is_read_only(big):
    found = rollup.rollups_for(parquet_location(big))
    with pytest.raises(sqlite3.OperationalError):
        found.connection.execute(f"DELETE FROM {rollup.ROW_TABLE}")


@pytest.mark.parametrize("limit", [1, 3, 50, 1000])
def test_whole_table_facets_of_indexed_columns_equal_a_full_scan(big, limit):
    """Value counts (most frequent first, ties by value, NULL last) of every indexed column,
    the many-valued ``desa`` too."""
    columns = sorted(INDEXED)
    table = Table(big)
    assert all(table.value_counts(Query(), name) for name in columns)
    assert table.value_counts(Query(filters=[Filter("kode_prov", "eq", "33")]), "desa") is None
    assert table.value_counts(Query(), "nilai") is None  # not indexed: rollups or a scan

    def compute():
        return facet_counts(big, Query(), columns, limit=limit)

    from_counts = compute()
    assert from_counts == scanned(big, compute)
    assert all(len(values) == min(limit, len({row[name] for row in every_row(big)}))
               for name, values in from_counts.items())


@pytest.mark.parametrize("column", sorted(INDEXED))
def test_an_unsorted_page_and_count_of_one_equality_read_its_index_at_any_size(big, column):
    """The most frequent value of each indexed column (more rows than the selective limit for
    most): its first pages follow the index in ``__row`` order, its total is counted from the
    index; both equal a full scan, tokens included."""
    rows = every_row(big)
    values = [row[column] for row in rows if row[column] is not None]
    value = max(set(values), key=values.count)
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    query = Query(filters=[Filter(column, "eq", text)], limit=9)
    table = Table(big)
    assert table.selective(query, any_size=True) is not None
    sorted_query = Query(filters=query.filters, sort=[("nilai", True)], limit=9)
    if values.count(value) > SELECTIVE:
        assert table.selective(query) is None and table.selective(sorted_query) is None
    result_cache_clear()
    indexed = (all_pages(big, query, pages=3), count_rows(big, query),
               all_pages(big, sorted_query, pages=2))
    assert indexed == scanned(big, lambda: (all_pages(big, query, pages=3),
                                            count_rows(big, query),
                                            all_pages(big, sorted_query, pages=2)))
    assert indexed[1] == values.count(value)


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", ["tanggal", "dicatat", "aktif", "rasio", "kategori", "nilai",
                                  "tahun"])
def test_every_page_sorted_by_a_column_of_each_type_follows_its_tokens(big, limits, sort,
                                                                         descending):
    """Every page of one kab/kota (~500 rows, read through the index) sorted by a date, a
    date-time, a boolean, a decimal with NULLs, a text with NULLs or integers with ties,
    followed token by token, equals the scan's pages."""
    limits.CATALOG_ROW_INDEX_SELECTIVE = 1000
    query = Query(filters=[Filter("kode_kab", "eq", "33.20")], sort=[(sort, descending)],
                  limit=60)
    assert Table(big).selective(query) is not None
    result_cache_clear()
    indexed = all_pages(big, query, pages=20)
    assert indexed[-1][2] is None  # every page was read
    assert indexed == scanned(big, lambda: all_pages(big, query, pages=20))
