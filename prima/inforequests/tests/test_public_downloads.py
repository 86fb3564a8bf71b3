"""Soft-copy delivery through the expiring private download link."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from prima.inforequests import services
from prima.inforequests.choices import Decision
from prima.inforequests.models import DownloadLink, DownloadLog
from prima.inforequests.tests.factories import grant, make_request, pdf_upload


@pytest.fixture
def delivered(tree, people):
    """A request granted in part with a redacted PDF and an open dataset link, delivered."""
    ir = make_request(tree.jepara)
    grant(ir, people.ppid, decision=Decision.GRANTED_IN_PART)
    pdf = services.add_delivered_file(
        request=ir, actor=people.ppid, title="SK penetapan DPT", upload=pdf_upload("sk-dpt.pdf"),
        is_redacted=True, redaction_note="NIK pemilih dihitamkan (Pasal 17 huruf h)")
    dataset = services.add_delivered_file(
        request=ir, actor=people.ppid, title="Dataset DPT per kecamatan",
        link_url="https://data.kpu.go.id/dataset/dpt-jepara")
    link, token = services.deliver_request(request=ir, actor=people.ppid, valid_days=30)
    ir.refresh_from_db()
    return ir, pdf, dataset, link, token


def list_url(token):
    return reverse("inforequests:public-download-list", args=[token])


def file_url(token, file):
    return reverse("inforequests:public-download", args=[token, file.pk])


def test_download_list_shows_files_sizes_notes_and_dataset_link(client, delivered):
    ir, pdf, dataset, _, token = delivered
    response = client.get(list_url(token))
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "no-referrer"
    assert ir.number in html
    assert file_url(token, pdf) in html and "SK penetapan DPT" in html
    assert f"<td>{pdf.size}\xa0bita</td>" in html
    assert "NIK pemilih dihitamkan (Pasal 17 huruf h)" in html
    assert 'href="https://data.kpu.go.id/dataset/dpt-jepara"' in html


def test_download_streams_the_file_and_logs_it(client, delivered):
    _, pdf, _, link, token = delivered
    response = client.get(file_url(token, pdf), REMOTE_ADDR="203.0.113.9",
                          HTTP_USER_AGENT="Mozilla/5.0 (Uji)")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="sk-dpt.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    log = DownloadLog.objects.get()
    assert (log.file, log.link, log.ip_address, log.user_agent) == (
        pdf, link, "203.0.113.9", "Mozilla/5.0 (Uji)")


def test_dataset_link_is_logged_and_redirected(client, delivered):
    _, _, dataset, _, token = delivered
    response = client.get(file_url(token, dataset))
    assert response.status_code == 302
    assert response["Location"] == "https://data.kpu.go.id/dataset/dpt-jepara"
    assert DownloadLog.objects.get().file == dataset


def test_expired_link_is_410_and_logs_nothing(client, delivered):
    _, pdf, _, link, token = delivered
    DownloadLink.objects.filter(pk=link.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = client.get(list_url(token))
    assert response.status_code == 410
    assert "Masa berlaku tautan unduhan ini telah habis pada" in response.content.decode()
    assert client.get(file_url(token, pdf)).status_code == 410
    assert DownloadLog.objects.count() == 0


def test_revoked_link_is_410(client, delivered, people):
    ir, pdf, _, _, old_token = delivered
    _, new_token = services.deliver_request(request=ir, actor=people.ppid)
    response = client.get(file_url(old_token, pdf))
    assert response.status_code == 410
    assert "Tautan unduhan ini telah dicabut oleh PPID." in response.content.decode()
    assert client.get(file_url(new_token, pdf)).status_code == 200


def test_unknown_token_and_foreign_file_are_404(client, delivered, tree, people):
    _, _, _, _, token = delivered
    assert client.get(list_url("tidak-ada")).status_code == 404
    other = make_request(tree.jepara)
    grant(other, people.ppid)
    foreign = services.add_delivered_file(request=other, actor=people.ppid, title="Lain",
                                          upload=pdf_upload("lain.pdf"))
    assert client.get(file_url(token, foreign)).status_code == 404
    assert DownloadLog.objects.count() == 0


def test_tracking_page_lists_files_and_downloads_them_while_the_link_is_valid(client, delivered):
    ir, pdf, _, link, _ = delivered
    url = reverse("inforequests:public-tracking-file", args=[ir.number_slug, ir.secret, pdf.pk])
    page = client.get(reverse("inforequests:public-tracking", args=[ir.number_slug, ir.secret]))
    assert url in page.content.decode()
    assert client.get(url).status_code == 200
    assert DownloadLog.objects.get().link == link
    DownloadLink.objects.update(expires_at=timezone.now() - dt.timedelta(days=1))
    assert client.get(url).status_code == 410
    assert DownloadLog.objects.count() == 1
