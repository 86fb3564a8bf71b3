"""Group summaries (``rollup.py``: one row per value of a column, with the row count and every
number column's count, sum, min and max): which columns get one, that a whole-table group-by
read from them equals a full DuckDB scan — random group columns, metrics, sorts, pages, with
NULLs and ties — and that anything else (a filter, a region restriction, a search, a metric
not stored) is answered as before."""

# SQL here is built from the test's own identifiers.
# ruff: noqa: S608
from __future__ import annotations

import datetime as dt
import json
import os
import random
import sqlite3

import pytest
from django.core.exceptions import ValidationError

from prima.catalog.engine import rollup
from prima.catalog.engine.aggregate import aggregate
from prima.catalog.engine.query import (
    Filter,
    Query,
    Table,
    facet_counts,
    result_cache_clear,
)
from prima.catalog.engine.safety import parquet_location

from .test_engine_rollup import approx_rows, scanned
from .test_engine_support import ingest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tree")]

ROWS = 2400
# Columns of a dimension type with at most ROWS // 2 values: each gets a summary.
SUMMARISED = {"kode_prov", "kode_kab", "kabkota", "kategori", "nama", "aktif", "tanggal",
              "tahun", "jumlah", "nilai"}
NUMBERS = ["jumlah", "nilai", "rasio", "tahun"]  # nilai and rasio hold NULLs


def table_csv(rows: int = ROWS, seed: int = 11) -> bytes:
    """A table with a region hierarchy, a category with NULLs, a name of ~700 values (with
    ties in every measure), a boolean, a date, a year, a date-time, a unique label and
    measures: an integer with few values, an integer and a decimal with NULLs."""
    rng = random.Random(seed)
    kabs = [("32", "32.01", "Kabupaten Bogor"), ("32", "32.73", "Kota Bandung"),
            ("33", "33.19", "Kabupaten Kudus"), ("33", "33.20", "Kabupaten Jepara"),
            ("35", "35.78", "Kota Surabaya")]
    lines = ["kode_prov,kode_kab,kabkota,kategori,nama,aktif,tanggal,tahun,dicatat,label,"
             "jumlah,nilai,rasio"]
    for i in range(rows):
        prov, kab, kab_name = kabs[rng.randrange(len(kabs))]
        lines.append(",".join([
            prov, kab, kab_name, rng.choice(["Sekolah", "Balai desa", "Rumah warga", ""]),
            "" if i % 97 == 0 else f"Nama {rng.randrange(700):03d}",
            rng.choice(["true", "false"]), f"2024-02-{rng.randint(10, 14):02d}",
            rng.choice(["2019", "2024"]),
            f"2024-02-14 0{rng.randint(7, 9)}:{rng.randint(0, 59):02d}:00", f"L{i}",
            str(rng.randint(0, 5)), "" if i % 5 == 0 else str(rng.randint(0, 40)),
            "" if i % 7 == 0 else f"{rng.uniform(0, 1):.3f}"]))
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def limits(settings):
    settings.CATALOG_ROLLUP_MIN_ROWS = 1000
    settings.CATALOG_ROLLUP_RATIO = 5
    settings.CATALOG_ROLLUP_MAX_DISTINCT = 200
    settings.CATALOG_ROW_INDEX_SELECTIVE = 300
    return settings


@pytest.fixture
def big(limits):
    version = ingest(table_csv())
    assert version.status == "review", version.problems
    return version


def summaries(version) -> rollup.Rollups:
    return rollup.rollups_for(parquet_location(version))


def test_every_column_of_few_values_gets_a_summary(big):
    found = summaries(big)
    types = {col["name"]: col["type"] for col in big.schema}
    assert types["dicatat"] == "datetime" and types["rasio"] == "decimal"
    assert set(found.groups) == SUMMARISED
    # A summary has one row per value (NULL included), in the order of a group-by.
    assert found.groups["nama"] == len(aggregate(big, Query(limit=1000), ["nama"], []).rows) \
        + len(aggregate(big, Query(limit=1000, offset=1000), ["nama"], []).rows)
    assert found.nullable == {"kategori", "nama", "nilai", "rasio"}
    assert found.measures == {"jumlah", "nilai", "rasio", "tahun"}
    db = sqlite3.connect(rollup.rollup_path(parquet_location(big)))
    try:
        index = [col["name"] for col in big.schema].index("nama")
        names = [row[0] for row in db.execute(
            f"SELECT nama FROM {rollup.summary_name(index)} ORDER BY __g")]
    finally:
        db.close()
    assert names[-1] is None and names[:-1] == sorted(names[:-1])


