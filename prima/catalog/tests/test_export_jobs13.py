"""Large exports: above ``CATALOG_EXPORT_BACKGROUND_ROWS`` rows the export is prepared in the
background (``tasks.prepare_export``) with its progress, and downloaded through a private,
permission-checked link (only the requester, only while the dataset stays visible)."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from prima.catalog import services
from prima.catalog.models import ExportJob, ExportStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_threshold(settings):
    settings.CATALOG_EXPORT_BACKGROUND_ROWS = 2


def _export_url(dataset, resource, fmt):
    return reverse("catalog:resource-export", args=[dataset.slug, resource.slug, fmt])


def test_large_export_is_prepared_in_the_background_for_its_requester(
        client, published_table, small_threshold, django_capture_on_commit_callbacks):
    dataset, resource, _version = published_table

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(_export_url(dataset, resource, "xlsx"),
                              {"kecamatan__eq": "Kedung", "_sort_desc": "dpt"})

    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("catalog:export-status", args=[job.token])
    assert job.status == ExportStatus.DONE and job.rows_total == 3 and job.progress == 100
    page = client.get(response["Location"]).content.decode()
    download = reverse("catalog:export-download", args=[job.token])
    assert f'href="{download}"' in page and "Unduh XLSX (3 baris)" in page
    file = client.get(download)
    assert file.status_code == 200
    assert 'filename="' in file["Content-Disposition"]
    book = load_workbook(io.BytesIO(b"".join(file.streaming_content)))
    rows = list(book.active.iter_rows(values_only=True))
    assert [r[4] for r in rows[1:]] == [300, 250, 240]  # filtered and sorted as the view
    assert "/media/" not in page and job.file.name not in page  # no public file URL


def test_someone_else_cannot_see_or_download_the_export(
        client, people, login, published_table, small_threshold,
        django_capture_on_commit_callbacks):
    dataset, resource, _version = published_table
    with django_capture_on_commit_callbacks(execute=True):
        client.get(_export_url(dataset, resource, "csv"))
    job = ExportJob.objects.get()
    other = Client()
    staff = login(people.ppid, Client())

    for visitor in (other, staff):
        assert visitor.get(reverse("catalog:export-status", args=[job.token])).status_code == 404
        assert visitor.get(reverse("catalog:export-download",
                                   args=[job.token])).status_code == 404
    assert client.get(reverse("catalog:export-download", args=[job.token])).status_code == 200


def test_withdrawn_dataset_export_is_no_longer_served(
        client, people, published_table, small_threshold, django_capture_on_commit_callbacks):
    dataset, resource, _version = published_table
    with django_capture_on_commit_callbacks(execute=True):
        client.get(_export_url(dataset, resource, "csv"))
    job = ExportJob.objects.get()
    services.withdraw_dataset(dataset=dataset, actor=people.ppid)

    assert client.get(reverse("catalog:export-download", args=[job.token])).status_code == 404


def test_progress_is_shown_while_the_export_is_pending(client, published_table,
                                                       small_threshold):
    dataset, resource, _version = published_table

    response = client.get(_export_url(dataset, resource, "json"))  # task not run yet
    job = ExportJob.objects.get()
    job.status, job.rows_total, job.rows_done = ExportStatus.RUNNING, 200, 50
    job.save()
    page = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()

    assert job.progress == 25
    assert 'hx-trigger="every 2s"' in page and 'value="25"' in page
    assert "50 dari 200 baris" in page
    assert client.get(reverse("catalog:export-download", args=[job.token])).status_code == 302


def test_small_exports_still_stream_at_once(client, published_table, settings):
    settings.CATALOG_EXPORT_BACKGROUND_ROWS = 1000
    dataset, resource, _version = published_table

    response = client.get(_export_url(dataset, resource, "csv"))

    assert response.status_code == 200 and response.streaming
    assert not ExportJob.objects.exists()
