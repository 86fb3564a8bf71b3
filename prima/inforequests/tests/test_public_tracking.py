"""Tracking a request: the track form, the private link, clarification, withdrawal, objection."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from prima.inforequests import services
from prima.inforequests.choices import Decision, EventKind, Status
from prima.inforequests.models import InformationRequest, Objection, RequestEvent
from prima.inforequests.tests.factories import freeze_now, grant, guarded, make_request
from prima.inforequests.tests.test_public_request import form_url, post_data


def tracking_url(ir, secret=None, suffix=""):
    url = reverse("inforequests:public-tracking", args=[ir.number_slug, secret or ir.secret])
    return url + suffix


def offers_objection(page, ir, secret=None) -> bool:
    """The tracking page links to the objection form (its blocks are written in Python, so
    the page is read, not its template context)."""
    url = reverse("inforequests:public-objection", args=[ir.number_slug, secret or ir.secret])
    return f'<a class="button" href="{url}">Ajukan keberatan</a>' in page.content.decode()


def test_happy_path_submit_receipt_track_clarify_object(client, tree, people):
    # Submit, then read the secret from the receipt.
    response = client.post(form_url(), post_data())
    ir = InformationRequest.objects.get()
    receipt = client.get(response["Location"])
    secret = receipt.context["secret"]
    url = reverse("inforequests:public-tracking", args=[ir.number_slug, secret])

    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Terdaftar" in html and ir.number in html
    assert page["Referrer-Policy"] == "same-origin"  # its clarification form posts back
    timeline = html.split('<ol class="ir-timeline">')[1].split("</ol>")[0]
    assert timeline.count("<li>") == 1
    assert f"<strong>{EventKind.REGISTERED.label}</strong>" in timeline

    # The PPID asks for a clarification; the requester answers it on the tracking page.
    services.ask_clarification(request=ir, question="Mohon sebutkan tahun SK yang dimaksud.",
                               actor=people.ppid)
    page = client.get(url)
    assert "Mohon sebutkan tahun SK yang dimaksud." in page.content.decode()
    response = client.post(url + "klarifikasi/", guarded(answer="SK tahun 2023."))
    assert response.status_code == 302 and response["Location"] == url
    ir.refresh_from_db()
    assert ir.status == Status.IN_PROGRESS
    answered = RequestEvent.objects.get(request=ir, kind=EventKind.CLARIFICATION_ANSWERED)
    assert (answered.text, answered.actor) == ("SK tahun 2023.", None)
    assert "Jawaban klarifikasi Anda telah dikirim kepada PPID." in \
        client.get(url).content.decode()

    # The decision: the notice PDF is offered, and an objection may be filed.
    grant(ir, people.ppid, decision=Decision.GRANTED_IN_PART)
    page = client.get(url)
    html = page.content.decode()
    assert offers_objection(page, ir, secret)
    assert reverse("inforequests:public-notice-pdf", args=[ir.number_slug, secret]) in html
    assert reverse("inforequests:public-objection", args=[ir.number_slug, secret]) in html
    pdf = client.get(url + "pemberitahuan.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == (
        f'attachment; filename="pemberitahuan-{ir.number_slug}.pdf"')
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")

    form = client.get(url + "keberatan/")
    assert form.status_code == 200
    assert 'type="checkbox" name="grounds" value="a"' in form.content.decode()
    response = client.post(url + "keberatan/", guarded({
        "grounds": ["d", "f"], "case_description": "Yang diberikan bukan SK yang saya minta.",
        "proxy_name": ""}))
    assert response.status_code == 302 and response["Location"] == url
    objection = Objection.objects.get()
    assert objection.number == f"0001/KEB/33.20/{objection.year}"
    assert objection.grounds == ["d", "f"]
    assert objection.case_description == "Yang diberikan bukan SK yang saya minta."
    html = client.get(url).content.decode()
    assert f"Keberatan Anda terdaftar dengan nomor {objection.number}" in html
    assert objection.due_date.strftime("%Y") in html


def test_tracking_shows_only_public_events_and_masked_personal_data(client, tree, people):
    ir = make_request(tree.jepara, nik="3320014507900001", phone="081234567890",
                      address="Jl. Kartini No. 5, Kauman, Jepara", full_name="Siti Rahmawati")
    services.add_note(request=ir, text="Pemohon ini sering bertanya, prioritas rendah",
                      actor=people.ppid)
    html = client.get(tracking_url(ir)).content.decode()
    assert "Siti Rahmawati" in html
    assert "3320********0001" in html and "3320014507900001" not in html
    assert "0812******90" in html and "081234567890" not in html
    assert "***, Jepara" in html and "Jl. Kartini" not in html
    assert "prioritas rendah" not in html
    assert "Catatan internal" not in html


def test_wrong_secret_in_the_private_link_is_404(client, tree):
    ir = make_request(tree.jepara)
    assert client.get(tracking_url(ir, secret="salah" + ir.secret[5:])).status_code == 404
    other = make_request(tree.jepara)
    assert client.get(reverse("inforequests:public-tracking",
                              args=[ir.number_slug, other.secret])).status_code == 404


def test_track_form_with_right_pair_redirects_to_the_private_link(client, tree):
    ir = make_request(tree.jepara)
    response = client.post(reverse("inforequests:public-track"),
                           guarded(number=f" {ir.number} ", secret=ir.secret))
    assert response.status_code == 302
    assert response["Location"] == tracking_url(ir)


@pytest.mark.parametrize("which", ["secret", "number", "both"])
def test_track_form_wrong_pair_gives_one_generic_error(client, tree, which):
    ir = make_request(tree.jepara)
    number = "0099/PPID/33.20/2020" if which in ("number", "both") else ir.number
    secret = "tebakan" if which in ("secret", "both") else ir.secret
    response = client.post(reverse("inforequests:public-track"),
                           guarded(number=number, secret=secret))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Nomor pendaftaran atau kode rahasia tidak cocok. Periksa kembali tanda terima Anda."]
    assert response.context["form"].errors.keys() == {"__all__"}


def test_track_form_is_rate_limited(client, tree):
    ir = make_request(tree.jepara)
    for _ in range(30):
        client.post(reverse("inforequests:public-track"), guarded(number=ir.number, secret="x"))
    response = client.post(reverse("inforequests:public-track"),
                           guarded(number=ir.number, secret=ir.secret))
    assert response.status_code == 429


def test_clarification_answer_needs_text_and_a_pending_question(client, tree, people):
    ir = make_request(tree.jepara)
    response = client.post(tracking_url(ir, suffix="klarifikasi/"), guarded(answer="Jawaban"))
    assert response.context["clarification_form"].non_field_errors() == [
        "Tidak ada permintaan klarifikasi yang menunggu jawaban."]
    services.ask_clarification(request=ir, question="Tahun berapa?", actor=people.ppid)
    response = client.post(tracking_url(ir, suffix="klarifikasi/"), guarded(answer=" "))
    assert response.context["clarification_form"].errors == {
        "answer": ["Isi jawaban klarifikasi."]}
    ir.refresh_from_db()
    assert ir.status == Status.CLARIFICATION


def test_withdraw_needs_confirmation(client, tree):
    ir = make_request(tree.jepara)
    url = tracking_url(ir, suffix="tarik/")
    page = client.get(url)
    assert page.status_code == 200
    assert "Tarik permohonan" in page.content.decode()
    response = client.post(url, guarded(reason="Sudah tidak perlu"))
    assert response.context["form"].errors == {
        "confirm": ["Centang pernyataan untuk menarik permohonan."]}
    ir.refresh_from_db()
    assert ir.status == Status.REGISTERED

    response = client.post(url, guarded(reason="Sudah tidak perlu", confirm="on"))
    assert response.status_code == 302
    ir.refresh_from_db()
    assert (ir.status, ir.decision) == (Status.WITHDRAWN, Decision.WITHDRAWN)
    page = client.get(tracking_url(ir))
    html = page.content.decode()
    assert f"Permohonan {ir.number} telah ditarik." in html
    assert reverse("inforequests:public-withdraw", args=[ir.number_slug, ir.secret]) not in html
    # A withdrawn request cannot be withdrawn again.
    assert client.get(url).status_code == 302


def test_objection_needs_a_ground(client, tree, people):
    ir = make_request(tree.jepara)
    grant(ir, people.ppid)
    response = client.post(tracking_url(ir, suffix="keberatan/"),
                           guarded(grounds=[], case_description="Tidak puas"))
    assert response.context["form"].errors == {
        "grounds": ["Pilih setidaknya satu alasan keberatan."]}
    assert Objection.objects.count() == 0


def test_objection_after_the_deadline_gives_the_service_message(client, tree, people,
                                                                 monkeypatch):
    ir = make_request(tree.jepara)
    grant(ir, people.ppid)
    freeze_now(monkeypatch, timezone.now() + dt.timedelta(days=90))
    page = client.get(tracking_url(ir))
    assert not offers_objection(page, ir)
    assert "telah lewat" in page.content.decode()
    response = client.post(tracking_url(ir, suffix="keberatan/"),
                           guarded(grounds=["e"], case_description="Terlambat"))
    [message] = response.context["form"].non_field_errors()
    assert message.startswith("Batas waktu pengajuan keberatan telah lewat pada ")
    assert Objection.objects.count() == 0


def test_objection_offered_when_the_due_date_passed_unanswered(client, tree):
    ir = make_request(tree.jepara, received_at=timezone.now() - dt.timedelta(days=21))
    assert ir.due_date < timezone.localdate()
    page = client.get(tracking_url(ir))
    assert offers_objection(page, ir)
    response = client.post(tracking_url(ir, suffix="keberatan/"),
                           guarded(grounds=["c"], case_description="Tidak ditanggapi",
                                   proxy_name="LBH Jepara"))
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert (objection.grounds, objection.proxy_name, objection.filed_by_proxy) == (
        ["c"], "LBH Jepara", True)


def test_objection_not_offered_while_the_request_is_in_time(client, tree):
    ir = make_request(tree.jepara)
    page = client.get(tracking_url(ir))
    assert not offers_objection(page, ir)
    assert "Batas waktu pengajuan keberatan" not in page.content.decode()
    assert reverse("inforequests:public-objection",
                   args=[ir.number_slug, ir.secret]) not in page.content.decode()


def test_extension_shown_with_reasons(client, tree, people):
    ir = make_request(tree.jepara)
    services.extend_request(request=ir, days=5, reasons="Dokumen berada di arsip provinsi.",
                            actor=people.ppid)
    ir.refresh_from_db()
    html = client.get(tracking_url(ir)).content.decode()
    assert "Diperpanjang 5 hari kerja" in html
    assert "Dokumen berada di arsip provinsi." in html


def test_notice_pdf_is_404_before_a_decision(client, tree):
    ir = make_request(tree.jepara)
    assert client.get(tracking_url(ir, suffix="pemberitahuan.pdf")).status_code == 404


def test_withdraw_confirmation_is_the_shared_page_in_the_public_layout(client, tree):
    ir = make_request(tree.jepara)
    url = tracking_url(ir, suffix="tarik/")

    page = client.get(url)

    html = page.content.decode()
    assert [t.name for t in page.templates][:2] == ["core/confirm.html",
                                                     "inforequests/public/base.html"]
    assert "/static/inforequests/public.css" in html
    assert f'<li><a href="{tracking_url(ir)}">Lacak permohonan</a></li>' in html
    assert f'action="{url}"' in html
    assert 'name="reason"' in html and 'name="confirm"' in html
    assert 'name="form_token"' in html and 'name="website"' in html
    assert f"<dd>{ir.number}</dd>" in html
    assert page["Referrer-Policy"] == "same-origin"


def test_tracking_page_query_count_is_bounded(client, tree, people,
                                              django_assert_max_num_queries):
    """Issue 13: the request comes with its satker and written notice in one query, then the
    timeline and the objections; the calendar is read from the cache (filled by the first
    visit)."""
    ir = make_request(tree.jepara)
    client.get(tracking_url(ir))
    with django_assert_max_num_queries(3):
        page = client.get(tracking_url(ir))
    html = page.content.decode()
    assert page.status_code == 200 and "Pemberitahuan tertulis" not in html
    assert tracking_url(ir, suffix="klarifikasi/") not in html  # nothing was asked

    grant(ir, people.ppid)
    with django_assert_max_num_queries(3):
        page = client.get(tracking_url(ir))
    html = page.content.decode()
    assert f"<strong>{Status.DECIDED.label}</strong> · {Decision.GRANTED.label}</dd>" in html
    assert tracking_url(ir, suffix="pemberitahuan.pdf") in html
    # The notice opens the objection grounds that arise with it (UU 14/2008 Pasal 35-36).
    assert offers_objection(page, ir)
    assert "Paling lambat " in html