def metric_pool(group: str) -> list[tuple[str, str | None]]:
    pool = [("count", None), ("count", "kategori"), ("count", "nilai"), ("count", "dicatat"),
            ("count", group)]
    for name in NUMBERS:
        pool += [(fn, name) for fn in ("sum", "avg", "min", "max")]
    pool += [("min", group), ("max", group)]
    if group in ("tahun", "jumlah"):
        pool += [("sum", group), ("avg", group)]
    return list(dict.fromkeys(pool))


def random_aggregation(rng) -> tuple[str, list, Query]:
    group = rng.choice(sorted(SUMMARISED))
    metrics = rng.sample(metric_pool(group), rng.randint(0, 5))
    names = [group] + [f"{fn}_{col}" if col else "count" for fn, col in metrics or
                       [("count", None)]]
    sort = [(name, rng.random() < 0.5) for name in rng.sample(names, rng.randint(0, 2))]
    limit = rng.choice([1, 7, 50, 1000])
    offset = rng.choice([None, 0, 3, 60, 5000])
    return group, metrics, Query(sort=sort, limit=limit, offset=offset)


@pytest.mark.parametrize("seed", range(40))
def test_whole_table_groups_from_summaries_equal_a_full_scan(big, seed):
    rng = random.Random(seed)
    group, metrics, query = random_aggregation(rng)
    assert Table(big).group_summary(query, [group], metrics) is not None

    def compute():
        page = aggregate(big, query, [group], metrics)
        return page.total, page.rows, page.next_after, page.columns

    total, rows, next_after, columns = compute()
    s_total, s_rows, s_next, s_columns = scanned(big, compute)
    assert (total, next_after, columns) == (s_total, s_next, s_columns)
    assert rows == approx_rows(s_rows)


def all_pages(version, group, metrics, sort, limit) -> list:
    out, after = [], None
    while True:
        page = aggregate(version, Query(sort=sort, limit=limit, after=after), [group], metrics,
                         with_total=not out)
        out.append((page.rows, page.total, page.next_after))
        after = page.next_after
        if after is None:
            return out


@pytest.mark.parametrize(("group", "sort"), [
    ("nama", []), ("nama", [("sum_nilai", True)]), ("kategori", [("kategori", True)]),
    ("tanggal", [("count", False)]), ("aktif", []), ("jumlah", [("avg_rasio", False)]),
])
def test_every_page_of_a_summary_follows_its_tokens(big, group, sort):
    metrics = [("count", None), ("sum", "nilai"), ("avg", "rasio")]
    result_cache_clear()
    pages = all_pages(big, group, metrics, sort, 37)
    scan = scanned(big, lambda: all_pages(big, group, metrics, sort, 37))
    assert [(p[1], p[2]) for p in pages] == [(p[1], p[2]) for p in scan]
    assert [approx_rows(p[0]) for p in scan] == [p[0] for p in pages]
    rows = [row for page in pages for row in page[0]]
    assert len(rows) == summaries(big).groups[group] == pages[0][1]
    if group == "tanggal":
        assert all(isinstance(row["tanggal"], dt.date) for row in rows)
    if group == "aktif":
        assert [row["aktif"] for row in rows] == [False, True]


