"""Our JSON API for the catalog at /api/v1/katalog/: dataset search and detail, rows with the
engine's query convention, published data only, and the OpenAPI document."""

import pytest

from prima.catalog.choices import UsageKind
from prima.catalog.models import UsageDaily
from prima.catalog.tests.factories import make_dataset, publish_table

API = "/api/v1/katalog/"
TPS = (
    b"kode_desa,desa,tps,dpt\n"
    b"33.20.01.2001,Kedung Malang,1,250\n"
    b"33.20.01.2001,Kedung Malang,2,240\n"
    b"33.20.01.2002,Sukosono,1,300\n"
    b"0012,Desa Uji,1,100\n"
)


@pytest.fixture
def catalog(catalog, tree):
    """The shared catalog plus a published TPS table of Kudus."""
    catalog.tps_dataset = make_dataset(tree.kudus, "tps-kudus", title="TPS Kudus",
                                       topics=["tps"], tags=["tps"])
    catalog.tps = publish_table(catalog.tps_dataset, "hasil", TPS)
    return catalog


def slugs(response):
    assert response.status_code == 200, response.content
    return [d["slug"] for d in response.json()["results"]]


def test_dataset_list_shows_only_published_datasets(client, catalog):
    response = client.get(API + "dataset")

    body = response.json()
    assert sorted(slugs(response)) == ["anggaran-2024", "hasil-pemilu-2024-jepara", "tps-kudus"]
    assert (body["count"], body["page"], body["pages"], body["size"]) == (3, 1, 1, 20)
    first = next(d for d in body["results"] if d["slug"] == "hasil-pemilu-2024-jepara")
    assert first["satker"] == {"code": "33.20", "name": "KPU Kabupaten Jepara",
                               "organization": "kpu-33-20"}
    assert first["formats"] == ["CSV", "PDF"]
    assert first["tags"] == ["pemilu", "tps"]
    assert first["licence"]["id"] == "CC-BY-4.0"
    assert first["url"] == "http://testserver/data/hasil-pemilu-2024-jepara/"
    assert first["api_url"] == "http://testserver/api/v1/katalog/dataset/hasil-pemilu-2024-jepara"


@pytest.mark.parametrize(("params", "expected"), [
    ({"q": "realisasi"}, ["anggaran-2024"]),
    ({"q": "rahasia"}, []),
    ({"satker": "33"}, ["anggaran-2024", "hasil-pemilu-2024-jepara", "tps-kudus"]),
    ({"satker": "kpu-33-20"}, ["hasil-pemilu-2024-jepara"]),
    ({"satker": "33.19"}, ["tps-kudus"]),
    ({"satker": "32"}, []),
    ({"satker": "0"}, ["anggaran-2024", "hasil-pemilu-2024-jepara", "tps-kudus"]),
    ({"topic": "pemilu"}, ["hasil-pemilu-2024-jepara"]),
    ({"tag": "tps"}, ["hasil-pemilu-2024-jepara", "tps-kudus"]),
    ({"format": "xlsx"}, ["anggaran-2024"]),
    ({"tag": "tps", "satker": "33.20"}, ["hasil-pemilu-2024-jepara"]),
])
def test_dataset_search_filters(client, catalog, params, expected):
    assert sorted(slugs(client.get(API + "dataset", params))) == expected


def test_dataset_list_is_paginated(client, catalog):
    first = client.get(API + "dataset", {"size": 2}).json()
    second = client.get(API + "dataset", {"size": 2, "page": 2}).json()

    assert (first["count"], first["pages"], len(first["results"])) == (3, 2, 2)
    assert len(second["results"]) == 1
    assert client.get(API + "dataset", {"size": 500}).status_code == 422


def test_dataset_list_queries_stay_bounded(client, catalog, django_assert_max_num_queries):
    for i in range(8):
        make_dataset(catalog.results.satker, f"lagi-{i}", tags=["x"], topics=["pemilu"])

    with django_assert_max_num_queries(8):
        assert len(slugs(client.get(API + "dataset", {"size": 50}))) == 11


