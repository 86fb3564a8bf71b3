"""The CKAN-compatible Action API at /api/3/action/: every action, the envelope, errors, and
that drafts and withdrawn datasets never show."""

import datetime as dt
import json

import pytest
from django.test import Client

from prima.catalog.choices import UsageKind
from prima.catalog.ckan.shapes import organization_name, satker_code_for
from prima.catalog.models import Dataset, UsageDaily
from prima.catalog.tests.factories import add_link, make_dataset

API = "/api/3/action/"


def call(client, action, method="get", status=200, **params):
    if method == "get":
        response = client.get(API + action, params)
    elif method == "json":
        response = client.post(API + action, json.dumps(params), content_type="application/json")
    else:
        response = client.post(API + action, params)
    assert response.status_code == status, response.content
    body = response.json()
    assert body["help"] == f"http://testserver{API}help_show?name={action}"
    return body


def result(client, action, **params):
    body = call(client, action, **params)
    assert body["success"] is True
    return body["result"]


# --- mapping ------------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "name"), [
    ("0", "kpu-ri"), ("33", "kpu-33"), ("33.20", "kpu-33-20"), ("91.01", "kpu-91-01")])
def test_satker_organization_name_mapping_round_trips(code, name):
    assert organization_name(code) == name
    assert satker_code_for(name) == code
    assert satker_code_for(code) == code


# --- envelope and errors ------------------------------------------------------------------

def test_envelope_of_a_successful_call(client, catalog):
    body = call(client, "package_list")

    assert body == {"help": "http://testserver/api/3/action/help_show?name=package_list",
                    "success": True, "result": ["anggaran-2024", "hasil-pemilu-2024-jepara"]}


def test_unversioned_path_answers_like_the_versioned_one(client, catalog):
    response = client.get("/api/action/package_list")

    assert response.status_code == 200
    assert response.json()["result"] == ["anggaran-2024", "hasil-pemilu-2024-jepara"]


def test_not_found_error(client, catalog):
    body = call(client, "package_show", status=404, id="tidak-ada")

    assert body["success"] is False
    assert body["error"] == {"__type": "Not Found Error", "message": "Dataset tidak ditemukan."}
    assert "result" not in body


def test_validation_error_names_the_field(client, catalog):
    body = call(client, "package_show", status=409)

    assert body["success"] is False
    assert body["error"] == {"__type": "Validation Error", "id": ["Wajib diisi."]}


def test_unknown_action_answers_as_ckan(client, catalog):
    # ckan/views/api.py: an unknown action is ``_finish_bad_request``: 400 with a JSON text.
    response = client.get(API + "package_delete", {"id": "anggaran-2024"})

    assert response.status_code == 400
    assert response.json() == "Bad request - Action name not known: package_delete"
    assert Dataset.objects.filter(slug="anggaran-2024").exists()


