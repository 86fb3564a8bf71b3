"""Upload checks for the catalog's tabular kinds: CSV, JSON and XLSX (zip bombs refused)."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from prima.core.uploads import check_upload

TABULAR = ("xlsx", "json", "csv")


def upload(content: bytes, name: str = "data.csv"):
    return SimpleUploadedFile(name, content)


def xlsx_bytes() -> bytes:
    book = Workbook()
    book.active.append(["kode", "nama"])
    book.active.append(["0012", "Jepara"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("content", "kind", "mime"), [
    (b"kode,nama\n0012,Jepara\n", "csv", "text/csv"),
    ("\ufeffkode;nama\n01;Pemilihan Umum – Jepara\n".encode(), "csv", "text/csv"),
    ("judul\nPemilihan Umum – Kab. Jepara\n".encode("cp1252"), "csv", "text/csv"),
    (b'  [{"a": 1}]', "json", "application/json"),
    (b'{"data": []}', "json", "application/json"),
])
def test_text_kinds(content, kind, mime):
    checked = check_upload(upload(content), allowed_kinds=TABULAR, max_bytes=10_000)
    assert (checked.kind, checked.content_type, checked.size) == (kind, mime, len(content))


def test_xlsx_kind():
    content = xlsx_bytes()
    checked = check_upload(upload(content, "a.xlsx"), allowed_kinds=TABULAR,
                           max_bytes=1_000_000)
    assert checked.kind == "xlsx"


def test_xlsx_zip_bomb_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes())) as src, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item.filename, src.read(item.filename))
        out.writestr("xl/worksheets/sheet2.xml", b"\0" * (20 * 1024 * 1024))
    with pytest.raises(ValidationError, match="bom zip"):
        check_upload(upload(buffer.getvalue(), "bom.xlsx"), allowed_kinds=TABULAR,
                     max_bytes=1_000_000)


def test_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        out.writestr("hello.txt", b"hi")
    with pytest.raises(ValidationError, match="bukan buku kerja"):
        check_upload(upload(buffer.getvalue(), "a.xlsx"), allowed_kinds=TABULAR)


@pytest.mark.parametrize("content", [b"%PDF-1.7 whatever", b"\x00\x01\x02binary", b"   \n"])
def test_other_content_is_refused(content):
    with pytest.raises(ValidationError, match="Isi berkas bukan XLSX, JSON, CSV"):
        check_upload(upload(content), allowed_kinds=TABULAR)


def test_empty_and_oversized_uploads():
    with pytest.raises(ValidationError, match="0 byte"):
        check_upload(upload(b""), allowed_kinds=TABULAR)
    with pytest.raises(ValidationError, match="melebihi batas"):
        check_upload(upload(b"a,b\n" * 100), allowed_kinds=TABULAR, max_bytes=10)


def test_pdf_is_unchanged():
    with pytest.raises(ValidationError):
        check_upload(upload(b"a,b\n1,2\n", "x.pdf"))
