"""Queries: filters of every operator, search, facets, sort with keyset pagination, group-by,
URL parameters, injection attempts and the time limit."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict

from prima.catalog.engine.aggregate import aggregate
from prima.catalog.engine.query import (
    Filter,
    Query,
    facet_counts,
    parse_query,
    run_query,
)

from .test_engine_support import ingest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tree")]

CSV = (
    "kode_kab,kabkota,desa,no_tps,dpt,suara_1,tanggal\n"
    "33.20,Jepara,Bangsri,001,200,50,2024-02-14\n"
    "33.20,Jepara,Kedung,002,300,80,2024-02-14\n"
    "33.20,Jepara,Jati Wetan,003,250,,2024-02-15\n"
    "33.19,Kudus,Jati Kulon,001,100,40,2024-02-14\n"
    "33.19,Kudus,Gebog,002,150,60,2024-02-16\n"
    "32.01,Bogor,Cibinong,001,400,90,2024-02-14\n"
)


@pytest.fixture
def table():
    version = ingest(CSV.encode())
    assert version.status == "review", version.problems
    return version


def desa(page):
    return [row["desa"] for row in page.rows]


@pytest.mark.parametrize(("flt", "expected"), [
    (Filter("kode_kab", "eq", "33.20"), ["Bangsri", "Kedung", "Jati Wetan"]),
    (Filter("kode_kab", "ne", "33.20"), ["Cibinong", "Jati Kulon", "Gebog"]),
    (Filter("desa", "contains", "jati"), ["Jati Wetan", "Jati Kulon"]),
    (Filter("dpt", "gt", "250"), ["Kedung", "Cibinong"]),
    (Filter("dpt", "gte", "250"), ["Kedung", "Jati Wetan", "Cibinong"]),
    (Filter("dpt", "lt", "150"), ["Jati Kulon"]),
    (Filter("dpt", "lte", "150"), ["Jati Kulon", "Gebog"]),
    (Filter("kode_kab", "in", ["33.19", "32.01"]), ["Cibinong", "Jati Kulon", "Gebog"]),
    (Filter("suara_1", "isnull", "true"), ["Jati Wetan"]),
    (Filter("tanggal", "gt", "2024-02-14"), ["Jati Wetan", "Gebog"]),
    (Filter("tanggal", "eq", "16/02/2024"), ["Gebog"]),
    (Filter("no_tps", "eq", "001"), ["Cibinong", "Jati Kulon", "Bangsri"]),
])
def test_filters(table, flt, expected):
    page = run_query(table, Query(filters=[flt], limit=10))
    assert sorted(desa(page)) == sorted(expected)
    assert page.total == len(expected)


def test_rows_are_typed_and_in_stored_order(table):
    page = run_query(table, Query(limit=2, columns=["kode_kab", "no_tps", "dpt", "tanggal"]))
    import datetime as dt

    # Without a sort, rows come in stored order: the first code column, then the file's order.
    assert page.rows == [
        {"kode_kab": "32.01", "no_tps": "001", "dpt": 400, "tanggal": dt.date(2024, 2, 14)},
        {"kode_kab": "33.19", "no_tps": "001", "dpt": 100, "tanggal": dt.date(2024, 2, 14)},
    ]
    assert [c["name"] for c in page.columns] == ["kode_kab", "no_tps", "dpt", "tanggal"]
    assert page.total == 6 and page.next_after is not None and page.elapsed_ms > 0


def test_search_every_word_in_any_text_column(table):
    assert desa(run_query(table, Query(search="JATI kudus"))) == ["Jati Kulon"]
    assert run_query(table, Query(search="tidakada")).total == 0


def test_facets_with_counts(table):
    facets = facet_counts(table, Query(filters=[Filter("dpt", "gte", "150")]),
                          ["kabkota", "no_tps"], limit=2)
    assert facets == {"kabkota": [("Jepara", 3), ("Bogor", 1)],
                      "no_tps": [("001", 2), ("002", 2)]}


@pytest.mark.parametrize("sort", [[("dpt", True)], [("kabkota", False), ("suara_1", True)],
                                  [("suara_1", False)], []])
def test_keyset_pagination_has_no_duplicates_and_no_gaps(table, sort):
    expected = desa(run_query(table, Query(sort=sort, limit=100)))
    seen, after = [], None
    while True:
        page = run_query(table, Query(sort=sort, limit=2, after=after))
        seen += desa(page)
        after = page.next_after
        if after is None:
            break
    assert seen == expected and len(seen) == 6


def test_sort_orders_with_nulls_last(table):
    page = run_query(table, Query(sort=[("suara_1", True)], limit=10))
    assert [r["suara_1"] for r in page.rows] == [90, 80, 60, 50, 40, None]
    page = run_query(table, Query(sort=[("suara_1", False)], limit=10))
    assert [r["suara_1"] for r in page.rows] == [40, 50, 60, 80, 90, None]


def test_offset_pages(table):
    page = run_query(table, Query(sort=[("dpt", False)], limit=2, offset=2))
    assert [r["dpt"] for r in page.rows] == [200, 250]


def test_group_by_sum_count_avg(table):
    page = aggregate(table, Query(sort=[("sum_dpt", True)]), ["kabkota"],
                     [("sum", "dpt"), ("count", None), ("avg", "suara_1"), ("max", "dpt")])
    assert [c["name"] for c in page.columns] == ["kabkota", "sum_dpt", "count", "avg_suara_1",
                                                 "max_dpt"]
    assert page.rows == [
        {"kabkota": "Jepara", "sum_dpt": 750, "count": 3, "avg_suara_1": 65.0, "max_dpt": 300},
        {"kabkota": "Bogor", "sum_dpt": 400, "count": 1, "avg_suara_1": 90.0, "max_dpt": 400},
        {"kabkota": "Kudus", "sum_dpt": 250, "count": 2, "avg_suara_1": 50.0, "max_dpt": 150},
    ]
    assert page.total == 3
    assert page.columns[1]["label"] == "Total dpt"


def test_national_aggregation_and_paged_groups(table):
    page = aggregate(table, Query(), [], [("sum", "suara_1"), ("count", "suara_1")])
    assert page.rows == [{"sum_suara_1": 320, "count_suara_1": 5}] and page.total == 1
    first = aggregate(table, Query(limit=2), ["desa"], [])
    second = aggregate(table, Query(limit=2, after=first.next_after), ["desa"], [])
    assert first.total == 6 and first.next_after == "o:2"
    assert [r["desa"] for r in first.rows + second.rows] == ["Bangsri", "Cibinong", "Gebog",
                                                             "Jati Kulon"]


def test_sum_of_text_is_refused(table):
    with pytest.raises(ValidationError, match="bukan angka"):
        aggregate(table, Query(), ["kabkota"], [("sum", "desa")])


def test_parse_query_url_convention(table):
    params = QueryDict("kode_kab__in=33.20,33.19&dpt__gte=150&desa__contains=jati&_search=x"
                       "&_sort_desc=dpt&_sort=desa&_size=10&_col=desa&_col=dpt&_facet=kabkota"
                       "&_group_by=kabkota&_metric=sum:dpt&_metric=count&no_tps=001&page=3")
    query = parse_query(params, table.schema)
    assert query.filters == [Filter("kode_kab", "in", ["33.20", "33.19"]),
                             Filter("dpt", "gte", "150"), Filter("desa", "contains", "jati"),
                             Filter("no_tps", "eq", "001")]
    assert query.search == "x"
    assert query.sort == [("dpt", True), ("desa", False)]
    assert query.limit == 10 and query.columns == ["desa", "dpt"]
    assert query.facets == ["kabkota"] and query.group_by == ["kabkota"]
    assert query.metrics == [("sum", "dpt"), ("count", None)]
    assert parse_query({"dpt__gt": "100", "_size": "5"}, table.schema).limit == 5


@pytest.mark.parametrize(("params", "message"), [
    ({"nope__eq": "1"}, "Kolom “nope” tidak ada"),
    ({"dpt__like": "1"}, "Operator “like” tidak dikenal"),
    ({"_sort": "1; DROP TABLE t"}, "tidak ada dalam tabel"),
    ({"_sort": "dpt DESC; SELECT 1"}, "tidak ada dalam tabel"),
    ({"x') or read_csv('/etc/passwd__eq": "1"}, "tidak ada dalam tabel"),
    ({"_col": "dpt,read_csv('/etc/passwd')"}, "tidak ada dalam tabel"),
    ({"_size": "5000"}, "1 sampai 1000"),
    ({"_size": "abc"}, "1 sampai 1000"),
    ({"_metric": "median:dpt"}, "tidak dikenal"),
    ({"_group_by": "(SELECT 1)"}, "tidak ada dalam tabel"),
])
def test_bad_parameters_are_refused_in_indonesian(table, params, message):
    with pytest.raises(ValidationError, match=message):
        parse_query(params, table.schema)


@pytest.mark.parametrize("value", [
    "x' OR '1'='1", "'; DROP TABLE t; --", "33.20') UNION SELECT * FROM read_csv('/etc/passwd",
])
def test_values_are_bound_never_interpreted(table, value):
    for op in ("eq", "contains", "in", "gt"):
        page = run_query(table, Query(filters=[Filter("desa", op, value)]))
        assert page.rows == [] or op == "gt"
    page = run_query(table, Query(search=value))
    assert page.total == 0


def test_bad_values_for_typed_columns(table):
    with pytest.raises(ValidationError, match="harus bilangan bulat"):
        run_query(table, Query(filters=[Filter("dpt", "gt", "1; DROP")]))
    with pytest.raises(ValidationError, match="harus tanggal"):
        run_query(table, Query(filters=[Filter("tanggal", "eq", "kemarin")]))
    with pytest.raises(ValidationError, match="tidak sah"):
        run_query(table, Query(after="bm90IGEgdG9rZW4"))
    with pytest.raises(ValidationError, match="tidak ada dalam tabel"):
        run_query(table, Query(filters=[Filter("__row", "eq", "1")]))
    with pytest.raises(ValidationError, match="tidak ada dalam tabel"):
        run_query(table, Query(sort=[("1; DROP", False)]))


def test_query_connection_cannot_reach_files_network_or_extensions(table):
    from prima.catalog.engine.query import Table

    conn = Table(table).connection()
    for sql in ("SELECT * FROM read_csv('/etc/passwd')", "COPY t TO '/tmp/prima-leak.csv'",
                "ATTACH '/tmp/prima-leak.db'", "INSTALL httpfs", "LOAD httpfs",
                "SET enable_external_access = true", "SELECT * FROM read_text('/etc/hostname')"):
        with pytest.raises(Exception) as info:
            conn.execute(sql).fetchall()
        assert any(word in str(info.value) for word in ("disabled", "Permission", "lock",
                                                        "Cannot change", "could not read"))
    assert conn.execute("SELECT count(*) FROM t").fetchone() == (6,)


def test_time_limit_stops_a_heavy_query(table, settings):
    settings.CATALOG_QUERY_SECONDS = 0.05
    big = ingest(("a,b\n" + "".join(f"{i},{i % 97}\n" for i in range(200_000))).encode())
    from prima.catalog.engine.query import Table
    from prima.catalog.engine.safety import run

    conn = Table(big).connection()
    with pytest.raises(ValidationError, match="Kueri terlalu lama"):
        run(conn, "SELECT sum(x.a * y.b) FROM t x, t y")
    # The connection is still usable afterwards.
    assert run(conn, "SELECT count(*) FROM t") == [(200_000,)]
