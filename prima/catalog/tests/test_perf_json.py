"""The lean ``.json`` twin (facets, aggregations, ``_size=0``, ``_nocount``) and the engine's
results cache (immutable versions: repeated queries are answered from memory, bounded)."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse

from prima.catalog.choices import UsageKind
from prima.catalog.engine import query as engine
from prima.catalog.models import UsageDaily

from .factories import published_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def table(published_table):
    engine.result_cache_clear()
    dataset, resource, version = published_table
    return reverse("catalog:resource-table-json", args=[dataset.slug, resource.slug]), version


def test_facet_answers_counts_without_rows(client, table):
    url, _version = table

    body = client.get(url, {"_facet": "kecamatan", "dpt__gte": "210"}).json()

    assert body == {"total": 4, "facets": {"kecamatan": [
        {"value": "Kedung", "count": 3}, {"value": "Pecangaan", "count": 1}]}}


def test_facet_with_rows_when_a_size_is_given_and_without_count(client, table):
    url, _version = table

    body = client.get(url, {"_facet": "kecamatan", "_size": "2", "_nocount": "1",
                            "_facet_size": "1"}).json()

    assert body["total"] is None
    assert [r["desa"] for r in body["rows"]] == ["Bategede", "Bategede"]
    assert body["facets"] == {"kecamatan": [{"value": "Kedung", "count": 3}]}
    assert body["next"]


def test_group_by_answers_the_aggregated_rows(client, table):
    url, _version = table

    body = client.get(url, {"_group_by": "kecamatan", "_metric": ["sum:dpt", "count"]}).json()

    assert [c["name"] for c in body["columns"]] == ["kecamatan", "sum_dpt", "count"]
    assert body["rows"] == [{"kecamatan": "Kedung", "sum_dpt": 790, "count": 3},
                            {"kecamatan": "Pecangaan", "sum_dpt": 410, "count": 2}]
    assert body["total"] == 2
    assert body["next"] is None


def test_size_zero_gives_only_the_total_and_nocount_skips_it(client, table):
    url, _version = table

    only_total = client.get(url, {"kecamatan__eq": "Kedung", "_size": "0"}).json()
    nothing = client.get(url, {"_size": "0", "_nocount": "1"}).json()
    rows_no_total = client.get(url, {"_size": "1", "_nocount": "1"}).json()

    assert only_total == {"total": 3}
    assert nothing == {}
    assert rows_no_total["total"] is None and len(rows_no_total["rows"]) == 1
    assert UsageDaily.objects.get(kind=UsageKind.API).count == 3


def test_bad_facet_size_and_unknown_facet_are_clear_errors(client, table):
    url, _version = table

    size = client.get(url, {"_facet": "kecamatan", "_facet_size": "0"})
    unknown = client.get(url, {"_facet": "tidak_ada"})

    assert size.status_code == 400 and "_facet_size" in size.json()["error"]
    assert unknown.status_code == 400
    assert "tidak ada dalam tabel ini" in unknown.json()["error"]
    assert not UsageDaily.objects.exists()


def test_repeated_queries_are_answered_from_the_results_cache(table):
    _url, version = table
    query = engine.Query(filters=[engine.Filter("kecamatan", "eq", "Kedung")])

    first = engine.facet_counts(version, query, ["desa"])
    before = engine.result_cache_stats()
    again = engine.facet_counts(version, query, ["desa"])
    after = engine.result_cache_stats()

    assert again == first == {"desa": [("Bategede", 2), ("Bulakbaru", 1)]}
    assert (after["hits"] - before["hits"], after["misses"] - before["misses"]) == (1, 0)


def test_results_cache_is_bounded_by_cells_and_entries():
    cache = engine._ResultCache(entries=3, cells=10)

    cache.put("a", [(1, 2)], 2)
    cache.put("b", [(1, 2, 3)], 3)
    cache.put("c", [(1,)] * 6, 6)  # 11 cells > 10: the oldest goes
    cache.put("d", [(1,)], 1)
    cache.put("e", [(1,)], 1)  # 4 entries > 3: the oldest goes

    assert list(cache.items) == ["c", "d", "e"]
    assert cache.used == 8
    cache.put("huge", [(0,)] * (engine.RESULT_MAX_CELLS + 1), engine.RESULT_MAX_CELLS + 1)
    assert "huge" not in cache.items


def test_anonymous_lookups_are_reused_and_forgotten_on_change(client, table, settings, people,
                                                              django_assert_num_queries):
    from prima.catalog import services
    from prima.catalog.views.public import public_lookups

    settings.CATALOG_PUBLIC_LOOKUP_SECONDS = 5
    settings.CATALOG_USAGE_FLUSH_SECONDS = 60
    public_lookups.clear()
    url, version = table
    assert client.get(url, {"_size": "1"}).status_code == 200
    # The second request needs no query at all: lookup remembered, usage count buffered.
    with django_assert_num_queries(0):
        assert client.get(url, {"_size": "1", "_nocount": "1"}).status_code == 200

    services.withdraw_dataset(dataset=version.resource.dataset, actor=people.ppid)
    assert client.get(url, {"_size": "1"}).status_code == 404


def test_a_signed_in_user_is_never_answered_from_the_public_lookups(client, table, settings,
                                                                    people):
    from prima.catalog.views.public import public_lookups

    settings.CATALOG_PUBLIC_LOOKUP_SECONDS = 5
    public_lookups.clear()
    url, _version = table
    client.force_login(people.ppid)
    assert client.get(url, {"_size": "1"}).status_code == 200
    assert public_lookups.items == {}


def test_the_twin_answers_facets_and_groups_from_rollups_as_from_a_scan(client, settings, people,
                                                                        tree):
    from prima.catalog.engine import rollup
    from prima.catalog.engine.safety import parquet_location

    from .test_engine_rollup import table_csv

    settings.CATALOG_ROLLUP_MIN_ROWS = 1000
    settings.CATALOG_ROLLUP_RATIO = 5
    settings.CATALOG_ROLLUP_MAX_DISTINCT = 200
    dataset, resource, version = published_dataset(tree.jepara, people.ppid,
                                                   content=table_csv().decode())
    assert rollup.rollups_for(parquet_location(version)).levels
    url = reverse("catalog:resource-table-json", args=[dataset.slug, resource.slug])
    asks = [{"kode_prov": "33", "_facet": ["kabkota", "tanggal"]},
            {"kode_prov__ne": "33", "_group_by": "kabkota", "_metric": ["sum:nilai", "avg:rasio",
                                                                        "count"]}]
    answers = [client.get(url, ask).json() for ask in asks]
    path = rollup.rollup_path(parquet_location(version))
    os.remove(path)
    engine.result_cache_clear()

    def rounded(value):  # sums of decimals re-added from groups differ in the last bits only
        if isinstance(value, float):
            return round(value, 9)
        if isinstance(value, dict):
            return {k: rounded(v) for k, v in value.items()}
        return [rounded(v) for v in value] if isinstance(value, list) else value

    assert rounded([client.get(url, ask).json() for ask in asks]) == rounded(answers)
    assert answers[0]["facets"]["tanggal"][0]["value"].startswith("2024-02-")
    assert answers[1]["total"] == 3


def test_json_cells_keep_plain_values_and_write_others_as_text():
    import datetime
    from decimal import Decimal
    from enum import IntEnum

    from prima.catalog.views.public import _json_rows

    class Level(IntEnum):
        HIGH = 2

    class Page:
        rows = [{"a": Decimal("1.50"), "b": datetime.date(2024, 1, 2), "c": [1, Decimal("2")],
                 "d": None, "e": True, "f": 3, "g": 0.5, "h": "teks", "i": Level.HIGH}]

    (row,) = _json_rows(Page)
    assert row == {"a": "1.50", "b": "2024-01-02", "c": [1, "2"], "d": None, "e": True,
                   "f": 3, "g": 0.5, "h": "teks", "i": 2}
    assert type(row["e"]) is bool and row["i"] is Level.HIGH  # subclasses of int stay numbers
