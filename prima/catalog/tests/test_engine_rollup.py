"""Aggregate indexes (rollups): which levels are built, that every answer taken from them equals
the answer of a full scan, and when the scan is used instead."""

from __future__ import annotations

import datetime as dt
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
    count_rows,
    facet_counts,
    result_cache_clear,
    run_query,
)
from prima.catalog.engine.safety import parquet_location

from .test_engine_support import ingest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tree")]

PLACES = {  # province code -> (name, {kab code: kab name})
    "32": ("Jawa Barat", {"32.01": "Kabupaten Bogor", "32.73": "Kota Bandung"}),
    "33": ("Jawa Tengah", {"33.19": "Kabupaten Kudus", "33.20": "Kabupaten Jepara",
                           "33.74": "Kota Semarang"}),
    "35": ("Jawa Timur", {"35.78": "Kota Surabaya"}),
}
ROWS = 3000


def table_csv(rows: int = ROWS) -> bytes:
    """A deterministic table with a place hierarchy, a category with gaps, a boolean, a date,
    a year, a date-time, a many-valued text and three measures (one with gaps)."""
    rng = random.Random(7)
    kabs = [(prov, name, kab, kab_name) for prov, (name, kk) in PLACES.items()
            for kab, kab_name in kk.items()]
    lines = ["kode_prov,provinsi,kode_kab,kabkota,kategori,aktif,tanggal,tahun,dicatat,desa,"
             "nilai,rasio,suara_tidak_sah"]
    for i in range(rows):
        prov, name, kab, kab_name = kabs[rng.randrange(len(kabs))]
        kategori = rng.choice(["Sekolah", "Balai desa", "Rumah warga", ""])
        rasio = "" if i % 7 == 0 else f"{rng.uniform(0, 1):.4f}"
        lines.append(",".join([
            prov, name, kab, kab_name, kategori, rng.choice(["true", "false"]),
            f"2024-02-{rng.randint(10, 14):02d}", rng.choice(["2019", "2024"]),
            f"2024-02-14 0{rng.randint(7, 9)}:{rng.randint(0, 59):02d}:00", f"Desa {i}",
            str(rng.randint(0, 900)), rasio, str(rng.randint(0, 10))]))
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def small_limits(settings):
    settings.CATALOG_ROLLUP_MIN_ROWS = 1000
    settings.CATALOG_ROLLUP_RATIO = 5
    settings.CATALOG_ROLLUP_MAX_DISTINCT = 200
    return settings


@pytest.fixture
def big(small_limits):
    version = ingest(table_csv())
    assert version.status == "review", version.problems
    return version


def levels_of(version) -> list[list[str]]:
    found = rollup.rollups_for(parquet_location(version))
    return [sorted(level.dims) for level in found.levels]


def test_levels_follow_the_hierarchy_and_leave_measures_out(big):
    types = {col["name"]: col["type"] for col in big.schema}
    assert types["tahun"] == "integer" and types["dicatat"] == "datetime"
    # Each step adds the dimension that keeps the groups fewest; a name adds no group to its
    # code, so both join the same level; the year is an integer and joins last.
    assert levels_of(big) == [
        ["aktif"],  # 2 groups
        ["aktif", "kode_prov", "provinsi"],  # 6
        ["aktif", "kabkota", "kode_kab", "kode_prov", "provinsi"],  # 12
        ["aktif", "kabkota", "kategori", "kode_kab", "kode_prov", "provinsi"],  # 48
        ["aktif", "kabkota", "kategori", "kode_kab", "kode_prov", "provinsi", "tanggal"],
        ["aktif", "kabkota", "kategori", "kode_kab", "kode_prov", "provinsi", "tahun",
         "tanggal"],
    ]
    every = set().union(*map(set, levels_of(big)))
    # Many-valued columns are never dimensions: the village, the measures, the date-time.
    assert not every & {"desa", "nilai", "rasio", "dicatat"}
    # suara_tidak_sah has 11 values, but an integer joins only after every other dimension,
    # and it no longer fits the budget of 600 groups then.
    assert "suara_tidak_sah" not in every
    sizes = [level.rows for level in rollup.rollups_for(parquet_location(big)).levels]
    assert sizes == sorted(sizes) and sizes[-1] <= ROWS // 5


def test_a_small_table_gets_no_rollups(settings):
    settings.CATALOG_ROLLUP_MIN_ROWS = 5000
    version = ingest(table_csv(500))
    assert not os.path.exists(rollup.rollup_path(parquet_location(version)))
    assert Table(version).level_for(Query()) is None


