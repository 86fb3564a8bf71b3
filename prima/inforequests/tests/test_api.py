"""JSON API: submit, track, register, validation errors, rate limit and the OpenAPI document."""

import json

from prima.inforequests.choices import Channel, Decision, Status
from prima.inforequests.models import InformationRequest
from prima.inforequests.tests.factories import grant, make_request, request_data

SUBMIT = "/api/v1/informasi/permohonan"
REGISTER = "/api/v1/informasi/register"


def post_json(client, url, payload, **extra):
    return client.post(url, data=json.dumps(payload), content_type="application/json", **extra)


def submission(**overrides):
    data = {key: str(value) for key, value in request_data().items()}
    data["satker_code"] = "33.20"
    data.update(overrides)
    return data


def test_submit_registers_a_request_through_the_api_channel(client, tree):
    response = post_json(client, SUBMIT, submission())

    assert response.status_code == 201
    body = response.json()
    ir = InformationRequest.objects.get()
    assert body["number"] == ir.number == f"0001/PPID/33.20/{ir.year}"
    assert body["number_slug"] == ir.number_slug
    assert body["satker"] == {"code": "33.20", "name": "KPU Kabupaten Jepara"}
    assert body["due_date"] == ir.due_date.isoformat()
    assert body["status"] == Status.REGISTERED
    assert ir.channel == Channel.API
    secret = body["tracking_secret"]
    assert body["tracking_url"] == (
        f"http://testserver/informasi/lacak/{ir.number_slug}/{secret}/")
    assert body["api_tracking_url"] == (
        f"http://testserver/api/v1/informasi/permohonan/{ir.number_slug}?secret={secret}")


def test_submit_without_csrf_token_is_accepted(tree):
    from django.test import Client

    response = post_json(Client(enforce_csrf_checks=True), SUBMIT, submission())

    assert response.status_code == 201


def test_submit_with_bad_nik_and_no_purpose_is_422_in_indonesian(client, tree):
    response = post_json(client, SUBMIT, submission(nik="12345", purpose=""))

    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Data permohonan tidak valid. Periksa kembali isian Anda."
    assert body["errors"]["nik"] == ["NIK harus 16 digit angka."]
    assert body["errors"]["purpose"] == ["Tujuan penggunaan informasi wajib diisi."]
    assert InformationRequest.objects.count() == 0


def test_submit_to_unknown_satker_is_422(client, tree):
    response = post_json(client, SUBMIT, submission(satker_code="99.99"))

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "satker_code": ["Satuan kerja dengan kode ini tidak ditemukan."]}
    assert InformationRequest.objects.count() == 0


def test_submit_with_wrong_types_is_422_in_indonesian(client, tree):
    response = post_json(client, SUBMIT, {"satker_code": ["33.20"], "full_name": 5})

    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Data tidak valid. Periksa kembali isian Anda."
    assert body["errors"]["satker_code"] == ["Nilai tidak valid atau tidak lengkap."]
    assert InformationRequest.objects.count() == 0


def test_submit_with_broken_json_is_rejected(client, tree):
    response = client.post(SUBMIT, data="{not json", content_type="application/json")

    assert response.status_code in (400, 422)
    assert InformationRequest.objects.count() == 0


