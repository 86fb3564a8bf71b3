"""No stored file has a URL of its own (issue 14): /media/ answers 404 in every mode, and a
download a view allowed can be handed to nginx with X-Accel-Redirect."""

from __future__ import annotations

import importlib

import pytest
from django.core.files.base import ContentFile
from django.urls import Resolver404, clear_url_caches, resolve, reverse

from prima.organisations.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

# The probe's reproductions: a written notice and a Parquet table of a version in review.
LEAKED = ["/media/inforequests/33.20/2026/notices/pemberitahuan-0001-PPID-33.20-2026.pdf",
          "/media/catalog/parquet/1.parquet"]


@pytest.fixture
def stored_leaks(media):
    for url in LEAKED:
        path = media / url.removeprefix("/media/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.4 NIK 3320015505880004")
    return media


def _reload_urls():
    import prima.urls

    clear_url_caches()
    importlib.reload(prima.urls)


@pytest.mark.parametrize("debug", [True, False], ids=["debug", "production"])
@pytest.mark.parametrize("url", LEAKED)
def test_media_urls_answer_404_in_every_mode(client, settings, stored_leaks, debug, url):
    settings.DEBUG = debug
    _reload_urls()  # the URL configuration as it is built in this mode
    try:
        with pytest.raises(Resolver404):
            resolve(url)
        response = client.get(url)
        assert response.status_code == 404
        assert b"3320015505880004" not in response.content
    finally:
        settings.DEBUG = False
        _reload_urls()


def test_prima_serve_defaults_to_debug_off(monkeypatch):
    from prima import cli

    monkeypatch.delenv("DEBUG", raising=False)
    monkeypatch.delenv("PRIMA_BASE_URL", raising=False)
    cli._serving_environment("0.0.0.0", 8123)  # noqa: S104
    import os

    assert os.environ["DEBUG"] == "0"
    assert os.environ["PRIMA_BASE_URL"] == "http://127.0.0.1:8123"


def test_an_allowed_download_is_handed_to_nginx(login, people, tree, settings):
    settings.PRIMA_ACCEL_REDIRECT = "/_files/"
    document = DocumentFactory(satker=tree.jepara, is_public=False)
    url = reverse("organisations:staff-document-download", args=["33.20", document.pk])

    response = login(people.employee).get(url)
    assert response.status_code == 200, response.content[:500]
    assert response["X-Accel-Redirect"] == f"/_files/{document.file.name}"
    assert response.content == b""
    assert 'filename="sk.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert "private" in response["Cache-Control"]
    # Permission is still the view's: another satker's officer gets nothing to redirect to.
    denied = login(people.other_employee).get(url)
    assert denied.status_code == 404 and "X-Accel-Redirect" not in denied


def test_without_the_setting_downloads_are_streamed(login, people, tree, settings):
    settings.PRIMA_ACCEL_REDIRECT = ""
    document = DocumentFactory(satker=tree.jepara, is_public=False)
    url = reverse("organisations:staff-document-download", args=["33.20", document.pk])
    response = login(people.employee).get(url)
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_files_in_object_storage_keep_being_streamed(login, people, tree, settings):
    from django.core.files.storage import InMemoryStorage

    settings.PRIMA_ACCEL_REDIRECT = "/_files/"
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.InMemoryStorage"}}
    document = DocumentFactory(satker=tree.jepara, is_public=False)
    assert isinstance(document.file.storage, InMemoryStorage)
    document.file.save("sk.pdf", ContentFile(b"%PDF-1.4 in memory"), save=True)
    url = reverse("organisations:staff-document-download", args=["33.20", document.pk])
    response = login(people.employee).get(url)
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == b"%PDF-1.4 in memory"
