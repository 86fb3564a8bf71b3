import pytest

from prima.servicestandards.choices import Channel, SopStatus

from .factories import build_service, build_sop

pytestmark = pytest.mark.django_db


def test_api_lists_published_services_and_details_effective_sops(client, tree, people):
    service = build_service(tree.jepara, people.ppid, published=True)
    build_service(tree.jepara, people.ppid, key="pengaduan")  # unpublished
    build_sop(service, people.ppid, status=SopStatus.EFFECTIVE, approver=people.head)
    build_sop(service, people.ppid, channel=Channel.ONLINE)  # a draft stays private

    listing = client.get("/api/v1/layanan/", {"satker": "33.20"}).json()
    assert listing["count"] == 1
    assert listing["results"][0]["online_url"] == "/informasi/33.20/ajukan/"

    detail = client.get("/api/v1/layanan/33.20/permohonan-informasi").json()
    assert [c["number"] for c in detail["components"]] == list(range(1, 15))
    assert [s["channel"] for s in detail["sops"]] == ["luring"]
    assert detail["sops"][0]["steps"][0]["kind"] == "start"
    assert client.get("/api/v1/layanan/33.20/pengaduan").status_code == 404


def test_openapi_lists_the_service_paths(client):
    schema = client.get("/api/v1/openapi.json").json()

    for path in ("/api/v1/layanan/", "/api/v1/layanan/{code}/{key}"):
        assert schema["paths"][path]["get"]["tags"] == ["Standar pelayanan"]