def test_submit_is_rate_limited_per_ip(client, tree, settings):
    settings.RATELIMIT_ENABLE = True
    for _ in range(20):
        assert post_json(client, SUBMIT, submission()).status_code == 201

    response = post_json(client, SUBMIT, submission())

    assert response.status_code == 429
    assert response.json()["detail"].startswith("Terlalu banyak permohonan")
    assert InformationRequest.objects.count() == 20
    other = post_json(client, SUBMIT, submission(), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 201


def test_track_shows_status_timeline_and_no_personal_data(client, tree):
    body = post_json(client, SUBMIT, submission()).json()
    url = f"{SUBMIT}/{body['number_slug']}"

    response = client.get(url, {"secret": body["tracking_secret"]})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    data = response.json()
    assert data["number"] == body["number"]
    assert data["requester_name"] == "Siti Rahmawati"
    assert data["status"] == "registered"
    assert data["due_date"] == body["due_date"]
    assert data["notice_available"] is False
    assert data["notice_url"] is None
    assert [e["kind"] for e in data["timeline"]] == ["registered"]
    assert data["countdown"]["state"] in ("ok", "soon")
    text = response.content.decode()
    for value in ("3320014507900001", "081234567890", "Kartini", "@contoh.id"):
        assert value not in text


def test_track_with_wrong_secret_is_404(client, tree):
    body = post_json(client, SUBMIT, submission()).json()

    response = client.get(f"{SUBMIT}/{body['number_slug']}", {"secret": "salah"})

    assert response.status_code == 404
    assert response.json()["detail"] == (
        "Permohonan tidak ditemukan atau rahasia pelacakan salah.")


def test_track_without_secret_is_422(client, tree):
    body = post_json(client, SUBMIT, submission()).json()

    assert client.get(f"{SUBMIT}/{body['number_slug']}").status_code == 422


def test_track_after_decision_offers_the_notice(client, tree, people):
    ir = make_request(tree.jepara)
    grant(ir, people.ppid)

    response = client.get(f"{SUBMIT}/{ir.number_slug}", {"secret": ir.secret})

    data = response.json()
    assert data["decision"] == Decision.GRANTED
    assert data["decision_label"] == "Diberikan seluruhnya"
    assert data["notice_available"] is True
    assert data["notice_url"].endswith(
        f"/informasi/lacak/{ir.number_slug}/{ir.secret}/pemberitahuan.pdf")
    assert [e["kind"] for e in data["timeline"]] == ["registered", "decided"]


def test_register_lists_published_requests_without_personal_data(client, tree):
    first = make_request(tree.jepara)
    make_request(tree.kudus)
    hidden = make_request(tree.jepara)
    hidden.is_published = False
    hidden.save(update_fields=["is_published"])

    response = client.get(REGISTER, {"satker": "33.20"})

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    assert data["pages"] == 1
    assert [i["number"] for i in data["items"]] == [first.number]
    item = data["items"][0]
    assert set(item) == {"number", "satker_code", "satker_name", "received_on", "channel",
                         "requester_kind", "information_requested", "status",
                         "status_label", "decision", "decision_label", "notice_issued_at",
                         "delivered_at"}
    text = response.content.decode()
    for value in ("Siti", "3320014507900001", "081234567890", "Kartini", "@contoh.id"):
        assert value not in text


def test_register_province_includes_kabupaten_and_pages(client, tree):
    for _ in range(3):
        make_request(tree.jepara)
    make_request(tree.kudus)
    make_request(tree.bogor)

    response = client.get(REGISTER, {"satker": "33", "page": 2, "page_size": 3})

    data = response.json()
    assert (data["count"], data["pages"], data["page"], len(data["items"])) == (4, 2, 2, 1)


def test_register_unknown_satker_is_404(client, tree):
    assert client.get(REGISTER, {"satker": "99.99"}).status_code == 404


def test_register_rejects_oversized_pages(client, tree):
    assert client.get(REGISTER, {"page_size": 1000}).status_code == 422


def test_register_query_count_is_bounded(client, tree, django_assert_max_num_queries):
    for _ in range(10):
        make_request(tree.jepara)

    with django_assert_max_num_queries(3):
        response = client.get(REGISTER)

    assert len(response.json()["items"]) == 10


def test_openapi_lists_the_information_endpoints(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Prima API"
    assert schema["info"]["version"] == "1"
    paths = schema["paths"]
    assert "post" in paths["/api/v1/informasi/permohonan"]
    assert "get" in paths["/api/v1/informasi/permohonan/{number_slug}"]
    assert "get" in paths["/api/v1/informasi/register"]
    assert paths["/api/v1/informasi/register"]["get"]["tags"] == ["Informasi"]
    props = schema["components"]["schemas"]["RequestIn"]["properties"]
    assert props["requester_kind"]["enum"] == ["individual", "entity", "group", "proxy"]


def test_docs_page_never_loads_a_cdn(client):
    # Served only with "ninja" in INSTALLED_APPS (local Swagger assets), else absent.
    response = client.get("/api/v1/docs")

    if response.status_code == 200:
        html = response.content.decode()
        assert "cdn" not in html.lower()
        assert "/static/ninja/swagger-ui-bundle.js" in html
    else:
        assert response.status_code == 404