QUERIES = [
    Query(),
    Query(filters=[Filter("kode_prov", "eq", "33")]),
    Query(filters=[Filter("kode_prov", "ne", "33")]),
    Query(filters=[Filter("kode_kab", "in", ["33.20", "32.01", "35.78"])]),
    Query(filters=[Filter("kode_kab", "gt", "33.19"), Filter("aktif", "eq", "true")]),
    Query(filters=[Filter("kategori", "isnull", "true")]),
    Query(filters=[Filter("kategori", "isnull", "false"), Filter("tanggal", "lte", "2024-02-12")]),
    Query(filters=[Filter("tanggal", "eq", "13/02/2024"), Filter("tahun", "gte", "2020")]),
    Query(filters=[Filter("kode_prov", "eq", "99")]),  # matches nothing
]


def scanned(version, compute):
    """The same computation with the rollups set aside (a full scan)."""
    path = rollup.rollup_path(parquet_location(version))
    os.rename(path, path + ".aside")
    result_cache_clear()
    try:
        assert Table(version).level_for(Query()) is None
        return compute()
    finally:
        os.rename(path + ".aside", path)
        result_cache_clear()


def approx_rows(rows):
    return [{k: pytest.approx(v) if isinstance(v, float) else v for k, v in row.items()}
            for row in rows]


@pytest.mark.parametrize("query", QUERIES)
def test_counts_and_facets_from_rollups_equal_a_full_scan(big, query):
    columns = ["kode_prov", "kabkota", "kategori", "aktif", "tanggal", "tahun"]
    assert Table(big).level_for(query, columns) is not None

    def compute():
        return (count_rows(big, query), facet_counts(big, query, columns, limit=50),
                run_query(big, Query(filters=query.filters, limit=5)).total)

    from_rollups = compute()
    assert from_rollups == scanned(big, compute)
    facets = from_rollups[1]
    assert all(isinstance(value, dt.date) for value, _n in facets["tanggal"])
    assert all(isinstance(value, bool) for value, _n in facets["aktif"])


METRICS = [("count", None), ("sum", "nilai"), ("avg", "nilai"), ("min", "nilai"),
           ("max", "nilai"), ("sum", "rasio"), ("avg", "rasio"), ("count", "rasio"),
           ("min", "desa"), ("max", "desa"), ("count", "kategori"), ("sum", "tahun"),
           ("avg", "tahun"), ("min", "tanggal"), ("max", "aktif")]


@pytest.mark.parametrize("group_by", [[], ["kode_prov"], ["kabkota", "aktif"],
                                      ["kategori"], ["tanggal", "tahun"]])
@pytest.mark.parametrize("query", QUERIES[:2] + QUERIES[5:8])
def test_aggregations_from_rollups_equal_a_full_scan(big, query, group_by):
    assert Table(big).level_for(query, group_by) is not None
    sort_query = Query(filters=query.filters, limit=7, offset=2 if group_by else None)

    def compute():
        page = aggregate(big, sort_query, group_by, METRICS)
        return page.total, page.rows, page.next_after, page.columns

    total, rows, next_after, columns = compute()
    s_total, s_rows, s_next, s_columns = scanned(big, compute)
    assert (total, next_after, columns) == (s_total, s_next, s_columns)
    assert rows == approx_rows(s_rows)
    if rows:
        assert isinstance(rows[0]["min_tanggal"], dt.date)
        assert isinstance(rows[0]["sum_nilai"], int)


def test_sorted_aggregation_by_a_metric_from_rollups(big):
    query = Query(sort=[("sum_nilai", True)], limit=3)

    def compute():
        return aggregate(big, query, ["kabkota"], [("sum", "nilai")]).rows

    assert compute() == scanned(big, compute)
    assert [row["sum_nilai"] for row in compute()] == sorted(
        (row["sum_nilai"] for row in compute()), reverse=True)


@pytest.mark.parametrize(("query", "columns", "metrics"), [
    (Query(search="jepara"), ["kode_prov"], []),  # full-text search reads every text column
    (Query(filters=[Filter("kabkota", "contains", "kota")]), ["kode_prov"], []),
    (Query(filters=[Filter("desa", "eq", "Desa 7")]), ["kode_prov"], []),  # not a dimension
    (Query(), ["desa"], []),
    (Query(), ["kode_prov"], [("min", "dicatat")]),  # date-times keep no min/max
])
def test_questions_outside_the_rollups_are_scanned(big, query, columns, metrics):
    from prima.catalog.engine.aggregate import _rollup_level

    table = Table(big)
    groups = [table.column(name) for name in columns]
    assert _rollup_level(table, query, groups, metrics) is None
    # ... and still answered.
    page = aggregate(big, Query(filters=query.filters, search=query.search, limit=1000),
                     columns, metrics or [("count", None)])
    assert page.rows


def test_rollups_of_a_rewritten_table_are_ignored(big):
    path = parquet_location(big)
    assert Table(big).level_for(Query()) is not None
    before = count_rows(big, Query(filters=[Filter("kode_prov", "eq", "33")]))
    stat = os.stat(path)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))
    assert rollup.load(path).levels == ()
    assert Table(big).level_for(Query()) is None
    result_cache_clear()
    assert count_rows(big, Query(filters=[Filter("kode_prov", "eq", "33")])) == before


