"""What real CKAN clients rely on: ckanext-harvest's CKAN harvester (``CKANHarvester``:
``package_search`` with ``sort=id asc``, ``rows=100``/``start`` paging, ``fq`` with
``organization:a OR organization:b`` and ``metadata_modified:[X TO *]`` for incremental runs),
``ckanapi``, and the datastore parameters CKAN accepts (``distinct``, quoted sort names,
``_id``, ``records_format=csv|tsv``), ``facet.limit=-1``, unknown actions and ``/api/3``."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlencode

import pytest
import requests
from ckanapi import RemoteCKAN
from django.utils import timezone

from prima.catalog.choices import ResourceKind
from prima.catalog.models import Dataset, Resource
from prima.catalog.tests.factories import make_dataset, publish_table
from prima.catalog.tests.test_ckan_api import call, result

TPS = (
    b"kode_desa,desa,tps,dpt\n"
    b"33.20.01.2001,Kedung Malang,1,250\n"
    b"33.20.01.2001,Kedung Malang,2,240\n"
    b"33.20.01.2002,Sukosono,1,300\n"
    b"33.20.02.2001,Pecangaan Kulon,1,250\n"
)


def harvester_search(base_url: str, fq_terms: list[str]) -> tuple[list[dict], list[str]]:
    """The requests of ckanext-harvest's ``CKANHarvester._search_for_datasets``: pages of
    100 sorted by id, until an empty page; duplicates dropped. Returns the packages and the
    URLs asked."""
    params = {"rows": "100", "start": "0", "sort": "id asc"}
    if fq_terms:
        params["fq"] = " ".join(fq_terms)
    packages, seen, urls, previous = [], set(), [], None
    while True:
        url = base_url + "/api/3/action/package_search?" + urlencode(params)
        urls.append(url)
        content = requests.get(url, timeout=30).text
        assert content != previous, "paging does not work"
        previous = content
        page = json.loads(content).get("result", {}).get("results", [])
        fresh = [p for p in page if p["id"] not in seen]
        seen |= {p["id"] for p in page}
        packages.extend(fresh)
        if not page:
            break
        params["start"] = str(int(params["start"]) + int(params["rows"]))
    return packages, urls


@pytest.fixture
def harvest_source(tree):
    """Datasets of Jepara (two), Jawa Tengah and Kudus."""
    made = {
        "jepara-a": make_dataset(tree.jepara, "jepara-a", title="TPS Jepara A"),
        "jepara-b": make_dataset(tree.jepara, "jepara-b", title="TPS Jepara B"),
        "jateng": make_dataset(tree.jateng, "jateng", title="Anggaran Jawa Tengah"),
        "kudus": make_dataset(tree.kudus, "kudus", title="TPS Kudus"),
    }
    for dataset in made.values():
        Resource.objects.create(dataset=dataset, slug="tautan", name="Tautan",
                                kind=ResourceKind.LINK, format="PDF",
                                url="https://example.org/a.pdf")
    return made


@pytest.mark.django_db(transaction=True)
def test_harvester_full_then_incremental_run(live_server, harvest_source):
    orgs = ["organization:kpu-33-20 OR organization:kpu-33"]

    full, urls = harvester_search(live_server.url, orgs)

    assert sorted(p["name"] for p in full) == ["jateng", "jepara-a", "jepara-b"]
    assert [int(p["id"]) for p in full] == sorted(int(p["id"]) for p in full)  # id asc
    assert len(urls) == 2  # a page, then the empty page that ends the loop

    # Incremental run: everything older than the last run, then one resource changes.
    Dataset.objects.update(updated_at=timezone.now() - dt.timedelta(days=2))
    last_run = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    since = (last_run - dt.timedelta(hours=1)).isoformat()
    changed = Resource.objects.get(dataset=harvest_source["jepara-b"])
    changed.name = "Tautan baru"
    changed.save()
    Resource.objects.filter(dataset=harvest_source["kudus"]).get().save()  # other org

    incremental, _urls = harvester_search(
        live_server.url, [*orgs, f"metadata_modified:[{since}Z TO *]"])

    assert [p["name"] for p in incremental] == ["jepara-b"]
    assert incremental[0]["resources"][0]["name"] == "Tautan baru"


@pytest.mark.django_db(transaction=True)
def test_ckanapi_client_sees_the_same(live_server, harvest_source):
    with RemoteCKAN(live_server.url, user_agent="prima-test") as ckan:
        found = ckan.action.package_search(fq="organization:kpu-33-20 OR organization:kpu-33-19",
                                           sort="id asc", rows=10,
                                           **{"facet.field": '["organization"]',
                                              "facet.limit": -1})
        unknown = requests.get(live_server.url + "/api/3/action/package_purge", timeout=30)

    assert [p["name"] for p in found["results"]] == ["jepara-a", "jepara-b", "kudus"]
    assert found["facets"]["organization"] == {"kpu-33-20": 2, "kpu-33-19": 1}
    assert unknown.status_code == 400
    assert unknown.json() == "Bad request - Action name not known: package_purge"


@pytest.mark.django_db
def test_api_root_answers_its_version(client):
    assert client.get("/api/3").json() == {"version": 3}
    assert client.get("/api/3/").json() == {"version": 3}
    assert client.get("/api").json() == {"version": 1}


@pytest.mark.django_db
def test_facet_limit_minus_one_means_every_value(client, harvest_source):
    found = result(client, "package_search", **{"facet.field": '["organization"]',
                                                "facet.limit": "-1"})

    assert found["facets"]["organization"] == {"kpu-33-20": 2, "kpu-33": 1, "kpu-33-19": 1}


@pytest.mark.django_db
def test_file_without_a_published_version_is_not_listed(client, tree, people):
    from prima.catalog import services
    from prima.catalog.dcat import catalog_graph
    from prima.catalog.tests.factories import upload

    dataset = make_dataset(tree.jepara, "dengan-draf", title="Dengan berkas draf")
    Resource.objects.create(dataset=dataset, slug="tautan", name="Tautan", kind=ResourceKind.LINK,
                            url="https://example.org/a.pdf", format="PDF")
    draft, _version = services.add_resource(dataset=dataset, actor=people.ppid, name="Draf",
                                            upload=upload(TPS.decode(), "draf.csv"))

    package = result(client, "package_show", id="dengan-draf")
    api = client.get("/api/v1/katalog/dataset/dengan-draf").json()
    hidden = call(client, "resource_show", status=404, id=str(draft.pk))
    graph = json.dumps([node.__dict__ for node in catalog_graph()], default=str)

    assert [r["name"] for r in package["resources"]] == ["Tautan"]
    assert [r["name"] for r in api["resources"]] == ["Tautan"]
    assert package["num_resources"] == 1
    assert hidden["success"] is False
    assert "example.org/a.pdf" in graph
    assert "draf.csv" not in graph and f"/{draft.slug}/" not in graph


# --- datastore_search --------------------------------------------------------------------


@pytest.fixture
def table(tree):
    dataset = make_dataset(tree.jepara, "tps", title="Hasil per TPS")
    return publish_table(dataset, "hasil", TPS)


def datastore(client, table, **params):
    return result(client, "datastore_search", resource_id=str(table.pk), **params)


@pytest.mark.django_db
def test_distinct_is_honoured(client, table):
    found = datastore(client, table, fields="desa", distinct="true", sort="desa")

    assert found["records"] == [{"desa": "Kedung Malang"}, {"desa": "Pecangaan Kulon"},
                                {"desa": "Sukosono"}]
    assert found["total"] == 3
    assert found["distinct"] is True
    assert [f["id"] for f in found["fields"]] == ["desa"]


@pytest.mark.django_db
def test_quoted_column_name_in_sort(client, table):
    found = datastore(client, table, sort='"dpt" desc, "desa"', fields="desa,dpt")

    assert [(r["desa"], r["dpt"]) for r in found["records"]] == [
        ("Sukosono", 300), ("Kedung Malang", 250), ("Pecangaan Kulon", 250),
        ("Kedung Malang", 240)]
    assert found["sort"] == '"dpt" desc, "desa"'


@pytest.mark.django_db
def test_id_column_first_and_sortable(client, table):
    found = datastore(client, table, sort="_id asc", limit=2)
    chosen = datastore(client, table, fields="_id,desa", limit=1)

    assert found["fields"][0] == {"id": "_id", "type": "int"}
    assert [r["_id"] for r in found["records"]] == [1, 2]
    assert list(found["records"][0]) == ["_id", "kode_desa", "desa", "tps", "dpt"]
    assert chosen["records"] == [{"_id": 1, "desa": "Kedung Malang"}]


@pytest.mark.django_db
@pytest.mark.parametrize(("fmt", "expected"), [
    ("csv", "Kedung Malang,250\nKedung Malang,240\n"),
    ("tsv", "Kedung Malang\t250\nKedung Malang\t240\n"),
    ("lists", [["Kedung Malang", 250], ["Kedung Malang", 240]]),
    ("objects", [{"desa": "Kedung Malang", "dpt": 250}, {"desa": "Kedung Malang", "dpt": 240}]),
])
def test_records_formats(client, table, fmt, expected):
    found = datastore(client, table, records_format=fmt, fields="desa,dpt", limit=2)

    assert found["records_format"] == fmt
    assert found["records"] == expected
