import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from prima.core.uploads import CheckedFile, check_pdf, check_upload, megabytes

pytestmark = pytest.mark.usefixtures("indonesian")

EXE_HEAD = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 300


def make_pdf(password=None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def upload(content: bytes, name="sk.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_valid_pdf_gives_checksum_size_and_name():
    content = make_pdf()
    file = upload(content, name="SK 35 2020.pdf")

    checked = check_pdf(file, max_bytes=1024 * 1024)

    assert checked == CheckedFile(sha256=hashlib.sha256(content).hexdigest(), size=len(content),
                                  original_name="SK 35 2020.pdf", kind="pdf",
                                  content_type="application/pdf")
    assert file.tell() == 0  # rewound for storing


def test_check_upload_with_pdf_kind_is_the_same_check():
    content = make_pdf()
    assert check_upload(upload(content), allowed_kinds={"pdf"}, max_bytes=10**6).sha256 == (
        hashlib.sha256(content).hexdigest())


def test_default_limit_comes_from_settings(settings):
    settings.DOCUMENT_MAX_BYTES = 100

    with pytest.raises(ValidationError) as err:
        check_pdf(upload(make_pdf()))

    assert err.value.code == "too_large"


def test_path_in_the_name_is_dropped():
    checked = check_pdf(upload(make_pdf(), name="C:\\Dokumen\\sk.pdf"), max_bytes=10**6)
    assert checked.original_name == "sk.pdf"


class NeverRead:
    """A file that says it is huge and fails if anybody reads it."""

    name = "besar.pdf"
    size = 25 * 1024 * 1024 + 512 * 1024

    def read(self, *args):
        raise AssertionError("an oversized file must be refused before it is read")

    seek = chunks = read


def test_oversized_file_is_refused_before_reading_with_the_limit_in_mb():
    with pytest.raises(ValidationError) as err:
        check_pdf(NeverRead(), max_bytes=20 * 1024 * 1024)

    assert err.value.messages == ["Ukuran berkas 25,5 MB melebihi batas 20 MB."]


def test_stream_longer_than_its_declared_size_is_refused():
    content = make_pdf() + b"\n" * 4000
    file = upload(content)
    file.size = 100  # a lying size must not let the stream through

    with pytest.raises(ValidationError) as err:
        check_pdf(file, max_bytes=2048)

    assert err.value.code == "too_large"


@pytest.mark.parametrize(
    ("content", "detected"),
    [
        (EXE_HEAD, "EXE"),
        (b"Ini hanya teks biasa, bukan PDF.\n" * 10, "tidak dikenal"),
        (b"PK\x03\x04" + b"\x00" * 300, "ZIP"),
    ],
    ids=["executable", "text", "zip"],
)
def test_renamed_non_pdf_is_refused_by_its_content(content, detected):
    with pytest.raises(ValidationError) as err:
        check_pdf(upload(content, name="sk.pdf"), max_bytes=10**6)

    assert err.value.code == "wrong_type"
    assert err.value.messages == [
        f"Isi berkas bukan PDF (jenis terdeteksi: {detected}). Nama atau ekstensi berkas tidak "
        "menentukan jenisnya; unggah berkas PDF yang asli."
    ]


def test_corrupt_pdf_is_refused():
    with pytest.raises(ValidationError) as err:
        check_pdf(upload(b"%PDF-1.7\n" + b"rusak " * 200), max_bytes=10**6)

    assert err.value.code == "corrupt"
    assert err.value.messages == [
        "Berkas PDF rusak atau tidak dapat dibuka. Periksa berkasnya lalu unggah ulang."]


def test_truncated_pdf_is_refused():
    with pytest.raises(ValidationError) as err:
        check_pdf(upload(make_pdf()[:300]), max_bytes=10**6)

    assert err.value.code == "corrupt"


def test_encrypted_pdf_is_refused():
    with pytest.raises(ValidationError) as err:
        check_pdf(upload(make_pdf(password="rahasia")), max_bytes=10**6)

    assert err.value.code == "encrypted"
    assert "kata sandi" in err.value.messages[0]


def test_empty_file_is_refused():
    with pytest.raises(ValidationError) as err:
        check_pdf(upload(b""), max_bytes=10**6)

    assert err.value.messages == ["Berkas kosong (0 byte)."]


@pytest.mark.parametrize(("n_bytes", "text"), [(20 * 1024 * 1024, "20"), (512 * 1024, "0,5"),
                                               (1024 * 1024 + 1, "1,0")])
def test_megabytes_are_written_the_indonesian_way(n_bytes, text):
    assert megabytes(n_bytes) == text