def test_a_reviewed_schema_rebuilds_the_rollups(big):
    from prima.catalog.engine.ingest import apply_schema

    schema = [dict(col) for col in big.schema]
    for col in schema:
        if col["name"] == "tahun":
            col["type"] = "text"
    assert apply_schema(big, schema) == []
    big.refresh_from_db()
    found = rollup.rollups_for(parquet_location(big))
    assert found.matches(big.schema)
    # Text now, "tahun" joins with the other text dimensions rather than last.
    assert any("tahun" in level.dims for level in found.levels)
    page = aggregate(big, Query(), ["tahun"], [("count", None)])
    assert [row["tahun"] for row in page.rows] == ["2019", "2024"]


def test_a_failed_build_leaves_the_table_scanned_not_broken(small_limits, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(rollup, "_write", broken)
    version = ingest(table_csv())
    assert version.status == "review"
    path = rollup.rollup_path(parquet_location(version))
    assert not os.path.exists(path) and not os.path.exists(f"{path}.{os.getpid()}.tmp")
    assert count_rows(version, Query(filters=[Filter("kode_prov", "eq", "33")])) > 0


def test_rollup_file_is_read_only_and_cannot_attach(big):
    found = rollup.rollups_for(parquet_location(big))
    with pytest.raises(sqlite3.OperationalError):
        found.connection.execute("INSERT INTO r0 (__n) VALUES (1)")
    with pytest.raises(sqlite3.OperationalError):
        found.connection.execute("ATTACH DATABASE ':memory:' AS other")


def test_rollup_queries_have_the_time_limit(big):
    found = rollup.rollups_for(parquet_location(big))
    endless = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
               "SELECT count(*) FROM c")
    with pytest.raises(ValidationError, match="Kueri terlalu lama"):
        rollup.run(found, endless, [], 0.05)
    # The connection answers again afterwards.
    assert rollup.run(found, "SELECT count(*) FROM r0", [], 1)[0][0] >= 1


def test_the_command_builds_rollups_of_existing_tables(small_limits):
    from io import StringIO

    from django.core.management import call_command

    version = ingest(table_csv())
    rollup.remove(parquet_location(version))
    assert Table(version).level_for(Query()) is None
    out = StringIO()
    call_command("catalog_rollups", "--resource-version", str(version.pk), stdout=out)
    assert f"versi {version.pk}: 6 tingkat" in out.getvalue()
    assert Table(version).level_for(Query()) is not None


def test_levels_are_written_in_batches_with_every_group(big, monkeypatch):
    from prima.catalog.engine.safety import new_connection

    path = parquet_location(big)
    before = [(level.table, level.rows) for level in rollup.rollups_for(path).levels]
    expected = count_rows(big, Query(filters=[Filter("kode_kab", "eq", "33.20")]))
    monkeypatch.setattr(rollup, "BATCH_CELLS", 50)  # a few rows per batch
    conn = new_connection(lock=False)
    try:
        written = rollup.build(conn, path, big.schema)
    finally:
        conn.close()
    assert [(item["table"], item["rows"]) for item in written] == before
    result_cache_clear()
    assert Table(big).level_for(Query(filters=[Filter("kode_kab", "eq", "33.20")])) is not None
    assert count_rows(big, Query(filters=[Filter("kode_kab", "eq", "33.20")])) == expected


def test_a_manifest_naming_anything_but_its_own_tables_is_refused(big):
    import json

    path = parquet_location(big)
    stored = rollup.rollup_path(path)
    db = sqlite3.connect(stored)
    body = json.loads(db.execute("SELECT body FROM manifest").fetchone()[0])
    body["levels"][0]["table"] = "r0; DROP TABLE r1"
    db.execute("UPDATE manifest SET body = ?", [json.dumps(body)])
    db.commit()
    db.close()
    assert rollup.load(path).levels == ()
    assert Table(big).level_for(Query()) is None


def test_a_public_view_reads_the_rollups_of_the_whole_table(big):
    """Hiding a restricted column (``access.public_view``) shifts the visible schema; the
    rollups, built over every column, are still used and give the full scan's figures."""
    from prima.catalog.engine.access import public_view

    view = public_view(big, hidden={"provinsi", "kategori"})
    query = Query(limit=50)
    assert Table(view).level_for(query, ["kode_prov"]) is not None

    page = aggregate(view, query, ["kode_prov"], [("sum", "nilai"), ("max", "rasio")])

    assert page.rows == aggregate(big, query, ["kode_prov"],
                                  [("sum", "nilai"), ("max", "rasio")]).rows
    assert page.rows == approx_rows(scanned(big, lambda: aggregate(
        big, query, ["kode_prov"], [("sum", "nilai"), ("max", "rasio")]).rows))
    with pytest.raises(ValidationError):
        aggregate(view, query, ["kategori"], [("count", None)])
