"""The public request form, its spam guards and the receipt page."""

import time

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prima.core.public_forms import MIN_FILL_SECONDS, issue_token
from prima.inforequests.forms_public import RequestForm
from prima.inforequests.models import InformationRequest, RequestAttachment
from prima.inforequests.services import registration
from prima.organisations.tests.factories import pdf_bytes


def form_url(code="33.20"):
    return reverse("inforequests:public-form", args=[code])


def post_data(**overrides):
    """A valid submission of the public form, shown 10 seconds ago."""
    data = {
        "requester_kind": "individual",
        "full_name": "Siti Rahmawati",
        "nik": "3320014507900001",
        "entity_number": "",
        "address": "Jl. Kartini No. 5, Kauman, Jepara",
        "email": "siti@contoh.id",
        "phone": "081234567890",
        "occupation": "Peneliti",
        "information_requested": "Salinan SK penetapan DPT Pemilu 2024 Kabupaten Jepara",
        "purpose": "Bahan penelitian skripsi",
        "obtain_method": "copy",
        "copy_form": "soft",
        "delivery_method": "download",
        "website": "",
        "form_token": issue_token(time.time() - 10),
    }
    data.update(overrides)
    return data


def errors_of(response):
    return response.context["form"].errors


def test_form_page_shows_fields_timeline_and_hidden_honeypot(client, tree):
    response = client.get(form_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "KPU Kabupaten Jepara" in html
    assert "10 hari kerja" in html and "7 hari kerja" in html
    assert 'class="ir-hp" aria-hidden="true"' in html
    assert 'name="website"' in html and 'tabindex="-1"' in html
    assert 'enctype="multipart/form-data"' in html
    assert '<legend>Jenis pemohon <span aria-hidden="true">*</span></legend>' in html


def test_unknown_satker_is_404(client, tree):
    assert client.get(form_url("99.99")).status_code == 404


def test_submit_registers_and_redirects_to_receipt(client, tree, settings):
    response = client.post(form_url(), post_data())
    ir = InformationRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("inforequests:public-receipt", args=[ir.number_slug])
    assert ir.number == f"0001/PPID/33.20/{ir.year}"
    assert ir.channel == "web"
    assert ir.satker == tree.jepara
    assert ir.nik == "3320014507900001"
    assert ir.copy_form == "soft" and ir.delivery_method == "download"
    [email] = mail.outbox
    assert email.to == ["siti@contoh.id"]

    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    assert receipt.status_code == 200
    assert ir.number in html
    assert ir.due_date.strftime("%Y") in html
    assert "hanya ditampilkan sekali" in html
    assert receipt["Cache-Control"].startswith("max-age=0")
    assert receipt["Referrer-Policy"] == "no-referrer"
    secret = receipt.context["secret"]
    tracking = reverse("inforequests:public-tracking", args=[ir.number_slug, secret])
    assert tracking in html
    assert client.get(tracking).status_code == 200
    assert f"{settings.PRIMA_BASE_URL}{tracking}" in email.body


def test_receipt_without_the_session_is_404(client, tree):
    client.post(form_url(), post_data())
    ir = InformationRequest.objects.get()
    client.cookies.clear()
    assert client.get(reverse("inforequests:public-receipt",
                              args=[ir.number_slug])).status_code == 404


def test_receipt_expires_after_a_while(client, tree, monkeypatch):
    client.post(form_url(), post_data())
    ir = InformationRequest.objects.get()
    later = time.time() + 31 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get(reverse("inforequests:public-receipt",
                              args=[ir.number_slug])).status_code == 404


def test_honeypot_filled_is_rejected_and_nothing_stored(client, tree):
    response = client.post(form_url(), post_data(website="http://spam.example"))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Formulir tidak dapat diproses. Muat ulang halaman lalu kirim kembali."]
    assert InformationRequest.objects.count() == 0
    assert mail.outbox == []


def test_too_fast_submission_is_rejected_and_nothing_stored(client, tree):
    token = issue_token(time.time() - (MIN_FILL_SECONDS - 1))
    response = client.post(form_url(), post_data(form_token=token))
    assert response.context["form"].non_field_errors() == [
        "Formulir dikirim terlalu cepat. Periksa isian Anda lalu kirim kembali."]
    assert InformationRequest.objects.count() == 0
    # The re-rendered form carries a fresh token, not the refused one.
    assert token not in response.content.decode()


@pytest.mark.parametrize("token", ["", "bukan-token", issue_token(time.time() + 3600)[:-2]],
                         ids=["missing", "garbage", "tampered"])
def test_missing_or_forged_token_is_rejected(client, tree, token):
    response = client.post(form_url(), post_data(form_token=token))
    assert response.context["form"].non_field_errors() == [
        "Formulir tidak dapat diproses. Muat ulang halaman lalu kirim kembali."]
    assert InformationRequest.objects.count() == 0


@pytest.mark.parametrize("nik", ["12345", "33200145079000012", "3320O14507900001"],
                         ids=["short", "long", "letter"])
def test_bad_nik_message_tied_to_field(client, tree, nik):
    response = client.post(form_url(), post_data(nik=nik))
    assert errors_of(response) == {"nik": ["NIK harus 16 digit angka."]}
    html = response.content.decode()
    assert 'aria-describedby="id_nik_helptext id_nik_error"' in html
    assert 'aria-invalid="true"' in html
    assert InformationRequest.objects.count() == 0


def test_nik_required_for_individual_but_not_for_entity(client, tree):
    response = client.post(form_url(), post_data(nik=""))
    assert errors_of(response) == {"nik": ["NIK harus 16 digit angka."]}
    response = client.post(form_url(), post_data(requester_kind="entity", nik="",
                                                 entity_number=""))
    assert errors_of(response) == {"entity_number": [
        "Nomor akta pendirian atau SK badan hukum wajib diisi."]}
    client.post(form_url(), post_data(requester_kind="entity", nik="3320014507900001",
                                      entity_number="AHU-0012345.AH.01.07.2020"))
    entity = InformationRequest.objects.get()
    assert entity.requester_kind == "entity"
    assert entity.entity_number == "AHU-0012345.AH.01.07.2020"
    assert entity.nik == ""


def test_missing_purpose_message(client, tree):
    response = client.post(form_url(), post_data(purpose="  "))
    assert errors_of(response) == {"purpose": ["Tujuan penggunaan informasi wajib diisi."]}
    assert "Tujuan penggunaan informasi wajib diisi." in response.content.decode()
    assert InformationRequest.objects.count() == 0


def test_contact_needed(client, tree):
    response = client.post(form_url(), post_data(email="", phone=""))
    assert errors_of(response) == {"email": [
        "Isi alamat email atau nomor telepon agar kami dapat menghubungi Anda."]}
    assert InformationRequest.objects.count() == 0


def test_phone_only_is_enough_and_no_email_is_sent(client, tree):
    response = client.post(form_url(), post_data(email=""))
    assert response.status_code == 302
    assert InformationRequest.objects.get().phone == "081234567890"
    assert mail.outbox == []


def test_copy_needs_form_and_delivery_method_without_javascript(client, tree):
    response = client.post(form_url(), post_data(copy_form="", delivery_method=""))
    assert errors_of(response) == {
        "copy_form": ["Pilih bentuk salinan (elektronik atau cetak)."],
        "delivery_method": ["Pilih cara mendapatkan salinan."],
    }
    assert InformationRequest.objects.count() == 0


def test_view_only_ignores_copy_choices(client, tree):
    client.post(form_url(), post_data(obtain_method="view", copy_form="hard",
                                      delivery_method="post"))
    ir = InformationRequest.objects.get()
    assert (ir.obtain_method, ir.copy_form, ir.delivery_method) == ("view", "", "")


def test_proxy_needs_power_of_attorney(client, tree):
    response = client.post(form_url(), post_data(requester_kind="proxy"))
    assert errors_of(response) == {"power_of_attorney": [
        "Lampirkan surat kuasa untuk permohonan melalui kuasa."]}
    assert InformationRequest.objects.count() == 0


def test_proxy_with_power_of_attorney_and_id_scan_is_stored(client, tree):
    data = post_data(requester_kind="proxy",
                     power_of_attorney=SimpleUploadedFile("kuasa.pdf", pdf_bytes()),
                     identity_scan=SimpleUploadedFile("ktp.pdf", pdf_bytes()))
    response = client.post(form_url(), data)
    assert response.status_code == 302
    kinds = sorted(RequestAttachment.objects.values_list("kind", "original_name"))
    assert kinds == [("identity", "ktp.pdf"), ("power_of_attorney", "kuasa.pdf")]


def test_executable_renamed_pdf_is_rejected(client, tree):
    fake = SimpleUploadedFile("kuasa.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 500,
                              content_type="application/pdf")
    response = client.post(form_url(), post_data(requester_kind="proxy", power_of_attorney=fake))
    [message] = errors_of(response)["power_of_attorney"]
    assert message.startswith("Isi berkas bukan PDF, JPEG, PNG (jenis terdeteksi: EXE).")
    assert InformationRequest.objects.count() == 0
    assert RequestAttachment.objects.count() == 0


def test_oversized_attachment_is_rejected_with_a_lowered_limit(client, tree, monkeypatch):
    # A small file stands in for a huge one against a limit lowered to 1 MB.
    monkeypatch.setattr(registration, "ATTACHMENT_MAX_BYTES", 1024 * 1024)
    big = SimpleUploadedFile("ktp.pdf", pdf_bytes() + b"%" * (1024 * 1024 + 100 * 1024))
    response = client.post(form_url(), post_data(identity_scan=big))
    assert errors_of(response) == {"identity_scan": ["Ukuran berkas 1,1 MB melebihi batas 1 MB."]}
    assert InformationRequest.objects.count() == 0
    assert RequestAttachment.objects.count() == 0


def test_50_mb_attachment_is_refused_on_its_size(tree):
    upload = SimpleUploadedFile("ktp.pdf", pdf_bytes())
    upload.size = 50 * 1024 * 1024  # declared size, refused before any byte is read
    form = RequestForm(post_data(), {"identity_scan": upload})
    assert not form.is_valid()
    assert form.errors == {"identity_scan": ["Ukuran berkas 50 MB melebihi batas 5 MB."]}


def test_configured_5_mb_limit_applies(client, tree):
    assert registration.ATTACHMENT_MAX_BYTES == 5 * 1024 * 1024
    content = pdf_bytes() + b"%" * (5 * 1024 * 1024)
    response = client.post(form_url(), post_data(
        identity_scan=SimpleUploadedFile("ktp.pdf", content)))
    assert errors_of(response) == {"identity_scan": [
        "Ukuran berkas 5,0 MB melebihi batas 5 MB."]}
    assert InformationRequest.objects.count() == 0


def test_submissions_are_rate_limited_per_ip(client, tree, settings):
    settings.RATELIMIT_ENABLE = True
    for _ in range(20):
        client.post(form_url(), post_data(purpose=""))
    response = client.post(form_url(), post_data())
    assert response.status_code == 429
    assert InformationRequest.objects.count() == 0
