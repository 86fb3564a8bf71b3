"""Every rule of the request form, submitted through the public web form, the JSON API and the
officer's desk form (offline requests): the same input gets the same answer everywhere.

Each row of ``RULES`` is one input: accepted (with the values it must be stored as) or refused
(with the exact field keys and Indonesian messages). Each path must give exactly that answer,
and a refused input stores nothing (no request, no attachment, no file, no number, no email).
"""

from __future__ import annotations

import base64
import io
import json
import time
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from prima.core.models import Sequence
from prima.core.public_forms import issue_token
from prima.inforequests.models import InformationRequest, RequestAttachment
from prima.inforequests.services import registration
from prima.organisations.tests.factories import pdf_bytes

NIK = "3320014507900001"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\0" * 500
WRONG_TYPE = ("Isi berkas bukan PDF, JPEG, PNG (jenis terdeteksi: EXE). Nama atau ekstensi "
              "berkas tidak menentukan jenisnya; unggah berkas PDF, JPEG, PNG yang asli.")
CONTACT = "Isi alamat email atau nomor telepon agar kami dapat menghubungi Anda."
NIK_16 = "NIK harus 16 digit angka."
NULL = "Isian memuat karakter yang tidak diizinkan."
MB = 1024 * 1024


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return buffer.getvalue()


def base_data() -> dict:
    """A valid request: an individual asking for a soft copy by private download link."""
    return {
        "requester_kind": "individual", "full_name": "Siti Rahmawati", "nik": NIK,
        "entity_number": "", "address": "Jl. Kartini No. 5, Kauman, Jepara",
        "email": "siti@contoh.id", "phone": "081234567890", "occupation": "Peneliti",
        "information_requested": "Salinan SK penetapan DPT Pemilu 2024 Kabupaten Jepara",
        "purpose": "Bahan penelitian skripsi", "obtain_method": "copy", "copy_form": "soft",
        "delivery_method": "download",
    }


@dataclass
class Rule:
    id: str
    data: dict = field(default_factory=dict)  # overrides of base_data()
    files: dict = field(default_factory=dict)  # form field -> (file name, bytes)
    errors: dict | None = None  # None: accepted
    stored: dict = field(default_factory=dict)  # accepted: fields as stored
    attachments: tuple = ()  # accepted: the kinds of the stored attachments


PROXY = {"requester_kind": "proxy"}
POWER_OF_ATTORNEY = {"power_of_attorney": ("kuasa.pdf", pdf_bytes())}