def test_dataset_detail_with_resources_and_columns(client, catalog):
    response = client.get(API + "dataset/tps-kudus")

    assert response.status_code == 200
    body = response.json()
    assert body["satker"]["organization"] == "kpu-33-19"
    assert body["update_frequency"] == "irregular"
    (resource,) = body["resources"]
    assert resource["slug"] == "hasil"
    assert resource["has_table"] is True
    assert resource["row_count"] == 4
    assert resource["version"] == 1
    assert [c["name"] for c in resource["columns"]] == ["kode_desa", "desa", "tps", "dpt"]
    assert resource["columns"][0]["is_code"] is True
    assert resource["rows_url"] == "http://testserver/api/v1/katalog/dataset/tps-kudus/hasil/rows"
    assert resource["url"] == "http://testserver/data/tps-kudus/hasil/unduh/"
    assert UsageDaily.objects.get(dataset=catalog.tps_dataset).kind == UsageKind.API


def test_dataset_detail_metadata(client, catalog):
    body = client.get(API + "dataset/hasil-pemilu-2024-jepara").json()

    assert body["temporal_start"] == "2024-02-14"
    assert body["spatial_code"] == "33.20"
    assert body["contact_email"] == "ppid@jepara.kpu.go.id"
    table, link = body["resources"]
    assert table["has_table"] is True  # a published version with a Parquet copy
    assert link["url"] == "https://jepara.kpu.go.id/ba.pdf"
    assert link["columns"] == []


@pytest.mark.parametrize("slug", ["draf-rahasia", "ditarik", "tidak-ada"])
def test_unpublished_or_unknown_dataset_is_404(client, catalog, slug):
    response = client.get(API + f"dataset/{slug}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Dataset tidak ditemukan."}


def test_rows_with_filters_sort_and_keyset_pages(client, catalog):
    url = API + "dataset/tps-kudus/hasil/rows"

    first = client.get(url, {"kode_desa__eq": "33.20.01.2001", "_sort_desc": "dpt",
                             "_size": 1})

    assert first.status_code == 200
    body = first.json()
    assert body["total"] == 2
    assert body["rows"] == [{"kode_desa": "33.20.01.2001", "desa": "Kedung Malang", "tps": 1,
                             "dpt": 250}]
    assert [c["name"] for c in body["columns"]] == ["kode_desa", "desa", "tps", "dpt"]
    assert body["next"].startswith("http://testserver/api/v1/katalog/dataset/tps-kudus/hasil/"
                                   "rows?")
    second = client.get(body["next"]).json()
    assert [r["dpt"] for r in second["rows"]] == [240]
    assert second["next"] is None


def test_rows_search_columns_and_comparisons(client, catalog):
    url = API + "dataset/tps-kudus/hasil/rows"

    found = client.get(url, {"_search": "sukosono", "_col": ["desa", "dpt"]}).json()
    bigger = client.get(url, {"dpt__gt": "240"}).json()
    codes = client.get(url, {"kode_desa__in": "0012,33.20.01.2002"}).json()

    assert found["rows"] == [{"desa": "Sukosono", "dpt": 300}]
    assert [c["name"] for c in found["columns"]] == ["desa", "dpt"]
    assert bigger["total"] == 2
    assert sorted(r["kode_desa"] for r in codes["rows"]) == ["0012", "33.20.01.2002"]


@pytest.mark.parametrize("params", [
    {"warna__eq": "merah"},
    {"dpt__like": "1"},
    {"dpt__gt": "banyak"},
    {"_size": "5000"},
])
def test_bad_row_queries_are_400_with_a_message(client, catalog, params):
    response = client.get(API + "dataset/tps-kudus/hasil/rows", params)

    assert response.status_code == 400
    assert response.json()["detail"]


def test_rows_of_unpublished_or_non_tabular_resources_are_404(client, catalog):
    for path in ("draf-rahasia/draf-tabel", "anggaran-2024/pagu",
                 "hasil-pemilu-2024-jepara/berita-acara", "tps-kudus/tidak-ada"):
        response = client.get(API + f"dataset/{path}/rows")
        assert response.status_code == 404
        assert response.json() == {"detail": "Tabel sumber data tidak ditemukan."}


def test_openapi_lists_the_catalog_paths(client):
    schema = client.get("/api/v1/openapi.json").json()

    for path in ("/api/v1/katalog/dataset", "/api/v1/katalog/dataset/{slug}",
                 "/api/v1/katalog/dataset/{slug}/{resource_slug}/rows"):
        assert path in schema["paths"]
        assert schema["paths"][path]["get"]["tags"] == ["Katalog"]
