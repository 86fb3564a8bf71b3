"""datastore_search over the published version of a resource, through the real engine."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile

from prima.catalog.choices import UsageKind, VersionStatus
from prima.catalog.models import ResourceVersion, UsageDaily
from prima.catalog.tests.factories import make_dataset, publish_table
from prima.catalog.tests.test_ckan_api import call, result

TPS = (
    b"kode_desa,desa,tps,dpt,suara_sah\n"
    b"33.20.01.2001,Kedung Malang,1,250,231\n"
    b"33.20.01.2001,Kedung Malang,2,240,220\n"
    b"33.20.01.2002,Sukosono,1,300,280\n"
    b"33.20.02.2001,Pecangaan Kulon,1,198,190\n"
    b'33.20.02.2002,"Gemulung, Kulon",1,210,200\n'
    b"0012,Desa Uji,1,100,90\n"
)


@pytest.fixture
def table(catalog, tree):
    dataset = make_dataset(tree.jepara, "hasil-tps-jepara", title="Hasil per TPS Jepara",
                           tags=["tps"])
    resource = publish_table(dataset, "hasil-tps", TPS)
    resource.catalog = catalog
    return resource


def search(client, table, status=200, **params):
    return call(client, "datastore_search", status=status, resource_id=str(table.pk), **params)


def test_first_page_with_fields_total_and_links(client, table):
    found = result(client, "datastore_search", resource_id=str(table.pk))

    assert found["resource_id"] == str(table.pk)
    assert found["fields"] == [
        {"id": "_id", "type": "int"},
        {"id": "kode_desa", "type": "text", "info": {"label": "kode_desa", "notes": "",
                                                    "type_override": ""}},
        {"id": "desa", "type": "text", "info": {"label": "desa", "notes": "",
                                                    "type_override": ""}},
        {"id": "tps", "type": "int", "info": {"label": "tps", "notes": "",
                                                    "type_override": ""}},
        {"id": "dpt", "type": "int", "info": {"label": "dpt", "notes": "",
                                                    "type_override": ""}},
        {"id": "suara_sah", "type": "int", "info": {"label": "suara_sah", "notes": "",
                                                    "type_override": ""}},
    ]
    assert found["total"] == 6
    assert found["total_was_estimated"] is False
    assert found["limit"] == 100
    assert found["offset"] == 0
    assert found["records_format"] == "objects"
    # Rows are stored (and so listed by default) in the order of their code columns, which
    # lets filters on codes skip whole row groups: "0012" sorts before "33.20...".
    # ``_id`` is the row's number in the published file.
    assert found["records"][0] == {"_id": 1, "kode_desa": "0012", "desa": "Desa Uji",
                                   "tps": 1, "dpt": 100, "suara_sah": 90}
    assert found["records"][1] == {"_id": 2, "kode_desa": "33.20.01.2001",
                                   "desa": "Kedung Malang", "tps": 1, "dpt": 250,
                                   "suara_sah": 231}
    assert {r["kode_desa"] for r in found["records"]} >= {"0012", "33.20.02.2002"}
    assert found["_links"] == {
        "start": f"/api/3/action/datastore_search?resource_id={table.pk}",
        "next": f"/api/3/action/datastore_search?resource_id={table.pk}&offset=100",
    }


def test_filters_equality_and_list(client, table):
    one = search(client, table, filters=json.dumps({"kode_desa": "33.20.01.2001"}))["result"]
    many = search(client, table, filters=json.dumps({"desa": ["Sukosono", "Desa Uji"],
                                                      "tps": 1}))["result"]

    assert one["total"] == 2
    assert [r["tps"] for r in one["records"]] == [1, 2]
    assert one["filters"] == {"kode_desa": "33.20.01.2001"}
    assert sorted(r["desa"] for r in many["records"]) == ["Desa Uji", "Sukosono"]


def test_json_post_with_filters_sort_fields_limit_and_offset(client, table):
    found = call(client, "datastore_search", method="json", resource_id=str(table.pk),
                 filters={"tps": 1}, sort="dpt desc, desa", fields=["desa", "dpt"],
                 limit=2, offset=1)["result"]

    assert found["records"] == [{"desa": "Kedung Malang", "dpt": 250},
                                {"desa": "Gemulung, Kulon", "dpt": 210}]
    assert [f["id"] for f in found["fields"]] == ["desa", "dpt"]
    assert found["total"] == 5
    assert (found["limit"], found["offset"]) == (2, 1)
    start, next_page = (urlsplit(found["_links"][key]) for key in ("start", "next"))
    assert next_page.path == "/api/3/action/datastore_search"
    assert parse_qs(next_page.query) == {
        "resource_id": [str(table.pk)], "filters": ['{"tps": 1}'], "sort": ["dpt desc, desa"],
        "fields": ['["desa", "dpt"]'], "limit": ["2"], "offset": ["3"]}
    assert "offset" not in parse_qs(start.query)


def test_full_text_q_string_and_per_column_object(client, table):
    words = search(client, table, q="kulon")["result"]
    per_column = search(client, table, q=json.dumps({"desa": "kedung"}))["result"]

    assert sorted(r["desa"] for r in words["records"]) == ["Gemulung, Kulon", "Pecangaan Kulon"]
    assert per_column["total"] == 2


def test_lists_format_and_no_total(client, table):
    found = search(client, table, records_format="lists", fields="desa,tps", limit=1,
                   include_total="false")["result"]

    assert found["records"] == [["Desa Uji", 1]]
    assert "total" not in found
    assert found["include_total"] is False


def test_limit_is_capped_at_1000_and_zero_gives_only_the_total(client, table):
    capped = search(client, table, limit=50000)["result"]
    empty = search(client, table, limit=0)["result"]

    assert capped["limit"] == 1000
    assert (empty["records"], empty["total"]) == ([], 6)


@pytest.mark.parametrize(("params", "field"), [
    ({"filters": json.dumps({"warna": "merah"})}, "filters"),
    ({"filters": "[1, 2]"}, "filters"),
    ({"filters": "{bukan json"}, "filters"),
    ({"sort": "warna desc"}, "sort"),
    ({"sort": "dpt sideways"}, "sort"),
    ({"fields": "desa,warna"}, "fields"),
    ({"q": json.dumps({"warna": "x"})}, "q"),
    ({"limit": "semua"}, "limit"),
    ({"offset": "-1"}, "offset"),
    ({"filters": json.dumps({"dpt": "banyak"})}, "query"),
    ({"records_format": "xml"}, "records_format"),
])
def test_bad_parameters_are_validation_errors(client, table, params, field):
    body = call(client, "datastore_search", status=409, resource_id=str(table.pk), **params)

    assert body["success"] is False
    assert body["error"]["__type"] == "Validation Error"
    assert list(body["error"]) == ["__type", field]
    assert body["error"][field][0]


def test_resource_id_is_required(client, table):
    body = call(client, "datastore_search", status=409)

    assert body["error"] == {"__type": "Validation Error", "resource_id": ["Wajib diisi."]}


def test_resources_without_a_published_table_are_not_found(client, table):
    catalog = table.catalog
    for resource in (catalog.draft_table, catalog.sheet, catalog.pdf):
        body = call(client, "datastore_search", status=404, resource_id=str(resource.pk))
        assert body["error"]["__type"] == "Not Found Error"


def test_only_the_published_version_is_read(client, table):
    newer = b"kode_desa,desa,tps,dpt,suara_sah\n99,Baru,1,1,1\n"
    ResourceVersion.objects.create(
        resource=table, number=2, status=VersionStatus.REVIEW, original_name="baru.csv",
        original=ContentFile(newer, name="baru.csv"), sha256="ef" * 32, size=len(newer),
        created_by=table.dataset.created_by, parquet_path="catalog/parquet/baru.parquet")

    found = search(client, table, q="Baru")["result"]

    assert found["total"] == 0
    assert search(client, table)["result"]["total"] == 6


def test_each_search_counts_as_api_usage_of_the_resource(client, table):
    search(client, table)
    search(client, table, limit=1)

    usage = UsageDaily.objects.get(resource=table)
    assert (usage.kind, usage.count, usage.dataset_id) == (UsageKind.API, 2, table.dataset_id)