RULES = [
    Rule("valid", stored={"full_name": "Siti Rahmawati", "nik": NIK, "copy_form": "soft",
                          "delivery_method": "download"}),
    # Requester kind and identity (Perki 1/2021).
    Rule("kind-missing", {"requester_kind": ""},
         errors={"requester_kind": ["Pilih jenis pemohon."]}),
    Rule("kind-unknown", {"requester_kind": "robot"},
         errors={"requester_kind": ["Pilih jenis pemohon."]}),
    Rule("name-missing", {"full_name": ""}, errors={"full_name": ["Nama lengkap wajib diisi."]}),
    Rule("name-only-whitespace", {"full_name": " \r\n\t "},
         errors={"full_name": ["Nama lengkap wajib diisi."]}),
    Rule("name-too-long", {"full_name": "A" * 201},
         errors={"full_name": ["Nama lengkap paling banyak 200 karakter."]}),
    Rule("name-200-chars", {"full_name": "A" * 200}, stored={"full_name": "A" * 200}),
    Rule("name-line-breaks-become-spaces", {"full_name": "  Siti\r\nRahmawati \t Wibisono "},
         stored={"full_name": "Siti Rahmawati Wibisono"}),
    Rule("name-null-character", {"full_name": "Siti\x00Rahma"}, errors={"full_name": [NULL]}),
    Rule("nik-15-digits", {"nik": "332001450790000"}, errors={"nik": [NIK_16]}),
    Rule("nik-17-digits", {"nik": "33200145079000012"}, errors={"nik": [NIK_16]}),
    Rule("nik-letter", {"nik": "3320O14507900001"}, errors={"nik": [NIK_16]}),
    Rule("nik-missing-individual", {"nik": ""}, errors={"nik": [NIK_16]}),
    Rule("nik-missing-proxy", {**PROXY, "nik": ""}, POWER_OF_ATTORNEY, errors={"nik": [NIK_16]}),
    Rule("nik-separators-removed", {"nik": "3320 0145.0790-0001"}, stored={"nik": NIK}),
    Rule("entity-needs-deed", {"requester_kind": "entity", "nik": "", "entity_number": ""},
         errors={"entity_number": ["Nomor akta pendirian atau SK badan hukum wajib diisi."]}),
    Rule("entity-deed-too-long", {"requester_kind": "entity", "entity_number": "A" * 121},
         errors={"entity_number": ["Nomor akta/SK paling banyak 120 karakter."]}),
    Rule("entity-nik-dropped", {"requester_kind": "entity", "entity_number": "AHU-0012345"},
         stored={"nik": "", "entity_number": "AHU-0012345"}),
    Rule("individual-deed-dropped", {"entity_number": "AHU-0012345"},
         stored={"entity_number": ""}),
    Rule("group-without-nik", {"requester_kind": "group", "nik": ""}, stored={"nik": ""}),
    Rule("group-bad-nik", {"requester_kind": "group", "nik": "123"}, errors={"nik": [NIK_16]}),
    Rule("proxy-needs-power-of-attorney", PROXY, errors={"power_of_attorney": [
        "Lampirkan surat kuasa untuk permohonan melalui kuasa."]}),
    Rule("proxy-with-power-of-attorney", PROXY, POWER_OF_ATTORNEY,
         attachments=("power_of_attorney",)),
    Rule("address-missing", {"address": "  "}, errors={"address": ["Alamat wajib diisi."]}),
    Rule("address-too-long", {"address": "A" * 1001},
         errors={"address": ["Alamat paling banyak 1000 karakter."]}),
    Rule("address-keeps-lines", {"address": " Jl. Kartini 5\r\nJepara \r\n"},
         stored={"address": "Jl. Kartini 5\nJepara"}),
    # Contact.
    Rule("no-contact", {"email": "", "phone": ""}, errors={"email": [CONTACT]}),
    Rule("phone-only", {"email": ""}, stored={"email": "", "phone": "081234567890"}),
    Rule("email-only", {"phone": ""}, stored={"phone": ""}),
    Rule("email-invalid", {"email": "bukan-email"},
         errors={"email": ["Alamat email tidak valid."]}),
    Rule("email-too-long", {"email": "a" * 246 + "@contoh.id"},
         errors={"email": ["Alamat email tidak valid."]}),
    Rule("email-lowercased", {"email": " Siti@Contoh.ID "}, stored={"email": "siti@contoh.id"}),
    Rule("phone-letters", {"phone": "telepon saya"}, errors={"phone": [
        "Nomor telepon tidak valid (gunakan angka, boleh diawali +)."]}),
    Rule("phone-without-digits", {"phone": "((-- ))"}, errors={"phone": [
        "Nomor telepon tidak valid (gunakan angka, boleh diawali +)."]}),
    Rule("phone-international", {"phone": "+62 812-3456-7890"},
         stored={"phone": "+62 812-3456-7890"}),
    Rule("occupation-too-long", {"occupation": "A" * 121},
         errors={"occupation": ["Pekerjaan paling banyak 120 karakter."]}),
    Rule("occupation-optional", {"occupation": ""}, stored={"occupation": ""}),
    # The information asked for and its purpose.
    Rule("information-missing", {"information_requested": ""}, errors={
        "information_requested": ["Rincian informasi yang dibutuhkan wajib diisi."]}),
    Rule("information-too-long", {"information_requested": "A" * 5001}, errors={
        "information_requested": ["Rincian informasi yang dibutuhkan paling banyak 5000 "
                                  "karakter."]}),
    Rule("information-5000-chars", {"information_requested": "A" * 5000},
         stored={"information_requested": "A" * 5000}),
    Rule("information-line-ends", {"information_requested": "SK DPT\r\n\r\nTahun 2024\r"},
         stored={"information_requested": "SK DPT\n\nTahun 2024"}),
    Rule("purpose-missing", {"purpose": "   "},
         errors={"purpose": ["Tujuan penggunaan informasi wajib diisi."]}),
    Rule("purpose-too-long", {"purpose": "A" * 3001},
         errors={"purpose": ["Tujuan penggunaan informasi paling banyak 3000 karakter."]}),
    # How to obtain the information and receive a copy.
    Rule("obtain-missing", {"obtain_method": ""},
         errors={"obtain_method": ["Pilih cara memperoleh informasi."]}),
    Rule("obtain-unknown", {"obtain_method": "telepati"},
         errors={"obtain_method": ["Pilih cara memperoleh informasi."]}),
    Rule("copy-needs-form-and-delivery", {"copy_form": "", "delivery_method": ""}, errors={
        "copy_form": ["Pilih bentuk salinan (elektronik atau cetak)."],
        "delivery_method": ["Pilih cara mendapatkan salinan."]}),
    Rule("copy-form-unknown", {"copy_form": "digital"},
         errors={"copy_form": ["Pilih bentuk salinan (elektronik atau cetak)."]}),
    Rule("delivery-unknown", {"delivery_method": "merpati"},
         errors={"delivery_method": ["Pilih cara mendapatkan salinan."]}),
    Rule("email-delivery-needs-email", {"delivery_method": "email", "email": ""}, errors={
        "email": ["Isi email untuk menerima salinan melalui email."]}),
    Rule("email-delivery-with-email", {"delivery_method": "email"},
         stored={"delivery_method": "email"}),
    Rule("hard-copy-by-post", {"copy_form": "hard", "delivery_method": "post"},
         stored={"copy_form": "hard", "delivery_method": "post"}),
    Rule("view-ignores-copy-choices", {"obtain_method": "view", "copy_form": "hard",
                                       "delivery_method": "merpati"},
         stored={"obtain_method": "view", "copy_form": "", "delivery_method": ""}),
    # Attachments: kinds by content, size.
    Rule("power-of-attorney-is-an-executable", PROXY, {"power_of_attorney": ("kuasa.pdf", EXE)},
         errors={"power_of_attorney": [WRONG_TYPE]}),
    Rule("identity-scan-is-an-executable", files={"identity_scan": ("ktp.pdf", EXE)},
         errors={"identity_scan": [WRONG_TYPE]}),
    Rule("identity-scan-too-large", files={"identity_scan": (
        "ktp.pdf", pdf_bytes() + b"%" * (MB + 100 * 1024))},
         errors={"identity_scan": ["Ukuran berkas 1,1 MB melebihi batas 1 MB."]}),
    Rule("identity-scan-empty", files={"identity_scan": ("ktp.pdf", b"")},
         errors={"identity_scan": ["Berkas kosong (0 byte)."]}),
    Rule("identity-scan-png", files={"identity_scan": ("ktp.png", png_bytes())},
         attachments=("identity",)),
    Rule("both-attachments", PROXY, {**POWER_OF_ATTORNEY,
                                     "identity_scan": ("ktp.pdf", pdf_bytes())},
         attachments=("identity", "power_of_attorney")),
    # Everything wrong at once: every field answers, each with one message.
    Rule("everything-missing", {name: "" for name in base_data()}, errors={
        "requester_kind": ["Pilih jenis pemohon."],
        "full_name": ["Nama lengkap wajib diisi."],
        "address": ["Alamat wajib diisi."],
        "email": [CONTACT],
        "information_requested": ["Rincian informasi yang dibutuhkan wajib diisi."],
        "purpose": ["Tujuan penggunaan informasi wajib diisi."],
        "obtain_method": ["Pilih cara memperoleh informasi."]}),
]


