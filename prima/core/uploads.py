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

    def matches(self, head: bytes) -> bool:
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


KINDS: dict[str, UploadKind] = {
    "pdf": UploadKind(name="pdf", label=gettext_lazy("PDF"), mime="application/pdf",
                      header=b"%PDF-", inspect=_inspect_pdf),
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
