"""Hostile input answered cleanly everywhere: integers bounded (400/409/422 naming the parameter,
never 500), oversized bodies 413, JSON errors on JSON endpoints, non-JSON bodies to the JSON
API 415."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from prima.catalog.tests.factories import published_dataset
from prima.core.params import MAX_OFFSET, BadParameter, bounded_int
from prima.inforequests.models import InformationRequest

BIG = "99999999999999999999999"
INT64_PAST = "9223372036854775808"


# --- bounded_int ----------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    (None, 7), ("", 7), ("  ", 7), ("0", 0), ("12", 12), (" 12 ", 12), ("+3", 3), (40, 40),
    (5.0, 5),
])
def test_bounded_int_reads_whole_numbers_in_range(value, expected):
    assert bounded_int(value, name="n", default=7, maximum=100) == expected


@pytest.mark.parametrize("value", [
    BIG, INT64_PAST, "-1", "101", "1.5", "abc", "1e3", "١٢", "0x10", "--1", True, [1], 1.5,
    "9" * 5000,
])
def test_bounded_int_refuses_anything_else_naming_the_parameter(value):
    with pytest.raises(BadParameter) as caught:
        bounded_int(value, name="_offset", default=0, maximum=100)
    assert caught.value.name == "_offset"
    assert caught.value.messages == ["Parameter _offset harus bilangan bulat 0 sampai 100."]


# --- every integer parameter bounded --------------------------------------------------------

@pytest.fixture
def table(people, tree):
    dataset, resource, _version = published_dataset(tree.jepara, people.ppid,
                                                    topics=["pemilu"], tags=["tps"])
    return dataset, resource


@pytest.fixture
def quiet_client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("value", [BIG, INT64_PAST, str(MAX_OFFSET + 1)])
def test_table_page_json_and_csv_refuse_a_huge_offset_with_400(table, quiet_client, value):
    dataset, resource = table
    base = f"/data/{dataset.slug}/{resource.slug}"
    message = f"Offset harus bilangan 0 sampai {MAX_OFFSET}."

    page = quiet_client.get(base + "/", {"_offset": value})
    data = quiet_client.get(base + ".json", {"_offset": value})
    csv = quiet_client.get(base + ".csv", {"_offset": value})

    assert page.status_code == 400
    assert message in page.content.decode()
    assert data.status_code == 400
    assert data.json() == {"error": message}
    assert csv.status_code == 400
    assert message in csv.content.decode()


def test_api_rows_refuse_a_huge_offset_and_size_with_400_json(table, quiet_client):
    dataset, resource = table
    url = f"/api/v1/katalog/dataset/{dataset.slug}/{resource.slug}/rows"

    offset = quiet_client.get(url, {"_offset": INT64_PAST})
    size = quiet_client.get(url, {"_size": BIG})

    assert offset.status_code == 400
    assert offset.json() == {"detail": f"Offset harus bilangan 0 sampai {MAX_OFFSET}."}
    assert size.status_code == 400
    assert size.json() == {"detail": "Ukuran halaman harus bilangan 1 sampai 1000."}


@pytest.mark.parametrize("url", ["/api/v1/katalog/dataset", "/api/v1/informasi/register"])
@pytest.mark.parametrize("value", [BIG, INT64_PAST])
def test_api_page_numbers_are_bounded(tree, quiet_client, url, value):
    response = quiet_client.get(url, {"page": value})

    assert response.status_code == 422
    assert response.json()["errors"] == {"page": ["Nilai paling besar 1000000."]}


@pytest.mark.parametrize(("action", "params"), [
    ("datastore_search", {"offset": INT64_PAST}),
    ("datastore_search", {"limit": BIG}),
    ("package_search", {"start": INT64_PAST}),
    ("package_search", {"rows": BIG}),
    ("package_list", {"offset": INT64_PAST}),
    ("package_list", {"limit": INT64_PAST}),
    ("organization_list", {"offset": INT64_PAST}),
])
def test_ckan_integer_parameters_are_bounded(table, quiet_client, action, params):
    _dataset, resource = table
    if action == "datastore_search":
        params = {"resource_id": resource.pk, **params}
    (name, value), = ((k, v) for k, v in params.items() if k != "resource_id")

    response = quiet_client.get(f"/api/3/action/{action}", params)

    # CKAN's own answer to a bad parameter: "Validation Error" (409) naming it.
    assert response.status_code == 409
    body = response.json()
    assert body["success"] is False
    assert body["error"] == {
        "__type": "Validation Error",
        name: [f"Parameter {name} harus bilangan bulat 0 sampai {MAX_OFFSET}."]}


def test_ckan_integer_parameters_in_a_json_body_are_bounded(table, quiet_client):
    _dataset, resource = table
    response = quiet_client.post("/api/3/action/datastore_search", json.dumps(
        {"resource_id": resource.pk, "offset": 2 ** 70}), content_type="application/json")

    assert response.status_code == 409
    assert "offset" in response.json()["error"]


# --- JSON errors on JSON endpoints, 413, 415 ------------------------------------------------

def test_unknown_api_paths_answer_json_404(db, quiet_client):
    for url in ("/api/v1/tidak-ada", "/api/3/tidak-ada"):
        response = quiet_client.get(url)
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
        assert response.json() == {"error": "not_found", "detail": "Alamat tidak ditemukan."}


def test_wrong_method_on_the_api_answers_json_405_with_allow(db, quiet_client):
    response = quiet_client.delete("/api/v1/informasi/register")

    assert response.status_code == 405
    assert response.json()["error"] == "method_not_allowed"
    assert "GET" in response["Allow"]
    ckan = quiet_client.put("/api/3/action/package_list")
    assert ckan.status_code == 405
    assert ckan.json()["error"] == "method_not_allowed"


def test_html_pages_keep_their_html_404(db, quiet_client):
    response = quiet_client.get("/tidak-ada-halaman-ini/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_an_oversized_json_body_is_413_in_json_and_registers_nothing(tree, settings,
                                                                    quiet_client):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = json.dumps({"satker_code": "33.20", "information_requested": "x" * 5000})

    response = quiet_client.post("/api/v1/informasi/permohonan", body,
                                 content_type="application/json")

    assert response.status_code == 413
    assert response.json() == {
        "error": "payload_too_large",
        "detail": "Isi permintaan terlalu besar (paling banyak 0.000976562 MB di luar berkas "
                  "unggahan)."}
    assert InformationRequest.objects.count() == 0


def test_an_oversized_form_post_is_413(tree, settings, quiet_client):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024

    response = quiet_client.post("/informasi/33.20/ajukan/",
                                 {"information_requested": "x" * 5000})

    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    assert InformationRequest.objects.count() == 0


def test_an_oversized_ckan_post_is_413_in_json(db, settings, quiet_client):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024

    response = quiet_client.post("/api/3/action/package_search",
                                 json.dumps({"q": "x" * 5000}), content_type="application/json")

    assert response.status_code == 413
    assert response.json()["error"] == "payload_too_large"


@pytest.mark.parametrize("content_type", [
    "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])
def test_the_json_api_takes_only_json_bodies(tree, quiet_client, content_type):
    body = json.dumps({"satker_code": "33.20"})

    response = quiet_client.post("/api/v1/informasi/permohonan", body,
                                 content_type=content_type)

    assert response.status_code == 415
    assert response.json() == {
        "error": "unsupported_media_type",
        "detail": "Jenis isi permintaan tidak didukung; kirim application/json."}
    assert InformationRequest.objects.count() == 0


def test_a_million_character_request_through_the_api_meets_the_forms_5000_cap(tree,
                                                                              quiet_client):
    from prima.inforequests.tests.factories import request_data

    data = {key: str(value) for key, value in request_data().items()}
    data.update(satker_code="33.20", information_requested="A" * 1_000_000,
                full_name="Siti\r\nRahmawati")

    response = quiet_client.post("/api/v1/informasi/permohonan", json.dumps(data),
                                 content_type="application/json")

    assert response.status_code == 422
    assert response.json()["errors"] == {"information_requested": [
        "Rincian informasi yang dibutuhkan paling banyak 5000 karakter."]}
    assert InformationRequest.objects.count() == 0


def test_error_messages_have_english_translations():
    from django.utils import translation

    with translation.override("en"):
        with pytest.raises(BadParameter) as caught:
            bounded_int("x", name="page", default=1, minimum=1, maximum=9)
    assert caught.value.messages == ["Parameter page must be a whole number from 1 to 9."]


def test_a_malformed_multipart_body_is_400_not_500(db, quiet_client):
    response = quiet_client.generic(
        "POST", "/akun/masuk/", b"--x\r\nbroken", content_type="multipart/form-data; boundary=")

    assert response.status_code == 400


def test_too_many_form_fields_is_400(db, settings, quiet_client):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5

    response = quiet_client.post("/akun/masuk/", {f"f{i}": "x" for i in range(10)})

    assert response.status_code == 400


# --- every public page and API endpoint, hostile query strings ------------------------------

HOSTILE = {"page": BIG, "_offset": INT64_PAST, "_size": BIG, "offset": INT64_PAST,
           "limit": BIG, "start": INT64_PAST, "rows": BIG, "year": BIG, "tahun": BIG,
           "page_size": BIG, "size": BIG, "q": "\x00" + "x" * 3000, "satker": BIG,
           "decision": "bogus", "_facet_size": BIG, "_after": "o:" + BIG}


@pytest.mark.parametrize("path", [
    "/", "/satker/", "/satker/33.20/", "/satker/33.20/reformasi/", "/informasi/",
    "/informasi/register/", "/informasi/register.xlsx", "/informasi/lacak/",
    "/informasi/33.20/ajukan/", "/informasi/33.20/daftar-informasi/", "/laporan/informasi/",
    "/data/", "/data/{dataset}/", "/data/{dataset}/{resource}/", "/data/{dataset}/{resource}.json",
    "/data/{dataset}/{resource}.csv", "/api/v1/katalog/dataset",
    "/api/v1/katalog/dataset/{dataset}",
    "/api/v1/katalog/dataset/{dataset}/{resource}/rows", "/api/v1/informasi/register",
    "/api/3/action/package_search", "/api/3/action/package_list",
    "/api/3/action/organization_list", "/api/3/action/datastore_search",
])
def test_hostile_query_strings_never_get_a_server_error(table, quiet_client, path):
    dataset, resource = table
    url = path.format(dataset=dataset.slug, resource=resource.slug)
    params = {**HOSTILE, "resource_id": resource.pk}

    response = quiet_client.get(url, params)

    assert response.status_code < 500, (url, response.content[:300])
    if url.startswith("/api/") or url.endswith(".json"):
        assert response["Content-Type"].startswith("application/json")


def test_a_nul_character_in_the_query_is_refused_before_any_query(client, db):
    for path in ("/satker/?q=a%00b", "/data/?q=%00", "/api/v1/informasi/register?q=%00"):
        response = client.get(path)
        assert response.status_code == 400, path
