"""What a tabular upload is: format, text encoding, delimiter; the XLSX archive check.

Encoding is decided over the whole file (every byte must be valid UTF-8, else the file is read as
Windows-1252); the delimiter is the one that splits the header and the first lines consistently,
and DuckDB then parses the whole file with it and the double-quote as quote character, reporting
every line that does not fit (so a quoted field first seen at line 80,000 still parses, and a
ragged row far down is still found).
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

CHUNK = 1024 * 1024
BOM = codecs.BOM_UTF8
DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "koma", ";": "titik koma", "\t": "tab", "|": "garis tegak"}
SNIFF_BYTES = 2 * 1024 * 1024
SNIFF_LINES = 500


class FileProblem(Exception):
    """A file that cannot be ingested; ``problems`` are ``{"line", "column", "message"}``."""

    def __init__(self, message: str, *, line: int | None = None, column: str | None = None,
                 problems: list[dict] | None = None):
        super().__init__(message)
        self.problems = problems or [{"line": line, "column": column, "message": message}]


def xlsx_limits() -> tuple[int, float]:
    total = int(getattr(settings, "CATALOG_XLSX_MAX_UNCOMPRESSED_BYTES", 1024 * 1024 * 1024))
    ratio = float(getattr(settings, "CATALOG_XLSX_MAX_RATIO", 100))
    return total, ratio


def check_xlsx_archive(file) -> list[str]:
    """Check an XLSX (a path or a file object) from its zip central directory, before any of it
    is decompressed: total uncompressed size and compression ratio (zip bombs), member count,
    and that it is a workbook. Returns the member names; raises ``FileProblem``."""
    max_total, max_ratio = xlsx_limits()
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise FileProblem(_("Berkas XLSX rusak atau bukan XLSX (arsip zip tidak dapat "
                            "dibaca).")) from exc
    if len(infos) > 10_000:
        raise FileProblem(_("Berkas XLSX berisi terlalu banyak bagian (%(n)s); berkas ditolak.")
                          % {"n": len(infos)})
    total = sum(info.file_size for info in infos)
    if total > max_total:
        raise FileProblem(
            _("Isi berkas XLSX jika dibuka berukuran %(size)s MB, melebihi batas %(limit)s MB "
              "(kemungkinan bom zip); berkas ditolak.")
            % {"size": total // (1024 * 1024), "limit": max_total // (1024 * 1024)})
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > max_ratio:
            raise FileProblem(
                _("Bagian %(name)s dalam berkas XLSX terkompresi %(ratio)s kali, melebihi batas "
                  "%(limit)s kali (kemungkinan bom zip); berkas ditolak.")
                % {"name": info.filename[:80], "ratio": int(ratio), "limit": int(max_ratio)})
    names = [info.filename for info in infos]
    if "xl/workbook.xml" not in names:
        raise FileProblem(_("Berkas zip ini bukan buku kerja Excel (XLSX)."))
    return names


def file_format(path: str, original_name: str = "") -> str:
    """"xlsx", "json" or "csv", decided by content (the name only breaks no ties)."""
    with open(path, "rb") as fh:
        head = fh.read(8192)
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem(_("Format Excel lama (XLS) tidak didukung. Simpan berkas sebagai "
                            "XLSX atau CSV lalu unggah ulang."))
    if b"\x00" in head:
        raise FileProblem(_("Berkas ini bukan teks (CSV/JSON) maupun XLSX."))
    text = head[len(BOM):] if head.startswith(BOM) else head
    first = text.lstrip()[:1]
    if first in (b"[", b"{"):
        return "json"
    return "csv"


def detect_encoding(path: str) -> dict:
    """{"encoding": "utf-8" | "cp1252", "bom": bool}, checked over every byte of the file."""
    with open(path, "rb") as fh:
        bom = fh.read(3) == BOM
    for encoding in ("utf-8", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with open(path, "rb") as fh:
                position = 0
                while chunk := fh.read(CHUNK):
                    decoder.decode(chunk)
                    position += len(chunk)
                decoder.decode(b"", final=True)
            return {"encoding": encoding, "bom": bom and encoding == "utf-8"}
        except UnicodeDecodeError:
            continue
    raise FileProblem(_("Pengodean karakter berkas tidak dikenali (bukan UTF-8 maupun "
                        "Windows-1252). Simpan ulang berkas sebagai CSV UTF-8."))


def transcode_to_utf8(path: str, encoding: str, dest: str) -> None:
    """Copy a Windows-1252 file to ``dest`` as UTF-8, in chunks."""
    decoder = codecs.getincrementaldecoder(encoding)()
    with open(path, "rb") as src, open(dest, "w", encoding="utf-8", newline="") as out:
        while chunk := src.read(CHUNK):
            out.write(decoder.decode(chunk))
        out.write(decoder.decode(b"", final=True))


def head_text(path: str, encoding: str) -> str:
    with open(path, "rb") as fh:
        raw = fh.read(SNIFF_BYTES)
    if raw.startswith(BOM):
        raw = raw[len(BOM):]
    text = raw.decode(encoding, errors="ignore")
    if len(raw) == SNIFF_BYTES and "\n" in text:
        text = text[: text.rindex("\n") + 1]
    return text


def detect_delimiter(text: str) -> tuple[str, int]:
    """The delimiter among comma, semicolon, tab and pipe that splits the header and the first
    lines most consistently, and the header's field count."""
    best = (",", 1)
    best_score = (-1.0, 0)
    for delimiter in DELIMITERS:
        rows = []
        reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar='"',
                            doublequote=True, strict=False)
        try:
            for row in reader:
                if row:
                    rows.append(len(row))
                if len(rows) >= SNIFF_LINES:
                    break
        except csv.Error:
            continue
        if not rows or rows[0] < 2:
            continue
        consistent = sum(1 for n in rows if n == rows[0]) / len(rows)
        score = (consistent, rows[0])
        if score > best_score:
            best_score, best = score, (delimiter, rows[0])
    if best_score[0] < 0:
        # One column: count the header's fields with the comma (there is just one).
        first = next(csv.reader(io.StringIO(text)), [""])
        return ",", max(len(first), 1)
    return best
