"""A NUL character anywhere in an address, a query or a body is bad input like any other: it is
answered without a server error (PostgreSQL refuses NUL in text, so it must never reach a
query) and changes nothing."""

import json

import pytest

from prima.inforequests.models import InformationRequest

PUBLIC = [
    "/informasi/?q=a%00b",
    "/informasi/33.20%00/ajukan/",
    "/informasi/33.20%00/daftar-informasi/",
    "/informasi/lacak/0001-PPID-33.20-2026%00/rahasia/",
    "/informasi/lacak/0001-PPID-33.20-2026/rahasia%00/",
    "/informasi/unduh/token%00/",
    "/informasi/register/?q=a%00b&satker=%00",
    "/informasi/register.xlsx?q=a%00b&satker=33%00",
    "/laporan/informasi/?satker=33%00&year=2026%00",
    "/laporan/informasi.pdf?satker=%00",
    "/api/v1/informasi/register?satker=33%00",
    "/api/v1/informasi/register?q=a%00b",
    "/api/v1/informasi/permohonan/0001-PPID-33.20-2026%00?secret=x",
]
STAFF = [
    "/staf/uji-konsekuensi/?q=a%00b&satker=33.20%00",
    "/staf/uji-konsekuensi/baru/?satker=33.20%00",
    "/staf/daftar-informasi/33.20%00/",
    "/staf/daftar-informasi/33.20/?q=a%00b&class=%00",
    "/staf/informasi/?q=a%00b&satker=%00",
    "/staf/keberatan/?q=a%00b",
    "/staf/informasi/register.xlsx?satker=33.20%00",
    "/staf/keberatan/register.xlsx?satker=33.20%00",
]


@pytest.mark.parametrize("url", PUBLIC)
def test_public_addresses_with_nul_are_not_server_errors(client, tree, url):
    assert client.get(url).status_code < 500


@pytest.mark.parametrize("url", STAFF)
def test_staff_addresses_with_nul_are_not_server_errors(tree, people, login, url):
    assert login(people.ppid).get(url).status_code < 500


def test_api_submission_with_nul_is_refused_and_stores_nothing(client, tree):
    response = client.post("/api/v1/informasi/permohonan", content_type="application/json",
                           data=json.dumps({"satker_code": "33.20\u0000"}))

    assert response.status_code == 422
    assert InformationRequest.objects.count() == 0
