""""Published" is defined once (``DatasetQuerySet.published``): the public search page, the JSON
API, the CKAN adapter and the DCAT feed list the same datasets for the same state, whoever
asks."""

import pytest
from django.urls import reverse

from prima.catalog import services
from prima.catalog.tests.factories import publishes_directly

pytestmark = pytest.mark.django_db

READERS = ("search page", "JSON API", "CKAN package_list", "CKAN package_search", "DCAT")


def listed(client) -> dict[str, list[str]]:
    """The dataset names each reader lists, sorted."""
    search = client.get(reverse("catalog:search")).context["page_obj"]
    api = client.get("/api/v1/katalog/dataset", {"size": 100}).json()["results"]
    package_list = client.get("/api/3/action/package_list").json()["result"]
    package_search = client.get("/api/3/action/package_search",
                                {"rows": 1000}).json()["result"]["results"]
    graph = client.get("/data/catalog.jsonld").json()["@graph"]
    found = {
        "search page": [dataset.slug for dataset in search],
        "JSON API": [dataset["slug"] for dataset in api],
        "CKAN package_list": package_list,
        "CKAN package_search": [package["name"] for package in package_search],
        "DCAT": [node["dct:identifier"] for node in graph if node["@type"] == "dcat:Dataset"],
    }
    return {reader: sorted(names) for reader, names in found.items()}


@pytest.mark.parametrize("who", ["anonymous", "ppid", "system_admin"])
def test_every_reader_lists_the_same_published_datasets(client, login, people, catalog, who):
    # Given two published datasets, a draft and a withdrawn one (``catalog``), asked by the
    # public, by the satker's own officer and by the system administrator (who may preview
    # drafts on the staff pages, never in these lists).
    if who != "anonymous":
        login(getattr(people, who))

    # Then every reader lists exactly the two published datasets.
    assert listed(client) == dict.fromkeys(
        READERS, ["anggaran-2024", "hasil-pemilu-2024-jepara"])

    # When Jepara withdraws its results and publishes its draft,
    services.withdraw_dataset(dataset=catalog.results, actor=people.ppid)
    publishes_directly(catalog.draft.satker)
    services.publish_dataset(dataset=catalog.draft, actor=people.ppid)

    # then every reader follows at once.
    assert listed(client) == dict.fromkeys(READERS, ["anggaran-2024", "draf-rahasia"])