def test_unreadable_json_body_is_a_bad_request(client, catalog):
    response = client.post(API + "package_show", b"{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]["__type"] == "Bad Request"


def test_json_post_and_form_post_work_without_a_csrf_token(catalog):
    client = Client(enforce_csrf_checks=True)

    by_json = call(client, "package_show", method="json", id="anggaran-2024")
    by_form = call(client, "package_show", method="form", id="anggaran-2024")

    assert by_json["result"]["name"] == by_form["result"]["name"] == "anggaran-2024"


def test_other_methods_are_refused(client, catalog):
    assert client.delete(API + "package_list").status_code == 405


def test_cross_origin_reads_are_allowed(client, catalog):
    response = client.get(API + "status_show")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/json"


def test_help_show_returns_the_action_documentation(client, catalog):
    help_text = result(client, "help_show", name="package_search")

    assert help_text.startswith("Search published datasets")


def test_status_show(client, catalog):
    status = result(client, "status_show")

    assert status["ckan_version"] == "2.10.4"
    assert status["site_url"] == "http://127.0.0.1:8000"
    assert status["extensions"] == ["datastore"]
    assert status["locale_default"] == "id"


# --- packages ------------------------------------------------------------------------------

def test_package_list_pages_with_limit_and_offset(client, catalog):
    assert result(client, "package_list", limit=1) == ["anggaran-2024"]
    assert result(client, "package_list", limit=1, offset=1) == ["hasil-pemilu-2024-jepara"]


def test_package_show_in_ckan_shape(client, catalog):
    package = result(client, "package_show", id="hasil-pemilu-2024-jepara")

    results = catalog.results
    assert package["id"] == str(results.pk)
    assert package["name"] == "hasil-pemilu-2024-jepara"
    assert package["title"] == "Hasil Pemilu 2024 Kabupaten Jepara"
    assert package["notes"] == 'Rekapitulasi "resmi" per kecamatan.\nSumber: KPU.'
    assert package["state"] == "active"
    assert package["type"] == "dataset"
    assert package["private"] is False
    assert package["license_id"] == "CC-BY-4.0"
    assert package["license_title"] == "Creative Commons Attribution 4.0"
    assert package["maintainer"] == "PPID Jepara"
    assert package["organization"]["name"] == "kpu-33-20"
    assert package["organization"]["id"] == "33.20"
    assert package["organization"]["title"] == "KPU Kabupaten Jepara"
    assert package["owner_org"] == "33.20"
    assert [g["name"] for g in package["groups"]] == ["pemilu"]
    assert sorted(t["name"] for t in package["tags"]) == ["pemilu", "tps"]
    assert package["num_tags"] == 2
    assert package["metadata_created"] == results.created_at.astimezone(dt.UTC).replace(
        tzinfo=None).isoformat()
    assert package["url"] == "http://testserver/data/hasil-pemilu-2024-jepara/"
    extras = {e["key"]: e["value"] for e in package["extras"]}
    assert extras["spatial_code"] == "33.20"
    assert extras["temporal_start"] == "2024-02-14"
    assert extras["temporal_end"] == "2024-03-20"
    assert extras["update_frequency"] == "per_election"
    assert extras["satker_code"] == "33.20"
    assert package["num_resources"] == 2
    table, link = package["resources"]
    assert table["id"] == str(catalog.table.pk)
    assert table["package_id"] == str(results.pk)
    assert table["format"] == "CSV"
    assert table["mimetype"] == "text/csv"
    assert table["datastore_active"] is True
    assert table["url"] == ("http://testserver/data/hasil-pemilu-2024-jepara/"
                            "rekap-kecamatan/unduh/")
    assert table["url_type"] == "upload"
    assert link["url"] == "https://jepara.kpu.go.id/ba.pdf"
    assert link["datastore_active"] is False


def test_package_show_by_id_and_counts_api_usage(client, catalog):
    package = result(client, "package_show", id=str(catalog.budget.pk))

    assert package["name"] == "anggaran-2024"
    usage = UsageDaily.objects.get(dataset=catalog.budget)
    assert (usage.kind, usage.count, usage.resource_id) == (UsageKind.API, 1, None)


@pytest.mark.parametrize("slug", ["draf-rahasia", "ditarik"])
def test_drafts_and_withdrawn_datasets_are_not_found(client, catalog, slug):
    dataset = Dataset.objects.get(slug=slug)

    for key in (slug, str(dataset.pk)):
        body = call(client, "package_show", status=404, id=key)
        assert body["error"]["__type"] == "Not Found Error"
    assert slug not in result(client, "package_list")


def test_draft_is_invisible_even_to_its_own_staff(client, catalog, people, login):
    login(people.admin)

    call(client, "package_show", status=404, id="draf-rahasia")
    assert result(client, "package_search", q="Rahasia")["count"] == 0


# --- package_search ------------------------------------------------------------------------

def names(search_result):
    return [package["name"] for package in search_result["results"]]


def test_package_search_everything_by_default(client, catalog):
    found = result(client, "package_search")

    assert found["count"] == 2
    assert sorted(names(found)) == ["anggaran-2024", "hasil-pemilu-2024-jepara"]
    assert found["facets"] == {}
    assert found["search_facets"] == {}
    assert found["sort"] == "score desc, metadata_modified desc"


@pytest.mark.parametrize(("q", "expected"), [
    ("pemilu", ["hasil-pemilu-2024-jepara"]),
    ("Jepara kecamatan", ["hasil-pemilu-2024-jepara"]),
    ("realisasi", ["anggaran-2024"]),
    ('"Jawa Tengah"', ["anggaran-2024"]),
    ("tags:anggaran", ["anggaran-2024"]),
    ("title:jepara", ["hasil-pemilu-2024-jepara"]),
    ("notes:realisasi", ["anggaran-2024"]),
    ("text:kecamatan", ["hasil-pemilu-2024-jepara"]),
    ("*:*", ["anggaran-2024", "hasil-pemilu-2024-jepara"]),
    ("rahasia", []),
    ("ditarik", []),
])
def test_package_search_full_text(client, catalog, q, expected):
    assert sorted(names(result(client, "package_search", q=q))) == expected


@pytest.mark.parametrize(("fq", "expected"), [
    ("organization:kpu-33-20", ["hasil-pemilu-2024-jepara"]),
    ("organization:kpu-33", ["anggaran-2024"]),
    ("owner_org:33.20", ["hasil-pemilu-2024-jepara"]),
    ("tags:tps", ["hasil-pemilu-2024-jepara"]),
    ("groups:anggaran", ["anggaran-2024"]),
    ("res_format:CSV", ["hasil-pemilu-2024-jepara"]),
    ("res_format:xlsx", ["anggaran-2024"]),
    ("license_id:CC0-1.0", ["anggaran-2024"]),
    ("tags:pemilu AND res_format:CSV", ["hasil-pemilu-2024-jepara"]),
    ("tags:pemilu organization:kpu-33", []),
    ("-organization:kpu-33-20", ["anggaran-2024"]),
    ('tags:"tps"', ["hasil-pemilu-2024-jepara"]),
    ("+dataset_type:dataset", ["anggaran-2024", "hasil-pemilu-2024-jepara"]),
    ("tags:rahasia", []),
])
def test_package_search_filter_query(client, catalog, fq, expected):
    assert sorted(names(result(client, "package_search", fq=fq))) == expected


def test_package_search_metadata_modified_range_for_harvesters(client, catalog):
    Dataset.objects.filter(pk=catalog.budget.pk).update(
        updated_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))

    recent = result(client, "package_search",
                    fq="metadata_modified:[2021-01-01T00:00:00Z TO *]")
    old = result(client, "package_search", fq="metadata_modified:[* TO 2021-01-01]")

    assert names(recent) == ["hasil-pemilu-2024-jepara"]
    assert names(old) == ["anggaran-2024"]


