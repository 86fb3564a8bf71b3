"""The catalog's one search (``DatasetQuerySet.search``): every word in any order, across
title, description, tags, satker and column labels, ranked; the public search page and CKAN's
``package_search`` ``q`` give the same datasets in the same order."""

from __future__ import annotations

import pytest
from django.urls import reverse

from prima.catalog.models import Dataset

from .factories import SCHEMA, add_file, make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def tps_catalog(tree):
    target = make_dataset(tree.jepara, "tps-jepara",
                          title="Daftar TPS per Kecamatan Pemilu 2024 Kabupaten Jepara",
                          description="Lokasi tempat pemungutan suara.", tags=["pemilu"])
    # Both words, but not in the title: must rank below the target.
    make_dataset(tree.jepara, "rekap-jepara", title="Rekapitulasi suara Kabupaten Jepara",
                 description="Rekap per TPS.", tags=["tps"])
    # Only one of the two words: not found at all.
    make_dataset(tree.kudus, "tps-kudus", title="Daftar TPS Kabupaten Kudus",
                 description="Lokasi TPS.")
    # Words found only in a column label and in the satker name.
    columns = make_dataset(tree.jepara, "anggaran-jepara", title="Anggaran 2024",
                           description="Pagu.")
    add_file(columns, "pagu", schema=[*SCHEMA, {"name": "jml_tps", "label": "Jumlah TPS",
                                                "type": "integer", "is_code": False}])
    return target


def test_every_word_in_any_order_ranked_title_first(tps_catalog):
    found = list(Dataset.objects.published().search("TPS Jepara").order_by("-score", "pk"))
    reversed_words = list(Dataset.objects.published().search("jepara tps")
                          .order_by("-score", "pk"))

    assert [d.slug for d in found][0] == "tps-jepara"
    assert {d.slug for d in found} == {"tps-jepara", "rekap-jepara", "anggaran-jepara"}
    assert found == reversed_words


def test_column_labels_and_satker_names_are_searched(tps_catalog):
    assert [d.slug for d in Dataset.objects.search("jumlah tps")] == ["anggaran-jepara"]
    assert {d.slug for d in Dataset.objects.search("kudus")} == {"tps-kudus"}


def test_public_search_and_ckan_package_search_agree(client, tps_catalog):
    page = client.get(reverse("catalog:search"), {"q": "TPS Jepara"})
    api = client.get("/api/3/action/package_search", {"q": "TPS Jepara"}).json()["result"]

    page_slugs = [d.slug for d in page.context["page_obj"]]
    assert page_slugs[0] == "tps-jepara"
    assert [p["name"] for p in api["results"]] == page_slugs
    assert api["count"] == 3


def test_the_search_condition_is_not_repeated_in_every_facet_query(tps_catalog, client):
    """Issue 13: the matching ids are found once and the facets count over that list; before,
    the per-word subqueries were compiled and run inside each of the five facet queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("catalog:search"), {"q": "TPS Jepara"})
    assert response.status_code == 200
    assert [d.slug for d in response.context["page_obj"]][:1] == ["tps-jepara"]
    searching = [q["sql"] for q in queries.captured_queries if "%jepara%" in q["sql"].lower()]
    assert len(searching) <= 3  # the ids, the page's count and the ranked page


@pytest.mark.parametrize("q", ["TPS Jepara", "jepara", ""])
def test_ranking_from_the_ids_query_matches_the_databases(tps_catalog, client, monkeypatch, q):
    """The page ranked from the scores of the ids query (issue 13) lists the same datasets in
    the same order as the database's ranking, kept for results too large to inline."""
    from prima.catalog.views import public

    url = reverse("catalog:search")
    inline = [d.slug for d in client.get(url, {"q": q}).context["page_obj"]]
    monkeypatch.setattr(public, "SEARCH_IDS_INLINE", 0)
    database = client.get(url, {"q": q})
    assert [d.slug for d in database.context["page_obj"]] == inline
    assert database.context["page_obj"].paginator.count == len(inline) > 0


@pytest.mark.parametrize("words", [
    ["tps"], ["TPS", "jepara"], ["jepara", "tps", "2024"], ["kudus"], ["nothing-here"],
    ["jml_tps"], ["100%"], ["a_b"], ["back\\slash"], ['"quoted" word'], ["pémilu", "ä"],
    ["qqprimasearchword1qq", "tps"], list("abcdefghij"),
])
def test_search_page_statement_finds_what_the_orm_finds(tps_catalog, words):
    """The search page runs the search's SQL built once per number of words with its own
    words as parameters (``prima.catalog.search``): the same rows as the ORM's query."""
    from prima.catalog.search import published_matches

    expected = list(Dataset.objects.published().search(words)
                    .values_list("pk", "published_at", "score")[:50])
    assert published_matches(words, 50) == expected
    assert sorted(published_matches(words, 50)) == sorted(published_matches(words, 50))