@pytest.mark.parametrize(("query", "group_by", "metrics"), [
    (Query(filters=[Filter("kode_prov", "eq", "33")]), ["nama"], [("sum", "nilai")]),
    (Query(filters=[Filter("kode_kab", "subtree", "33")]), ["nama"], [("sum", "nilai")]),
    (Query(search="jepara"), ["nama"], [("sum", "nilai")]),
    (Query(), ["nama", "aktif"], [("sum", "nilai")]),
    (Query(), [], [("sum", "nilai")]),
    (Query(), ["label"], [("sum", "nilai")]),  # unique: no summary
    (Query(), ["nama"], [("min", "kabkota")]),  # text minima are not stored
    (Query(), ["nama"], [("max", "dicatat")]),  # nor date-times'
    (Query(), ["nama"], [("min", "tanggal")]),  # nor dates'
])
def test_other_aggregations_are_answered_as_before(big, query, group_by, metrics):
    assert Table(big).group_summary(query, group_by, metrics) is None
    query.limit = 1000

    def compute():
        page = aggregate(big, query, group_by, metrics)
        return page.total, page.rows

    total, rows = compute()
    assert rows
    s_total, s_rows = scanned(big, compute)
    assert total == s_total and rows == approx_rows(s_rows)


def test_bad_metrics_and_sorts_are_refused_as_for_a_scan(big):
    for metrics, sort in [([("sum", "nama")], []), ([("median", "nilai")], []),
                          ([("sum", "nilai")], [("sum_jumlah", True)]),
                          ([("sum", "tidak_ada")], []), ([("sum", "nilai")] * 2, [])]:
        with pytest.raises(ValidationError) as from_summary:
            aggregate(big, Query(sort=sort), ["nama"], metrics)
        with pytest.raises(ValidationError) as from_scan:
            scanned(big, lambda m=metrics, s=sort: aggregate(big, Query(sort=s), ["nama"], m))
        assert from_summary.value.messages == from_scan.value.messages
    with pytest.raises(ValidationError):
        aggregate(big, Query(after="abc"), ["nama"], [("sum", "nilai")])


def test_a_public_view_reads_the_summaries_of_the_whole_table(big):
    """Hiding restricted columns leaves every row: the summaries answer the view, and a
    hidden column can be neither grouped nor aggregated. A region restriction is a filter:
    it is scanned (or read from the rollups), never answered from the whole table."""
    from prima.catalog.engine.access import public_view

    view = public_view(big, hidden={"kabkota", "nilai"})
    query = Query(limit=1000)
    metrics = [("sum", "jumlah"), ("max", "rasio"), ("count", None)]
    assert Table(view).group_summary(query, ["nama"], metrics) is not None
    page = aggregate(view, query, ["nama"], metrics)
    assert page.rows == approx_rows(scanned(big, lambda: aggregate(big, query, ["nama"],
                                                                   metrics).rows))
    for group_by, hidden_metrics in [(["kabkota"], metrics), (["nama"], [("sum", "nilai")]),
                                     (["nama"], [("count", "nilai")])]:
        with pytest.raises(ValidationError):
            aggregate(view, query, group_by, hidden_metrics)
    region = Query(filters=[Filter("kode_kab", "subtree", "33")], limit=1000)
    assert Table(view).group_summary(region, ["nama"], metrics) is None
    regional = aggregate(view, region, ["nama"], metrics)
    assert regional.rows == approx_rows(scanned(big, lambda: aggregate(
        big, region, ["nama"], metrics).rows))
    assert sum(row["count"] for row in regional.rows) < sum(row["count"] for row in page.rows)


@pytest.mark.parametrize("limit", [1, 3, 30, 1000])
def test_whole_table_facets_read_from_the_summaries_equal_a_full_scan(big, limit):
    """Text and code columns' value counts are copied from their summaries; an integer or a
    boolean outside the rollup levels is counted from its summary (most frequent first,
    ties by value, NULL last)."""
    columns = ["nama", "kategori", "kabkota", "tanggal", "nilai", "jumlah", "aktif"]
    table = Table(big)
    assert table.level_for(Query(), ["nilai"]) is None
    assert table.value_counts(Query(), "nilai") is None
    assert table.group_summary(Query(), ["nilai"], []) is not None

    def compute():
        return facet_counts(big, Query(), columns, limit=limit)

    from_summaries = compute()
    assert from_summaries == scanned(big, compute)
    assert None in [value for value, _n in compute()["nilai"]] or limit < 42


