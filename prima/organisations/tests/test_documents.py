import datetime as dt
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prima.core.models import AuditEvent
from prima.core.uploads import check_pdf
from prima.organisations import services
from prima.organisations.models import Document
from prima.organisations.tests.conftest import stored_files
from prima.organisations.tests.factories import DocumentFactory, pdf_bytes

UPLOAD = reverse("organisations:staff-document-upload", args=["33.20"])
LIST = reverse("organisations:staff-documents", args=["33.20"])


def form_data(content: bytes, name="SK 35 2020.pdf", **overrides):
    return {
        "kind": "sk", "number": "35/PP.06-Kpt/3320/KPU-Kab/II/2020", "date": "2020-02-17",
        "subject": "Rencana aksi reformasi birokrasi 2020", "is_public": "on",
        "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        **overrides,
    }


def staff_download(code, pk):
    return reverse("organisations:staff-document-download", args=[code, pk])


def test_upload_stores_the_pdf_with_its_checksum_and_size(login, people, tree, media_root):
    content = pdf_bytes(pages=2)
    sha = hashlib.sha256(content).hexdigest()

    response = login(people.head).post(UPLOAD, form_data(content))

    assert response.status_code == 302
    assert response["Location"] == LIST
    document = Document.objects.get()
    assert (document.satker, document.kind, document.number, document.date, document.subject,
            document.is_public, document.uploaded_by) == (
        tree.jepara, "sk", "35/PP.06-Kpt/3320/KPU-Kab/II/2020", dt.date(2020, 2, 17),
        "Rencana aksi reformasi birokrasi 2020", True, people.head)
    assert (document.sha256, document.size, document.original_name) == (
        sha, len(content), "SK 35 2020.pdf")
    assert document.file.name == f"documents/33.20/{sha[:2]}/{sha}.pdf"
    assert stored_files(media_root) == [document.file.name]
    assert (media_root / document.file.name).read_bytes() == content
    event = AuditEvent.objects.get()
    assert (event.action, event.satker_id, event.changes["sha256"]) == (
        "organisations.document_uploaded", tree.jepara.pk, [None, sha])


@pytest.mark.parametrize("who", ["head", "secretary", "admin", "ppid", "reform"])
def test_document_writers_may_upload(login, people, media_root, who):
    response = login(getattr(people, who)).post(UPLOAD, form_data(pdf_bytes()))
    assert response.status_code == 302
    assert Document.objects.count() == 1


@pytest.mark.parametrize("who", ["employee", "atasan_ppid", "evaluator", "other_admin"])
def test_others_may_not_upload(login, people, media_root, who):
    response = login(getattr(people, who)).post(UPLOAD, form_data(pdf_bytes()))
    assert response.status_code == 404
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_oversized_upload_is_refused_and_nothing_is_stored(login, people, media_root, settings):
    settings.DOCUMENT_MAX_BYTES = 1024 * 1024
    content = pdf_bytes() + b"\n" * (2 * 1024 * 1024)

    response = login(people.head).post(UPLOAD, form_data(content))

    assert response.status_code == 200
    assert "melebihi batas 1 MB" in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files(media_root) == []
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 2000,
     b"Ini surat biasa yang diberi nama .pdf\n" * 50],
    ids=["executable", "text"],
)
def test_fake_pdf_is_refused_with_an_indonesian_message(login, people, media_root, content):
    response = login(people.head).post(UPLOAD, form_data(content, name="sk-asli.pdf"))

    assert response.status_code == 200
    assert "Isi berkas bukan PDF" in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_encrypted_pdf_is_refused(login, people, media_root):
    response = login(people.head).post(UPLOAD, form_data(pdf_bytes(password="rahasia")))

    assert "PDF terenkripsi atau dilindungi kata sandi" in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_duplicate_number_for_the_same_kind_is_refused(login, people, tree, media_root):
    existing = DocumentFactory(satker=tree.jepara, kind="sk", number="35/2020")
    files_before = stored_files(media_root)

    response = login(people.head).post(UPLOAD, form_data(pdf_bytes(pages=3), number="35/2020"))

    assert response.status_code == 200
    assert ("Nomor “35/2020” sudah terdaftar untuk jenis Surat Keputusan (SK) di satker ini."
            in response.content.decode())
    assert list(Document.objects.all()) == [existing]
    assert stored_files(media_root) == files_before


