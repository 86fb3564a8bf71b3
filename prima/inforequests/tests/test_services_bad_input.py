"""Bad input to register_request: a clear Indonesian message and nothing stored (no row, no
file, no number used, no email)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from prima.core.models import Sequence
from prima.inforequests.models import InformationRequest, RequestAttachment, RequestEvent
from prima.inforequests.tests.factories import SizedFile, make_request, pdf_upload
from prima.organisations.tests.factories import pdf_bytes

MB = 1024 * 1024


def stored_files(root):
    return [p for p in root.rglob("*") if p.is_file()]


def assert_nothing_stored(tmp_path, mailoutbox):
    assert InformationRequest.objects.count() == 0
    assert RequestAttachment.objects.count() == 0
    assert RequestEvent.objects.count() == 0
    assert not Sequence.objects.filter(key__startswith="inforequest:", value__gt=0).exists()
    assert stored_files(tmp_path) == []
    assert mailoutbox == []


def register_error(satker, **kwargs) -> dict:
    with pytest.raises(ValidationError) as error:
        make_request(satker, **kwargs)
    return error.value.message_dict


@pytest.mark.parametrize("nik", ["332001450790000", "33200145079000012", "3320014507900ABC",
                                 ""], ids=["15-digits", "17-digits", "letters", "empty"])
def test_bad_nik(tree, tmp_path, mailoutbox, nik):
    errors = register_error(tree.jepara, nik=nik)
    assert errors == {"nik": ["NIK harus 16 digit angka."]}
    assert_nothing_stored(tmp_path, mailoutbox)


def test_nik_with_spaces_is_normalised(tree):
    request = make_request(tree.jepara, nik="3320 0145 0790 0001")
    assert request.nik == "3320014507900001"


def test_missing_purpose(tree, tmp_path, mailoutbox):
    errors = register_error(tree.jepara, purpose="   ")
    assert errors == {"purpose": ["Tujuan penggunaan informasi wajib diisi."]}
    assert_nothing_stored(tmp_path, mailoutbox)


def test_entity_without_decree_number(tree, tmp_path, mailoutbox):
    errors = register_error(tree.jepara, requester_kind="entity", nik="",
                            entity_number="")
    assert errors == {"entity_number": [
        "Nomor akta pendirian atau SK badan hukum wajib diisi."]}
    assert_nothing_stored(tmp_path, mailoutbox)


def test_entity_with_decree_number_needs_no_nik(tree):
    request = make_request(tree.jepara, requester_kind="entity", nik="",
                           entity_number="AHU-0012345.AH.01.07 Tahun 2020",
                           full_name="Perkumpulan Pemilu Bersih")
    assert (request.nik, request.entity_number) == ("", "AHU-0012345.AH.01.07 Tahun 2020")


def test_no_contact_and_other_missing_fields(tree, tmp_path, mailoutbox):
    errors = register_error(tree.jepara, email="", phone="", full_name="", address="",
                            information_requested="", obtain_method="copy", copy_form="",
                            delivery_method="", requester_kind="individual")
    assert set(errors) == {"email", "full_name", "address", "information_requested",
                           "copy_form", "delivery_method"}
    assert errors["email"] == [
        "Isi alamat email atau nomor telepon agar kami dapat menghubungi Anda."]
    assert_nothing_stored(tmp_path, mailoutbox)


def test_bad_email_and_phone(tree, tmp_path, mailoutbox):
    errors = register_error(tree.jepara, email="bukan-email", phone="telepon saya")
    assert errors == {"email": ["Alamat email tidak valid."],
                      "phone": ["Nomor telepon tidak valid (gunakan angka, boleh diawali +)."]}
    assert_nothing_stored(tmp_path, mailoutbox)


def test_unknown_kind_and_method(tree, tmp_path, mailoutbox):
    errors = register_error(tree.jepara, requester_kind="robot", obtain_method="telepati")
    assert errors["requester_kind"] == ["Pilih jenis pemohon."]
    assert errors["obtain_method"] == ["Pilih cara memperoleh informasi."]
    assert_nothing_stored(tmp_path, mailoutbox)


def test_50_mb_attachment_is_refused(tree, tmp_path, mailoutbox):
    big = SizedFile(pdf_bytes(), "kuasa.pdf", 50 * MB)
    errors = register_error(tree.jepara, attachments=[("power_of_attorney", big)])
    assert errors == {"power_of_attorney": ["Ukuran berkas 50 MB melebihi batas 5 MB."]}
    assert_nothing_stored(tmp_path, mailoutbox)


def test_real_oversized_upload_is_refused(tree, tmp_path, mailoutbox):
    content = pdf_bytes() + b"\0" * (5 * MB)
    upload = SimpleUploadedFile("ktp.pdf", content, content_type="application/pdf")
    errors = register_error(tree.jepara, attachments=[("identity", upload)])
    assert "melebihi batas 5 MB" in errors["identity_scan"][0]
    assert_nothing_stored(tmp_path, mailoutbox)


def test_executable_renamed_pdf_is_refused(tree, tmp_path, mailoutbox):
    exe = SimpleUploadedFile("ktp.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\0" * 500,
                             content_type="application/pdf")
    errors = register_error(tree.jepara, attachments=[("identity", exe)])
    message = errors["identity_scan"][0]
    assert message.startswith("Isi berkas bukan PDF")
    assert "EXE" in message
    assert_nothing_stored(tmp_path, mailoutbox)


def test_one_bad_attachment_among_good_ones_stores_nothing(tree, tmp_path, mailoutbox):
    exe = SimpleUploadedFile("kuasa.pdf", b"MZ\x90\x00" + b"\0" * 300)
    register_error(tree.jepara, attachments=[("identity", pdf_upload("ktp.pdf")),
                                             ("power_of_attorney", exe)])
    assert_nothing_stored(tmp_path, mailoutbox)


def test_unknown_attachment_kind(tree, tmp_path, mailoutbox):
    errors = register_error(tree.jepara, attachments=[("selfie", pdf_upload())])
    assert errors == {"attachments": ["Jenis lampiran tidak dikenal."]}
    assert_nothing_stored(tmp_path, mailoutbox)


def test_failure_after_storing_a_file_deletes_it(tree, tmp_path, mailoutbox, monkeypatch):
    from prima.inforequests.services import registration

    def broken_audit(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(registration, "record", broken_audit)
    with pytest.raises(RuntimeError):
        make_request(tree.jepara, attachments=[("identity", pdf_upload("ktp.pdf"))])
    assert_nothing_stored(tmp_path, mailoutbox)