def test_the_cell_budget_keeps_the_columns_of_fewest_values(limits):
    limits.CATALOG_GROUP_SUMMARY_MAX_CELLS = 2000
    version = ingest(table_csv())
    groups = summaries(version).groups
    # The columns of fewest values first (2 booleans, 2 years, 3 provinces, ...).
    assert {"aktif", "tahun", "kode_prov"} <= set(groups) < SUMMARISED
    assert "nama" not in groups
    page = aggregate(version, Query(limit=1000), ["nama"], [("sum", "nilai")])
    assert Table(version).group_summary(Query(), ["nama"], [("sum", "nilai")]) is None
    assert page.rows == scanned(version, lambda: aggregate(
        version, Query(limit=1000), ["nama"], [("sum", "nilai")]).rows)


def test_a_decimal_holding_nan_keeps_no_sums(limits, tmp_path):
    """SQLite would store a NaN as NULL: such a column keeps only its count (its sums are
    scanned); the other number columns keep theirs."""
    from prima.catalog.engine.safety import ROW_ID, new_connection, quote_literal

    path = str(tmp_path / "t.parquet")
    conn = new_connection(lock=False)
    try:
        conn.execute(f"COPY (SELECT range AS {ROW_ID}, 'g' || (range % 7) AS g, "
                     "CASE WHEN range = 5 THEN 'NaN'::DOUBLE ELSE range / 3 END AS x, "
                     "range % 11 AS y FROM range(3000)) TO " + quote_literal(path)
                     + " (FORMAT PARQUET)")
        schema = [{"name": "g", "type": "text"}, {"name": "x", "type": "decimal"},
                  {"name": "y", "type": "integer"}]
        rollup.build(conn, path, schema)
    finally:
        conn.close()
    found = rollup.load(path)
    assert set(found.groups) == {"g", "y"}
    assert found.measures == {"y"} and found.nullable == frozenset()


def test_a_manifest_naming_an_unknown_summarised_column_is_refused(big):
    path = parquet_location(big)
    db = sqlite3.connect(rollup.rollup_path(path))
    body = json.loads(db.execute("SELECT body FROM manifest").fetchone()[0])
    body["groups"]["columns"]["x; DROP TABLE rows"] = 3
    db.execute("UPDATE manifest SET body = ?", [json.dumps(body)])
    db.commit()
    db.close()
    assert rollup.load(path).groups == {}
    assert Table(big).group_summary(Query(), ["nama"], []) is None


def test_rollups_written_before_summaries_are_still_read(big):
    """A rollup file of the earlier layout (no ``groups`` in its manifest) keeps its levels
    and row index; its group-bys are answered as before."""
    path = parquet_location(big)
    db = sqlite3.connect(rollup.rollup_path(path))
    body = json.loads(db.execute("SELECT body FROM manifest").fetchone()[0])
    del body["groups"]
    db.execute("UPDATE manifest SET body = ?", [json.dumps(body)])
    db.commit()
    db.close()
    os.utime(rollup.rollup_path(path))
    found = rollup.load(path)
    assert found.levels and found.indexed and found.groups == {}
    assert Table(big).group_summary(Query(), ["nama"], []) is None
    assert aggregate(big, Query(limit=5), ["nama"], [("sum", "nilai")]).rows


def test_summaries_are_written_in_batches_in_order(big, monkeypatch):
    from prima.catalog.engine.safety import new_connection

    path = parquet_location(big)
    before = dict(summaries(big).groups)
    query = Query(limit=1000)
    expected = aggregate(big, query, ["nama"], [("sum", "nilai"), ("count", None)])
    monkeypatch.setattr(rollup, "BATCH_CELLS", 50)  # a few groups per batch
    conn = new_connection(lock=False)
    try:
        rollup.build(conn, path, big.schema)
    finally:
        conn.close()
    result_cache_clear()
    assert summaries(big).groups == before
    page = aggregate(big, query, ["nama"], [("sum", "nilai"), ("count", None)])
    assert (page.rows, page.total) == (expected.rows, expected.total)
    assert Table(big).group_summary(query, ["nama"], [("sum", "nilai")]) is not None