def test_same_number_is_fine_for_another_kind_or_satker(login, people, tree, media_root):
    DocumentFactory(satker=tree.jepara, kind="sk", number="35/2020")
    DocumentFactory(satker=tree.kudus, kind="se", number="35/2020")

    response = login(people.head).post(UPLOAD, form_data(pdf_bytes(), kind="se",
                                                         number="35/2020"))

    assert response.status_code == 302
    assert Document.objects.filter(satker=tree.jepara, number="35/2020").count() == 2


def test_service_removes_the_stored_file_when_the_row_cannot_be_written(people, tree,
                                                                         media_root):
    DocumentFactory(satker=tree.jepara, kind="sk", number="1/2024")
    files_before = stored_files(media_root)
    upload = SimpleUploadedFile("sk.pdf", pdf_bytes(pages=4))
    checked = check_pdf(upload)

    # The form's duplicate check is skipped here, as in a race between two uploads.
    with pytest.raises(Exception) as err:
        services.upload_document(satker=tree.jepara, actor=people.head, file=upload,
                                 checked=checked, kind="sk", number="1/2024",
                                 date=dt.date(2024, 1, 2), subject="Ganda")

    assert "sudah terdaftar" in str(err.value)
    assert Document.objects.count() == 1
    assert stored_files(media_root) == files_before
    assert not AuditEvent.objects.exists()


def test_missing_fields_give_messages_and_store_nothing(login, people, media_root):
    response = login(people.head).post(UPLOAD, {"kind": "sk"})

    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"number", "date", "subject", "file"}
    assert stored_files(media_root) == []


def test_document_list_searches_number_and_subject_and_filters_kind(login, people, tree,
                                                                   media_root):
    DocumentFactory(satker=tree.jepara, kind="sk", number="35/2020", subject="Rencana aksi")
    DocumentFactory(satker=tree.jepara, kind="se", number="7/2021", subject="Jam layanan")
    DocumentFactory(satker=tree.jepara, kind="sk", number="8/2021", subject="Tim reformasi")
    DocumentFactory(satker=tree.kudus, kind="sk", number="35/2020", subject="Rencana aksi")
    client = login(people.employee)

    def numbers(**params):
        return sorted(d.number for d in client.get(LIST, params).context["page_obj"])

    assert numbers() == ["35/2020", "7/2021", "8/2021"]
    assert numbers(q="35/20") == ["35/2020"]
    assert numbers(q="reformasi") == ["8/2021"]
    assert numbers(kind="sk") == ["35/2020", "8/2021"]
    assert numbers(q="2021", kind="se") == ["7/2021"]
    empty = client.get(LIST, {"q": "tidak ada"})
    assert "Tidak ada dokumen yang cocok dengan pencarian." in empty.content.decode()


def test_document_list_is_paginated_with_a_fixed_number_of_queries(
        login, people, tree, media_root, django_assert_max_num_queries):
    for _ in range(30):
        DocumentFactory(satker=tree.jepara)
    client = login(people.head)

    # Session, user, 2FA device, memberships and session save are 6 of them, whatever the rows.
    with django_assert_max_num_queries(10):
        response = client.get(LIST)
    assert len(response.context["page_obj"]) == 25
    assert response.context["page_obj"].paginator.num_pages == 2


def test_staff_download_of_a_non_public_document(login, people, tree, media_root):
    document = DocumentFactory(satker=tree.jepara, is_public=False)

    ok = login(people.employee).get(staff_download("33.20", document.pk))
    assert ok.status_code == 200
    assert b"".join(ok.streaming_content).startswith(b"%PDF-")
    assert "private" in ok["Cache-Control"]
    assert 'filename="sk.pdf"' in ok["Content-Disposition"]

    assert login(people.evaluator).get(staff_download("33.20", document.pk)).status_code == 200
    assert login(people.other_employee).get(staff_download("33.20", document.pk)).status_code \
        == 404
    # A document is only reachable under its own satker.
    assert login(people.other_employee).get(staff_download("33.19", document.pk)).status_code \
        == 404


def test_the_public_cannot_download_a_non_public_document(client, tree, media_root):
    document = DocumentFactory(satker=tree.jepara, is_public=False)
    url = reverse("organisations:document-download", args=["33.20", document.pk])
    assert client.get(url).status_code == 404