@pytest.fixture(autouse=True)
def _small_attachment_limit(monkeypatch):
    # A 1 MB limit stands in for the 5 MB one, so a too-large file fits in an API body.
    monkeypatch.setattr(registration, "ATTACHMENT_MAX_BYTES", MB)


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


def assert_nothing_stored(media, mailoutbox) -> None:
    assert InformationRequest.objects.count() == 0
    assert RequestAttachment.objects.count() == 0
    assert stored_files(media) == []
    assert not Sequence.objects.filter(key__startswith="inforequest:", value__gt=0).exists()
    assert mailoutbox == []


def uploads(rule: Rule) -> dict:
    return {name: SimpleUploadedFile(filename, content)
            for name, (filename, content) in rule.files.items()}


def submit_web(client, rule: Rule):
    """(errors or None, the request created) through the public form."""
    post = {**base_data(), **rule.data, "website": "",
            "form_token": issue_token(time.time() - 10), **uploads(rule)}
    response = client.post(reverse("inforequests:public-form", args=["33.20"]), post)
    if response.status_code == 302:
        return None, InformationRequest.objects.latest("id")
    assert response.status_code == 200
    return {k: list(v) for k, v in response.context["form"].errors.items()}, None


def submit_api(client, rule: Rule):
    payload = {**base_data(), **rule.data, "satker_code": "33.20"}
    for name, (filename, content) in rule.files.items():
        payload[name] = {"filename": filename,
                         "content_base64": base64.b64encode(content).decode()}
    response = client.post("/api/v1/informasi/permohonan", data=json.dumps(payload),
                           content_type="application/json")
    if response.status_code == 201:
        return None, InformationRequest.objects.get(number=response.json()["number"])
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Data permohonan tidak valid. Periksa kembali isian Anda."
    return body["errors"], None


