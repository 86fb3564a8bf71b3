"""Checks for uploaded files: size first, then type by content (never by name), then a look inside.

``check_upload(file, allowed_kinds={"pdf"})`` returns a ``CheckedFile`` (SHA-256, size, original
name, kind) or raises ``ValidationError`` with an Indonesian message. Every kind is one entry of
``KINDS``: its magic header, the type ``filetype`` must detect, and an inspection that opens the
content with the proper library (pypdf for PDF). A new kind (XLSX, CSV, ...) adds an entry, with
its own inspection (for archives: the uncompressed size, against archive bombs).

The file is left rewound at its start, so the caller can store it right after the check.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pypdf import PdfReader
from pypdf.errors import PyPdfError

# Enough bytes for every magic number ``filetype`` knows (it looks at the first 261 bytes).
HEAD_BYTES = 8192
CHUNK_BYTES = 64 * 1024
MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class CheckedFile:
    """What an upload was found to be; the checksum identifies its content from now on."""

    sha256: str
    size: int
    original_name: str
    kind: str = "pdf"
    content_type: str = "application/pdf"


@dataclass(frozen=True)
class UploadKind:
    """One accepted kind of file: how to recognise it and how to look inside it."""

    name: str
    label: object  # a lazily translated label, shown in messages
    mime: str
    header: bytes
    inspect: Callable[[object], None]
    # Kinds without a magic number (text) recognise their head themselves.
    sniff: Callable[[bytes], bool] | None = None

    def matches(self, head: bytes) -> bool:
        if self.sniff is not None:
            return bool(head) and self.sniff(head)
        guessed = filetype.guess(head)
        return head.startswith(self.header) and guessed is not None and guessed.mime == self.mime


def _inspect_pdf(file) -> None:
    """Open the PDF with pypdf: it must parse, have pages and not be encrypted."""
    try:
        file.seek(0)
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("PDF terenkripsi atau dilindungi kata sandi tidak dapat diterima. "
                  "Unggah PDF tanpa kata sandi."),
                code="encrypted",
            )
        if len(reader.pages) < 1:
            raise ValidationError(_("PDF tidak memiliki halaman."), code="empty_pdf")
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError) as exc:
        raise ValidationError(
            _("Berkas PDF rusak atau tidak dapat dibuka. Periksa berkasnya lalu unggah ulang."),
            code="corrupt",
        ) from exc
    finally:
        file.seek(0)


_UTF8_BOM = b"\xef\xbb\xbf"
_BINARY_HEADERS = (b"PK\x03\x04", b"%PDF-", b"\xd0\xcf\x11\xe0")


def _text_head(head: bytes) -> str | None:
    """The head decoded as UTF-8 (a character cut at the end is fine) or Windows-1252; None
    for binary content."""
    if b"\x00" in head or head.startswith(_BINARY_HEADERS):
        return None
    body = head[len(_UTF8_BOM):] if head.startswith(_UTF8_BOM) else head
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(body) - 3:
            return body[:exc.start].decode("utf-8", errors="ignore")
    try:
        return body.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _sniff_json(head: bytes) -> bool:
    text = _text_head(head)
    return text is not None and text.lstrip()[:1] in ("[", "{")


def _sniff_csv(head: bytes) -> bool:
    text = _text_head(head)
    return text is not None and text.strip() != "" and text.lstrip()[:1] not in ("[", "{", "<")


def _sniff_xlsx(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def _inspect_text(file) -> None:
    """Text tables are read whole by the catalog's ingestion, which reports every problem with
    its line; nothing to open here."""
    file.seek(0)


def _inspect_xlsx(file) -> None:
    """Check the zip central directory (sizes, ratio: zip bombs) before anything is unpacked."""
    from prima.catalog.engine.detect import FileProblem, check_xlsx_archive

    try:
        file.seek(0)
        check_xlsx_archive(file)
    except FileProblem as exc:
        raise ValidationError(exc.problems[0]["message"], code="bad_xlsx") from exc
    finally:
        file.seek(0)


def _inspect_image(file) -> None:
    """Open the image with Pillow: it must decode, and not be a decompression bomb."""
    from PIL import Image, UnidentifiedImageError

    try:
        file.seek(0)
        with Image.open(file) as image:
            image.verify()
    except Image.DecompressionBombError as exc:
        raise ValidationError(_("Gambar terlalu besar (jumlah piksel melebihi batas)."),
                              code="image_bomb") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("Berkas gambar rusak atau tidak dapat dibuka. Periksa berkasnya lalu unggah ulang."),
            code="corrupt",
        ) from exc
    finally:
        file.seek(0)


KINDS: dict[str, UploadKind] = {
    "jpeg": UploadKind(name="jpeg", label=gettext_lazy("JPEG"), mime="image/jpeg",
                       header=b"\xff\xd8\xff", inspect=_inspect_image),
    "png": UploadKind(name="png", label=gettext_lazy("PNG"), mime="image/png",
                      header=b"\x89PNG\r\n\x1a\n", inspect=_inspect_image),
    "pdf": UploadKind(name="pdf", label=gettext_lazy("PDF"), mime="application/pdf",
                      header=b"%PDF-", inspect=_inspect_pdf),
    "csv": UploadKind(name="csv", label=gettext_lazy("CSV"), mime="text/csv", header=b"",
                      inspect=_inspect_text, sniff=_sniff_csv),
    "json": UploadKind(name="json", label=gettext_lazy("JSON"), mime="application/json",
                       header=b"", inspect=_inspect_text, sniff=_sniff_json),
    "xlsx": UploadKind(name="xlsx", label=gettext_lazy("XLSX"),
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       header=b"PK\x03\x04", inspect=_inspect_xlsx, sniff=_sniff_xlsx),
}


def megabytes(n_bytes: int) -> str:
    """A size in MB as people read it: "20" or "0,5" (localised)."""
    value = n_bytes / MEGABYTE
    if value == int(value):
        return str(int(value))
    return number_format(round(value, 1), decimal_pos=1)


def _original_name(uploaded_file) -> str:
    # Keep only the base name: browsers may send a path, and it is shown back to people.
    name = PurePath(str(getattr(uploaded_file, "name", "") or "").replace("\\", "/")).name
    return name[:255]


def _too_large(size: int, max_bytes: int) -> ValidationError:
    return ValidationError(
        _("Ukuran berkas %(size)s MB melebihi batas %(limit)s MB.")
        % {"size": megabytes(size), "limit": megabytes(max_bytes)},
        code="too_large",
    )


def _kind_list(kinds: Iterable[UploadKind]) -> str:
    return ", ".join(str(k.label) for k in kinds)


def check_upload(uploaded_file, *, allowed_kinds: Iterable[str] = ("pdf",),
                 max_bytes: int | None = None) -> CheckedFile:
    """Check ``uploaded_file`` (a Django ``UploadedFile`` or ``File``) and return what it is."""
    max_bytes = settings.DOCUMENT_MAX_BYTES if max_bytes is None else max_bytes
    kinds = [KINDS[name] for name in allowed_kinds]
    if uploaded_file is None:
        raise ValidationError(_("Pilih berkas yang akan diunggah."), code="required")
    declared_size = getattr(uploaded_file, "size", None)
    # Refuse an oversized file on its declared size, before reading any of it.
    if declared_size is not None and declared_size > max_bytes:
        raise _too_large(declared_size, max_bytes)
    if declared_size == 0:
        raise ValidationError(_("Berkas kosong (0 byte)."), code="empty")

    uploaded_file.seek(0)
    head = uploaded_file.read(HEAD_BYTES)
    kind = next((k for k in kinds if k.matches(head)), None)
    if kind is None:
        guessed = filetype.guess(head) if head else None
        detected = guessed.extension.upper() if guessed else _("tidak dikenal")
        raise ValidationError(
            _("Isi berkas bukan %(kinds)s (jenis terdeteksi: %(detected)s). Nama atau ekstensi "
              "berkas tidak menentukan jenisnya; unggah berkas %(kinds)s yang asli.")
            % {"kinds": _kind_list(kinds), "detected": detected},
            code="wrong_type",
        )

    # Hash in chunks (constant memory) and count the bytes really read: the declared size
    # may be missing or wrong, so the limit is enforced on the stream itself too.
    uploaded_file.seek(0)
    digest = hashlib.sha256()
    size = 0
    chunks = (uploaded_file.chunks(CHUNK_BYTES) if hasattr(uploaded_file, "chunks")
              else iter(lambda: uploaded_file.read(CHUNK_BYTES), b""))
    for chunk in chunks:
        size += len(chunk)
        if size > max_bytes:
            uploaded_file.seek(0)
            raise _too_large(size, max_bytes)
        digest.update(chunk)
    uploaded_file.seek(0)

    kind.inspect(uploaded_file)
    return CheckedFile(sha256=digest.hexdigest(), size=size,
                       original_name=_original_name(uploaded_file), kind=kind.name,
                       content_type=kind.mime)


def check_pdf(uploaded_file, max_bytes: int | None = None) -> CheckedFile:
    """Check that ``uploaded_file`` is a real, readable, unencrypted PDF within ``max_bytes``
    (``settings.DOCUMENT_MAX_BYTES`` by default)."""
    return check_upload(uploaded_file, allowed_kinds=("pdf",), max_bytes=max_bytes)
