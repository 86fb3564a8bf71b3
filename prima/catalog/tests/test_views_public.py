"""Public catalog pages: search with facets, dataset page, table page, twins and exports."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from prima.catalog import services
from prima.catalog.choices import UsageKind
from prima.catalog.models import UsageDaily

from .factories import TPS_CSV, ingest, published_dataset, publishes_directly, upload

pytestmark = pytest.mark.django_db


def _table_url(dataset, resource, name="catalog:resource-table"):
    return reverse(name, args=[dataset.slug, resource.slug])


# --- search -------------------------------------------------------------------------------------


def test_search_lists_published_datasets_with_facets(client, people, tree, published_table):
    services.create_dataset(satker=tree.jepara, actor=people.ppid, title="Draf rahasia",
                            description="d")
    kudus, _r, _v = published_dataset(tree.kudus, people.other_admin, title="Hasil Kudus",
                                      tags=["tps"])

    response = client.get(reverse("catalog:search"))

    titles = [d.title for d in response.context["page_obj"]]
    assert sorted(titles) == ["Hasil Kudus", "Hasil Pemilu 2024 per TPS"]
    facets = response.context["facets"]
    satker = {f["value"]: f["count"] for f in facets["satker"]}
    assert satker == {"0": 2, "33": 2, "33.20": 1, "33.19": 1}
    assert {f["value"]: f["count"] for f in facets["tag"]} == {"tps": 2, "hasil": 1}
    assert {f["value"]: f["count"] for f in facets["format"]} == {"CSV": 2}
    assert {f["value"]: f["count"] for f in facets["topic"]} == {"pemilu": 1}
    assert {f["value"]: f["count"] for f in facets["licence"]} == {"CC-BY-4.0": 2}


def test_province_filter_includes_its_kabupaten(client, people, tree, published_table):
    published_dataset(tree.bogor, people.system_admin, title="Hasil Bogor")

    jateng = client.get(reverse("catalog:search"), {"satker": "33"})
    jepara = client.get(reverse("catalog:search"), {"satker": "33.20"})
    national = client.get(reverse("catalog:search"), {"satker": "0"})

    assert [d.title for d in jateng.context["page_obj"]] == ["Hasil Pemilu 2024 per TPS"]
    assert jepara.context["page_obj"].paginator.count == 1
    assert national.context["page_obj"].paginator.count == 2


@pytest.mark.parametrize(("params", "expected"), [
    ({"q": "pemilu"}, 1), ({"q": "hasil"}, 1), ({"q": "tidak-ada"}, 0),
    ({"tag": "tps"}, 1), ({"topic": "anggaran"}, 0), ({"format": "csv"}, 1),
])
def test_search_text_and_filters(client, published_table, params, expected):
    response = client.get(reverse("catalog:search"), params)

    assert response.context["page_obj"].paginator.count == expected


def test_search_query_count_is_bounded(client, people, tree, django_assert_max_num_queries):
    publishes_directly(tree.jepara)
    for n in range(25):
        dataset = services.create_dataset(satker=tree.jepara, actor=people.ppid,
                                          title=f"Data {n}", description="d", tags=["a", "b"],
                                          topics=["pemilu"])
        services.add_resource(dataset=dataset, actor=people.ppid, name="Tautan",
                              url="https://example.org/data.csv")
        services.publish_dataset(dataset=dataset, actor=people.ppid)

    with django_assert_max_num_queries(14):
        response = client.get(reverse("catalog:search"), {"q": "data", "tag": "a"})

    assert response.context["page_obj"].paginator.count == 25


# --- dataset page -------------------------------------------------------------------------------


def test_dataset_page_shows_metadata_resources_and_api_hints(client, published_table):
    dataset, resource, _version = published_table

    response = client.get(reverse("catalog:dataset-detail", args=[dataset.slug]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Hasil per TPS" in html
    assert _table_url(dataset, resource) in html
    assert _table_url(dataset, resource, "catalog:resource-table-json") in html
    assert "/api/3/action/package_show?id=" + dataset.slug in html
    assert UsageDaily.objects.get(resource=None).count == 1


@pytest.mark.parametrize("status", ["draft", "withdrawn"])
def test_unpublished_dataset_is_404_to_the_public_and_other_satkers(client, login, people,
                                                                    published_table, status):
    dataset, resource, _version = published_table
    type(dataset).objects.filter(pk=dataset.pk).update(status=status)
    urls = [reverse("catalog:dataset-detail", args=[dataset.slug]),
            _table_url(dataset, resource), _table_url(dataset, resource,
                                                      "catalog:resource-table-json"),
            reverse("catalog:resource-download", args=[dataset.slug, resource.slug])]

    for user in (None, people.citizen, people.other_admin, people.other_evaluator):
        if user:
            login(user)
        assert [client.get(url).status_code for url in urls] == [404] * 4

    login(people.employee)
    preview = client.get(urls[0])
    assert preview.status_code == 200
    assert "Pratinjau untuk staf" in preview.content.decode()
    assert client.get(urls[1]).status_code == 200
    assert not UsageDaily.objects.exists()


# --- table page ---------------------------------------------------------------------------------


def test_table_page_passes_filters_search_sort_and_size_to_the_engine(client, published_table):
    dataset, resource, _version = published_table

    response = client.get(_table_url(dataset, resource), {
        "kecamatan__eq": "Kedung", "dpt__gte": "245", "_sort_desc": "dpt", "_size": "1"})

    view = response.context["view"]
    assert response.status_code == 200
    assert view.page.total == 2
    assert view.rows[0][0][0] == "33.20.01.2002"
    assert view.headers[4]["aria_sort"] == "descending"
    assert [f["label"] for f in view.filters] == ["Kecamatan", "DPT"]
    assert view.next_url
    second = client.get(_table_url(dataset, resource) + view.next_url)
    assert second.context["view"].rows[0][0][0] == "33.20.01.2001"
    assert second.context["view"].next_url == ""


def test_filter_form_redirects_to_the_canonical_url(client, published_table):
    dataset, resource, _version = published_table

    response = client.get(_table_url(dataset, resource),
                          {"_fcol": "desa", "_fop": "contains", "_fval": "bu"})

    assert response.status_code == 302
    assert response["Location"].endswith("?desa__contains=bu")
    page = client.get(response["Location"])
    assert page.context["view"].page.total == 1


def test_facets_and_group_by_with_chart(client, published_table):
    dataset, resource, _version = published_table

    response = client.get(_table_url(dataset, resource), {
        "_facet": "kecamatan", "_group_by": "kecamatan", "_metric": "sum:suara_01",
        "_chart": "line"})

    view = response.context["view"]
    html = response.content.decode()
    facet = view.facets[0]
    assert [(label, count) for label, count, _url, _sel in facet.values] == [
        ("Kedung", 3), ("Pecangaan", 2)]
    assert sorted(view.aggregation_rows) == [("Kedung", "370"), ("Pecangaan", "170")]
    assert "<svg" in html and "<title" in html and "<polyline" in html
    assert "Kedung: 370" in html


def test_unknown_column_is_a_clear_message(client, published_table):
    dataset, resource, _version = published_table

    page = client.get(_table_url(dataset, resource), {"nama_salah__eq": "x"})
    twin = client.get(_table_url(dataset, resource, "catalog:resource-table-json"),
                      {"nama_salah__eq": "x"})

    assert page.status_code == 400
    assert "tidak ada dalam tabel ini" in page.content.decode()
    assert twin.status_code == 400
    assert "tidak ada dalam tabel ini" in twin.json()["error"]


def test_json_twin_shape(client, published_table):
    dataset, resource, _version = published_table

    response = client.get(_table_url(dataset, resource, "catalog:resource-table-json"),
                          {"_size": "2", "_sort": "dpt"})

    body = response.json()
    assert set(body) == {"columns", "rows", "total", "next", "next_url"}
    assert body["total"] == 5
    assert [c["name"] for c in body["columns"]][:2] == ["kode_desa", "desa"]
    assert body["rows"][0]["dpt"] == 200 and body["rows"][0]["no_tps"] == "001"
    assert body["next"]
    following = client.get(body["next_url"]).json()
    assert [r["dpt"] for r in following["rows"]] == [240, 250]
    assert UsageDaily.objects.get(kind=UsageKind.API).count == 2


def test_csv_twin_is_the_current_page(client, published_table):
    dataset, resource, _version = published_table

    response = client.get(_table_url(dataset, resource, "catalog:resource-table-csv"),
                          {"kecamatan__eq": "Pecangaan"})

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0][:3] == ["kode_desa", "desa", "kecamatan"]
    assert [r[1] for r in rows[1:]] == ["Kalianyar", "Gerdu"]


@pytest.mark.parametrize(("fmt", "content_type"), [
    ("csv", "text/csv; charset=utf-8"), ("json", "application/json"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("parquet", "application/vnd.apache.parquet")])
def test_export_is_streamed_with_a_download_name(client, published_table, fmt, content_type):
    dataset, resource, _version = published_table

    response = client.get(reverse("catalog:resource-export",
                                  args=[dataset.slug, resource.slug, fmt]),
                          {"kecamatan__eq": "Kedung", "_after": "x", "_size": "1"})

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="{dataset.slug}-{resource.slug}.{fmt}"')
    body = b"".join(response.streaming_content)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        assert len(rows) == 4 and rows[0][:2] == ["kode_desa", "desa"]
        assert [r[1] for r in rows[1:]] == ["Bategede", "Bategede", "Bulakbaru"]
    if fmt == "json":
        assert len(json.loads(body)) == 3
    assert UsageDaily.objects.get(kind=UsageKind.DOWNLOAD).count == 1


def test_export_of_unknown_format_is_404(client, published_table):
    dataset, resource, _version = published_table
    url = reverse("catalog:resource-export", args=[dataset.slug, resource.slug, "exe"])

    assert client.get(url).status_code == 404


def test_original_download_current_and_older_versions(client, people, published_table):
    dataset, resource, _first = published_table
    second = services.upload_new_version(resource=resource, actor=people.ppid,
                                         upload=upload(TPS_CSV.replace("Gerdu", "Gerdu Baru"),
                                                       "tps-v2.csv"))
    ingest(second)
    pending = client.get(reverse("catalog:resource-download-version",
                                 args=[dataset.slug, resource.slug, 2]))
    services.publish_version(version=second, actor=people.ppid)

    current = client.get(reverse("catalog:resource-download", args=[dataset.slug,
                                                                    resource.slug]))
    older = client.get(reverse("catalog:resource-download-version",
                               args=[dataset.slug, resource.slug, 1]))

    assert pending.status_code == 404
    assert b"Gerdu Baru" in b"".join(current.streaming_content)
    assert b"".join(older.streaming_content).decode() == TPS_CSV
    assert 'filename="tps.csv"' in older["Content-Disposition"]


def test_table_page_query_count_is_bounded(client, published_table, django_assert_max_num_queries):
    dataset, resource, _version = published_table

    with django_assert_max_num_queries(8):
        response = client.get(_table_url(dataset, resource), {"_facet": "kecamatan"})

    assert response.status_code == 200


def test_topics_read_in_english_on_english_pages(client, published_table):
    dataset = published_table[0]
    client.cookies["django_language"] = "en"
    search = client.get("/data/").content.decode()
    detail = client.get(f"/data/{dataset.slug}/").content.decode()
    assert "Elections" in search and "Elections" in detail
    assert "Pemilu dan pemilihan" not in search and "Pemilu dan pemilihan" not in detail
    client.cookies["django_language"] = "id"
    assert "Pemilu dan pemilihan" in client.get(f"/data/{dataset.slug}/").content.decode()