def submit_desk(client, rule: Rule, satker):
    post = {**base_data(), **rule.data, "satker": satker.pk, "channel": "walk_in",
            "received_at": "2024-10-07T10:00", **uploads(rule)}
    response = client.post(reverse("inforequests:staff-create"), post)
    assert response.status_code == 200
    if "ir" in response.context:
        return None, response.context["ir"]
    return {k: list(v) for k, v in response.context["form"].errors.items()}, None


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
@pytest.mark.parametrize("path", ["web", "api", "desk"])
def test_the_same_input_gets_the_same_answer(client, tree, people, login, media, mailoutbox,
                                             rule, path):
    if path == "web":
        errors, created = submit_web(client, rule)
    elif path == "api":
        errors, created = submit_api(client, rule)
    else:
        errors, created = submit_desk(login(people.ppid), rule, tree.jepara)

    assert errors == rule.errors
    if rule.errors is not None:
        assert_nothing_stored(media, mailoutbox)
        return
    assert InformationRequest.objects.count() == 1
    for name, value in rule.stored.items():
        assert getattr(created, name) == value, name
    assert sorted(created.attachments.values_list("kind", flat=True)) == list(rule.attachments)


def test_api_refuses_email_delivery_without_an_email(client, tree, mailoutbox, media):
    errors, _created = submit_api(client, Rule(
        "email-delivery", {"delivery_method": "email", "email": ""}))

    assert errors == {"email": ["Isi email untuk menerima salinan melalui email."]}
    assert_nothing_stored(media, mailoutbox)


def test_api_refuses_a_proxy_without_a_power_of_attorney(client, tree, mailoutbox, media):
    errors, _created = submit_api(client, Rule("proxy", PROXY))

    assert errors == {"power_of_attorney": [
        "Lampirkan surat kuasa untuk permohonan melalui kuasa."]}
    assert_nothing_stored(media, mailoutbox)


def test_api_attachment_that_is_not_base64_is_refused_with_the_other_errors(
        client, tree, mailoutbox, media):
    payload = {**base_data(), "satker_code": "33.20", "purpose": "",
               "identity_scan": {"filename": "ktp.pdf", "content_base64": "bukan base64!"}}

    response = client.post("/api/v1/informasi/permohonan", data=json.dumps(payload),
                           content_type="application/json")

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "identity_scan": ["Isi lampiran bukan base64 yang valid."],
        "purpose": ["Tujuan penggunaan informasi wajib diisi."]}
    assert_nothing_stored(media, mailoutbox)


def test_the_rules_table_covers_every_field_of_the_form():
    covered = {name for rule in RULES if rule.errors for name in rule.errors}
    fields = {*registration.REQUESTER_FIELDS, *registration.REQUEST_FIELDS,
              *registration.ATTACHMENT_FIELDS.values()}
    assert fields <= covered


# --- The objection form (the API has no objection endpoint: the form against the service) -----

OBJECTION_BASE = {"grounds": ["d"], "case_description": "Yang diberikan bukan yang diminta.",
                  "proxy_name": ""}
OBJECTION_RULES = [
    ("valid", {}, None),
    ("through-a-proxy", {"proxy_name": "  LBH\r\nJepara "}, None),
    ("no-ground", {"grounds": []},
     {"grounds": ["Pilih setidaknya satu alasan keberatan."]}),
    ("unknown-ground", {"grounds": ["z"]},
     {"grounds": ["Pilih setidaknya satu alasan keberatan."]}),
    ("case-missing", {"case_description": " \r\n "}, {"case_description": ["Isi kasus posisi."]}),
    ("case-too-long", {"case_description": "A" * 10001},
     {"case_description": ["Kasus posisi paling banyak 10000 karakter."]}),
    ("case-null-character", {"case_description": "A\x00B"}, {"case_description": [NULL]}),
    ("proxy-name-too-long", {"proxy_name": "A" * 201},
     {"proxy_name": ["Nama kuasa paling banyak 200 karakter."]}),
]


@pytest.mark.parametrize(("overrides", "expected"), [r[1:] for r in OBJECTION_RULES],
                         ids=[r[0] for r in OBJECTION_RULES])
def test_the_objection_form_answers_like_the_service(client, tree, people, overrides,
                                                     expected):
    from django.core.exceptions import ValidationError

    from prima.inforequests import services
    from prima.inforequests.models import Objection
    from prima.inforequests.tests.factories import grant, guarded, make_request

    ir = make_request(tree.jepara)
    grant(ir, people.ppid)
    data = {**OBJECTION_BASE, **overrides}
    url = reverse("inforequests:public-objection", args=[ir.number_slug, ir.secret])

    response = client.post(url, guarded(data))
    form_errors = (None if response.status_code == 302 else
                   {k: list(v) for k, v in response.context["form"].errors.items()})
    filed_by_form = Objection.objects.count()
    Objection.objects.all().delete()
    try:
        services.file_objection(request=ir, **data)
        service_errors = None
    except ValidationError as exc:
        service_errors = exc.message_dict

    assert form_errors == service_errors == expected
    assert filed_by_form == Objection.objects.count() == (1 if expected is None else 0)
