"""Test helpers for information requests: everything is made through the services, so the
numbers, deadlines, events and audit records are the real ones."""

from __future__ import annotations

import datetime as dt
import io
import time
from itertools import count
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from prima.inforequests import services
from prima.inforequests.choices import (
    Channel,
    CopyForm,
    Decision,
    DeliveryMethod,
    Exemption,
    ObtainMethod,
    RequesterKind,
)
from prima.organisations.tests.factories import pdf_bytes

WIB = ZoneInfo("Asia/Jakarta")
_serial = count(1)


def request_data(**overrides) -> dict:
    """Valid form data of an individual asking for a soft copy by download link."""
    n = next(_serial)
    data = {
        "requester_kind": RequesterKind.INDIVIDUAL,
        "full_name": "Siti Rahmawati",
        "nik": "3320014507900001",
        "entity_number": "",
        "address": "Jl. Kartini No. 5, Kauman, Jepara",
        "phone": "081234567890",
        "email": f"pemohon{n}@contoh.id",
        "occupation": "Peneliti",
        "information_requested": "Salinan SK penetapan DPT Pemilu 2024 Kabupaten Jepara",
        "purpose": "Bahan penelitian skripsi",
        "obtain_method": ObtainMethod.COPY,
        "copy_form": CopyForm.SOFT,
        "delivery_method": DeliveryMethod.DOWNLOAD,
    }
    data.update(overrides)
    return data


def make_request(satker, *, channel=Channel.WEB, actor=None, received_at=None, attachments=(),
                 **overrides):
    """Register a request through ``services.register_request``; returns the request (the
    tracking secret is on ``request.secret`` for tests that need it)."""
    request, secret = services.register_request(
        satker=satker, channel=channel, data=request_data(**overrides),
        attachments=attachments, actor=actor, received_at=received_at,
    )
    request.secret = secret
    return request


def at(year, month, day, hour=10, minute=0, tz=WIB) -> dt.datetime:
    """An aware moment in local time (WIB by default)."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=tz)


def pdf_upload(name="ktp.pdf", pages=1) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(pages), content_type="application/pdf")


def make_consequence_test(satker, actor, **overrides):
    fields = {
        "title": "Formulir C1 berisi NIK pemilih",
        "exempt_content": "NIK dan tanggal lahir pemilih",
        "exemption": Exemption.H,
        "harm": "Mengungkap rahasia pribadi pemilih",
        "public_interest": "Kepentingan publik tidak lebih besar dari perlindungan data pribadi",
        "conclusion": "Dikecualikan",
    }
    fields.update(overrides)
    return services.create_consequence_test(satker=satker, actor=actor, **fields)


def grant(request, actor, decision=Decision.GRANTED, consequence_test=None,
          **notice_overrides):
    """Decide ``request`` as granted (in full by default) and return the notice; a grant in
    part gets the Pasal 17 letter h and a consequence test unless given."""
    data = {"information_given": "Salinan SK penetapan DPT", "costs": 0,
            "time_to_provide": "Segera setelah pemberitahuan ini"}
    if decision == Decision.GRANTED_IN_PART:
        data["redaction_explanation"] = "NIK pemilih dihitamkan (Pasal 17 huruf h)"
        data["exemption"] = Exemption.H
        if consequence_test is None:
            consequence_test = make_consequence_test(request.satker, actor)
    data.update(notice_overrides)
    return services.decide_request(request=request, actor=actor, decision=decision,
                                   notice_data=data, consequence_test=consequence_test)


def freeze_now(monkeypatch, moment: dt.datetime) -> None:
    """Make ``timezone.now()`` return ``moment`` everywhere (services read it at call time)."""
    monkeypatch.setattr(timezone, "now", lambda: moment)


def bytes_file(content: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


class SizedFile(io.BytesIO):
    """A file object that reports a (large) size without holding that many bytes."""

    def __init__(self, content: bytes, name: str, size: int):
        super().__init__(content)
        self.name = name
        self.size = size


def guarded(data: dict | None = None, **fields) -> dict:
    """POST data of a public form with the guard's hidden fields (``prima.core.public_forms``)
    as a browser sends them: the honeypot empty, the form shown a minute ago."""
    from prima.core.public_forms import issue_token

    return {**(data or {}), **fields, "website": "", "form_token": issue_token(time.time() - 60)}
