"""JSON API of the integrity zone (django-ninja router under /api/v1/integritas/): the public
verification of a printed pact or collective list, and a satker's pact completion. Both read
through the same services as the public pages; nothing private (email, IP) leaves."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from prima.organisations.models import Satker

from . import completion, services
from .models import PactVersion, normalise_code

router = Router(tags=["Zona integritas"])


class ErrorOut(Schema):
    detail: str


class VerificationOut(Schema):
    code: str = Field(..., description="Kode verifikasi yang diperiksa")
    kind: str = Field(..., description="signature (pakta bertanda tangan) atau roster (daftar)")
    valid: bool = Field(..., description="Semua nilai hash dihitung ulang dan cocok")
    satker_code: str
    satker_name: str
    pact: str = Field(..., description="Versi pakta yang ditandatangani")
    signer_name: str = Field("", description="Nama penanda tangan (untuk pakta)")
    signed_at: dt.datetime | None = None
    text_sha256: str = ""
    signatures: int = Field(0, description="Jumlah tanda tangan tercantum (untuk daftar)")


class CompletionOut(Schema):
    satker_code: str
    satker_name: str
    pact: str | None = None
    active: int = Field(..., description="Pegawai aktif (satker ini dan di bawahnya)")
    signed: int = Field(..., description="Pegawai aktif yang telah menandatangani pakta")
    percent: float | None = None


@router.get("/verifikasi/{code}", response={200: VerificationOut, 404: ErrorOut},
            summary="Verifikasi pakta integritas", url_name="integrity-verify")
def verify(request, code: str):
    """Recompute the hashes of the record the code names; ``valid`` says whether they match."""
    result = services.verify(code)
    if not result.kind:
        return Status(404, {"detail": _("Kode verifikasi tidak ditemukan.")})
    record = result.record
    out = {"code": normalise_code(code), "kind": result.kind, "valid": result.valid,
           "satker_code": record.satker.code, "satker_name": record.satker.name,
           "pact": str(record.version)}
    if result.kind == "signature":
        out.update(signer_name=record.signer_name, signed_at=record.signed_at,
                   text_sha256=record.text_sha256)
    else:
        out.update(signatures=len(record.entries), signed_at=record.issued_at)
    return out


@router.get("/satker/{code}", response={200: CompletionOut, 404: ErrorOut},
            summary="Penandatanganan pakta integritas per satker", url_name="integrity-satker")
def satker_completion(request, code: str):
    """The satker's completion of the pact in force, with everything below it."""
    satker = get_object_or_404(Satker, code=str(code)[:16].replace("\x00", ""))
    version = PactVersion.objects.current()
    _own, total, _children = completion.rollup_below(satker, version)
    return {"satker_code": satker.code, "satker_name": satker.name,
            "pact": str(version) if version else None, "active": total.active,
            "signed": total.signed,
            "percent": float(total.percent) if total.percent is not None else None}