@pytest.mark.parametrize(("sort", "expected"), [
    ("title_string asc", ["anggaran-2024", "hasil-pemilu-2024-jepara"]),
    ("title_string desc", ["hasil-pemilu-2024-jepara", "anggaran-2024"]),
    ("name desc", ["hasil-pemilu-2024-jepara", "anggaran-2024"]),
    ("metadata_modified desc", ["hasil-pemilu-2024-jepara", "anggaran-2024"]),
    ("metadata_modified asc", ["anggaran-2024", "hasil-pemilu-2024-jepara"]),
])
def test_package_search_sort(client, catalog, sort, expected):
    Dataset.objects.filter(pk=catalog.budget.pk).update(
        updated_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))

    found = result(client, "package_search", sort=sort)

    assert names(found) == expected
    assert found["sort"] == sort


def test_package_search_score_puts_title_matches_first(client, catalog):
    make_dataset(catalog.results.satker, "catatan", title="Catatan rapat",
                 description="Membahas anggaran dan jadwal.")

    found = result(client, "package_search", q="anggaran", sort="score desc")

    assert names(found) == ["anggaran-2024", "catatan"]


def test_package_search_rows_and_start(client, catalog):
    first = result(client, "package_search", sort="name asc", rows=1)
    second = result(client, "package_search", sort="name asc", rows=1, start=1)
    none = result(client, "package_search", rows=0)

    assert (first["count"], names(first)) == (2, ["anggaran-2024"])
    assert names(second) == ["hasil-pemilu-2024-jepara"]
    assert (none["count"], none["results"]) == (2, [])


def test_package_search_rows_are_capped_at_1000(client, catalog):
    assert result(client, "package_search", rows=5000)["count"] == 2


def test_package_search_facets_in_ckan_shape(client, catalog):
    found = result(client, "package_search",
                   **{"facet.field": json.dumps(["organization", "tags", "groups",
                                                 "res_format", "license_id"])})

    assert found["facets"] == {
        "organization": {"kpu-33": 1, "kpu-33-20": 1},
        "tags": {"anggaran": 1, "pemilu": 1, "tps": 1},
        "groups": {"anggaran": 1, "pemilu": 1},
        "res_format": {"CSV": 1, "PDF": 1, "XLSX": 1},
        "license_id": {"CC-BY-4.0": 1, "CC0-1.0": 1},
    }
    organizations = found["search_facets"]["organization"]
    assert organizations["title"] == "organization"
    assert sorted(organizations["items"], key=lambda i: i["name"]) == [
        {"name": "kpu-33", "display_name": "KPU Provinsi Jawa Tengah", "count": 1},
        {"name": "kpu-33-20", "display_name": "KPU Kabupaten Jepara", "count": 1},
    ]
    licences = {i["name"]: i["display_name"] for i in found["search_facets"]["license_id"]["items"]}
    assert licences["CC0-1.0"] == "Creative Commons CCZero 1.0"


def test_package_search_facets_follow_the_filter(client, catalog):
    found = result(client, "package_search", method="json", fq="organization:kpu-33-20",
                   facet_field=["tags"])

    assert found["facets"] == {"tags": {"pemilu": 1, "tps": 1}}
    assert found["search_facets"]["tags"]["items"][0]["count"] == 1


@pytest.mark.parametrize("params", [
    {"fq": "colour:red"},
    {"fq": "tags:pemilu OR"},
    {"fq": "OR tags:pemilu"},
    {"sort": "popularity desc"},
    {"facet.field": '["colour"]'},
    {"fq": "metadata_modified:[kemarin TO *]"},
])
def test_package_search_bad_queries_are_search_query_errors(client, catalog, params):
    body = call(client, "package_search", status=400, **params)

    assert body["success"] is False
    assert body["error"]["__type"] == "Search Query Error"


def test_package_search_bad_rows_is_a_validation_error(client, catalog):
    body = call(client, "package_search", status=409, rows="banyak")

    assert body["error"] == {"__type": "Validation Error", "rows": ["Nilai harus bilangan bulat."]}


def test_package_search_queries_do_not_grow_with_results(client, catalog,
                                                         django_assert_max_num_queries):
    for i in range(10):
        dataset = make_dataset(catalog.results.satker, f"tambahan-{i}", topics=["pemilu"],
                               tags=["pemilu", f"t{i}"])
        add_link(dataset, "tautan", "https://contoh.id/data.csv", fmt="CSV")

    with django_assert_max_num_queries(12):
        found = result(client, "package_search", rows=50,
                       **{"facet.field": '["organization","tags"]'})

    assert found["count"] == 12
    assert len(found["results"]) == 12


# --- organizations, groups, tags, resources -----------------------------------------------

def test_organization_list_names_every_satker(client, catalog):
    assert result(client, "organization_list") == [
        "kpu-32", "kpu-32-01", "kpu-33", "kpu-33-19", "kpu-33-20", "kpu-91", "kpu-ri"]


def test_organization_list_all_fields_with_published_package_count(client, catalog):
    organizations = result(client, "organization_list", all_fields="true",
                           sort="package_count desc", limit=3)

    assert [(o["name"], o["package_count"]) for o in organizations] == [
        ("kpu-33", 1), ("kpu-33-20", 1), ("kpu-32", 0)]
    assert organizations[1] == {
        "id": "33.20", "name": "kpu-33-20", "title": "KPU Kabupaten Jepara",
        "display_name": "KPU Kabupaten Jepara", "description": "", "image_url": "",
        "type": "organization", "is_organization": True, "state": "active",
        "approval_status": "approved", "package_count": 1}


@pytest.mark.parametrize("key", ["kpu-33-20", "33.20"])
def test_organization_show_by_name_or_code(client, catalog, key):
    organization = result(client, "organization_show", id=key, include_datasets="true")

    assert organization["name"] == "kpu-33-20"
    assert organization["package_count"] == 1
    assert [p["name"] for p in organization["packages"]] == ["hasil-pemilu-2024-jepara"]


def test_organization_show_of_kpu_ri_and_unknown(client, catalog):
    assert result(client, "organization_show", id="kpu-ri")["title"] == "KPU Republik Indonesia"
    assert call(client, "organization_show", status=404, id="kpu-99")["error"][
        "__type"] == "Not Found Error"


def test_group_list_and_group_show(client, catalog):
    groups = result(client, "group_list", all_fields=True)
    counts = {g["name"]: g["package_count"] for g in groups}

    assert counts["pemilu"] == 1  # the draft in "pemilu" is not counted
    assert counts["anggaran"] == 1
    assert "pemilu" in result(client, "group_list")
    shown = result(client, "group_show", id="pemilu", include_datasets=True)
    assert [p["name"] for p in shown["packages"]] == ["hasil-pemilu-2024-jepara"]
    assert call(client, "group_show", status=404, id="tidak-ada")["success"] is False


def test_tag_list_only_tags_of_published_datasets(client, catalog):
    assert result(client, "tag_list") == ["anggaran", "pemilu", "tps"]
    assert result(client, "tag_list", query="pem") == ["pemilu"]
    assert result(client, "tag_list", all_fields=True)[0]["name"] == "anggaran"


def test_license_list(client, catalog):
    licences = {lic["id"]: lic for lic in result(client, "license_list")}

    assert licences["CC-BY-4.0"]["od_conformance"] == "approved"
    assert licences["other-closed"]["od_conformance"] == "not reviewed"


def test_resource_show(client, catalog):
    resource = result(client, "resource_show", id=str(catalog.sheet.pk))

    assert resource["name"] == "Berkas pagu"
    assert resource["format"] == "XLSX"
    assert resource["package_id"] == str(catalog.budget.pk)
    assert resource["datastore_active"] is False
    assert resource["size"] == 4


def test_resource_show_of_a_draft_or_unknown_resource_is_not_found(client, catalog):
    for key in (str(catalog.draft_table.pk), "999999", "abc"):
        assert call(client, "resource_show", status=404, id=key)["error"][
            "__type"] == "Not Found Error"
