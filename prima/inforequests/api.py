"""JSON API of the information request service (django-ninja router, mounted in prima/api.py).

The API calls the same service as the web form (``services.register_request`` with channel
``api``): every rule of the request's input lives there, so the API answers the same input with
the same field keys and Indonesian messages as the web form (422), and numbering never drifts
apart. Attachments (power of attorney, ID scan) travel as base64 in the JSON body, under the
web form's field names. The API shares the web form's rate limit per IP address. No personal
data leaves through it: tracking answers only to the holder of the private secret and names the
requester, nothing more; the register has no requester data.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import math
from typing import Annotated

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import BeforeValidator

from prima.core.params import MAX_PAGE_NUMBER
from prima.core.public_forms import over_limit
from prima.organisations.models import Satker

from . import deadlines, services, tracking
from .choices import (
    Channel,
    CopyForm,
    Decision,
    DeliveryMethod,
    EventKind,
    ObtainMethod,
    RequesterKind,
)
from .compiled import CompiledQuery
from .forms_public import SUBMIT_GROUP, SUBMIT_RATE
from .models import InformationRequest, RequestEvent
from .services import registration
from .views.common import lookup_value

router = Router(tags=["Informasi"])

REGISTER_PAGE_SIZE = 50
# Every submission looks its satker up: compiled once per thread (prima.inforequests.compiled).
_SATKER_BY_CODE = CompiledQuery(lambda code: Satker.objects.filter(code=code).order_by()[:1],
                                "\x00satker-code-stand-in\x00")
REGISTER_MAX_PAGE_SIZE = 100


# --- Schemas ---------------------------------------------------------------------------------


def _choice(description: str, choices) -> dict:
    # Values are documented as an enum but validated by the service, so errors are Indonesian
    # and the web form's. The Python default "" (nothing chosen, refused by the service) is no
    # choice, so the document shows no default outside the enum.
    def extra(schema: dict) -> None:
        schema.pop("default", None)
        schema["enum"] = list(choices.values)

    return {"description": description, "json_schema_extra": extra}


def _blank_is_none(value):
    return None if value == "" else value


class AttachmentIn(Schema):
    filename: str = Field(..., description="Nama berkas, mis. kuasa.pdf", examples=["kuasa.pdf"])
    content_base64: str = Field(..., description="Isi berkas (PDF, JPEG atau PNG) dalam base64")


class RequestIn(Schema):
    satker_code: str = Field(..., description="Kode satuan kerja tujuan, mis. 33.20",
                             examples=["33.20"])
    requester_kind: str = Field("", **_choice("Jenis pemohon", RequesterKind))
    full_name: str = Field("", description="Nama lengkap pemohon")
    nik: str = Field("", description="NIK (16 digit) untuk perorangan atau kuasa")
    entity_number: str = Field("", description="Nomor akta/SK untuk badan hukum")
    address: str = Field("", description="Alamat pemohon")
    phone: str = Field("", description="Nomor telepon (email atau telepon wajib salah satu)")
    email: str = Field("", description="Alamat email untuk tanda terima dan pemberitahuan")
    occupation: str = Field("", description="Pekerjaan")
    information_requested: str = Field("", description="Rincian informasi yang dibutuhkan")
    purpose: str = Field("", description="Tujuan penggunaan informasi")
    obtain_method: str = Field("", **_choice("Cara memperoleh informasi", ObtainMethod))
    copy_form: str = Field("", **_choice("Bentuk salinan (jika meminta salinan)", CopyForm))
    delivery_method: str = Field("", **_choice("Cara mendapatkan salinan", DeliveryMethod))
    power_of_attorney: AttachmentIn | None = Field(
        None, description="Surat kuasa (wajib untuk pemohon kuasa)")
    identity_scan: AttachmentIn | None = Field(
        None, description="Pindaian kartu identitas (tidak wajib)")


class SatkerOut(Schema):
    code: str
    name: str


class RegisteredOut(Schema):
    number: str
    number_slug: str
    satker: SatkerOut
    status: str
    received_on: dt.date
    due_date: dt.date
    due_rule: str
    tracking_secret: str = Field(..., description="Rahasia pelacakan; hanya ditampilkan sekali")
    tracking_url: str
    api_tracking_url: str


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class CountdownOut(Schema):
    days_left: int = Field(..., description="Hari kerja tersisa (negatif: terlambat)")
    state: str = Field(..., description="ok, soon, overdue atau closed")


class EventOut(Schema):
    kind: str
    label: str
    at: dt.datetime
    text: str


class ObjectionOut(Schema):
    number: str
    status: str
    status_label: str
    outcome: str
    outcome_label: str
    due_date: dt.date


class TrackingOut(Schema):
    number: str
    satker: SatkerOut
    requester_name: str
    channel: str
    status: str
    status_label: str
    received_at: dt.datetime
    received_on: dt.date
    due_date: dt.date
    due_rule: str
    is_extended: bool
    extension_days: int | None
    extension_reasons: str
    countdown: CountdownOut
    decision: str
    decision_label: str
    notice_available: bool
    notice_issued_at: dt.datetime | None
    notice_url: str | None
    delivered_at: dt.datetime | None
    timeline: list[EventOut]
    objections: list[ObjectionOut]


class RegisterItemOut(Schema):
    number: str
    satker_code: str
    satker_name: str
    received_on: dt.date
    channel: str
    requester_kind: str
    information_requested: str
    status: str
    status_label: str
    decision: str
    decision_label: str
    notice_issued_at: dt.datetime | None
    delivered_at: dt.datetime | None


class RegisterPageOut(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    items: list[RegisterItemOut]


class RegisterFilter(Schema):
    satker: str = Field("", description="Kode satker; provinsi mencakup kabupaten/kota-nya")
    year: int | None = Field(None, ge=2008, le=2100, description="Tahun nomor pendaftaran")
    # An unknown decision is refused (422), "" means no filter.
    decision: Annotated[Decision | None, BeforeValidator(_blank_is_none)] = Field(
        None, description="Keputusan")
    q: str = Field("", max_length=100, description="Cari dalam rincian informasi")
    page: int = Field(1, ge=1, le=MAX_PAGE_NUMBER)
    page_size: int = Field(REGISTER_PAGE_SIZE, ge=1, le=REGISTER_MAX_PAGE_SIZE)


# --- Endpoints -------------------------------------------------------------------------------


def _errors(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in ValidationError(errs).messages]
                for field, errs in exc.error_dict.items()}
    return {"__all__": [str(m) for m in exc.messages]}


def _error(status: int, detail: str, errors: dict[str, list[str]] | None = None) -> Status:
    return Status(status, {"detail": detail, "errors": errors or {}})


def _invalid(errors: dict[str, list[str]]) -> Status:
    return _error(422, _("Data permohonan tidak valid. Periksa kembali isian Anda."), errors)


def _attachments(payload: RequestIn) -> tuple[list, dict[str, list[str]]]:
    """The base64 attachments as uploads under the service's kinds, and the fields whose
    content is not base64 (the service checks everything else: kind, size, content)."""
    uploads, errors = [], {}
    for kind, field in registration.ATTACHMENT_FIELDS.items():
        attachment = getattr(payload, field)
        if attachment is None:
            continue
        try:
            content = base64.b64decode(attachment.content_base64, validate=True)
        except (binascii.Error, ValueError):
            errors[field] = [_("Isi lampiran bukan base64 yang valid.")]
            continue
        name = attachment.filename.replace("\x00", "").strip() or field
        uploads.append((kind, SimpleUploadedFile(name, content)))
    return uploads, errors


@router.post("/permohonan", response={201: RegisteredOut, 422: ErrorOut, 429: ErrorOut},
             summary="Ajukan permohonan informasi", url_name="inforequests-submit")
def submit_request(request, payload: RequestIn):
    """Register a request (channel ``api``): the same rules and numbering as the web form."""
    if over_limit(request, group=SUBMIT_GROUP, rate=SUBMIT_RATE):
        return _error(429, _("Terlalu banyak permohonan dari alamat ini. Silakan coba lagi "
                             "nanti."))
    found = _SATKER_BY_CODE(lookup_value(payload.satker_code))
    satker = found[0] if found else None
    if satker is None:
        return _invalid({"satker_code": [_("Satuan kerja dengan kode ini tidak ditemukan.")]})
    attachments, errors = _attachments(payload)
    data = payload.dict(include=set(registration.REQUESTER_FIELDS + registration.REQUEST_FIELDS))
    try:
        if errors:
            # A body that is not base64 is not an attachment: report it with the rest.
            registration.clean_request(data=data, attachments=attachments)
            return _invalid(errors)
        ir, secret = services.register_request(satker=satker, channel=Channel.API, data=data,
                                               attachments=attachments)
    except ValidationError as exc:
        return _invalid({**_errors(exc), **errors})
    tracking_path = reverse("inforequests:public-tracking", args=[ir.number_slug, secret])
    api_path = reverse("api:inforequests-track", kwargs={"number_slug": ir.number_slug})
    return Status(201, {
        "number": ir.number, "number_slug": ir.number_slug,
        "satker": {"code": satker.code, "name": satker.name},
        "status": ir.status, "received_on": ir.received_on, "due_date": ir.due_date,
        "due_rule": ir.due_rule, "tracking_secret": secret,
        "tracking_url": request.build_absolute_uri(tracking_path),
        "api_tracking_url": request.build_absolute_uri(f"{api_path}?secret={secret}"),
    })


@router.get("/permohonan/{number_slug}", response={200: TrackingOut, 404: ErrorOut},
            summary="Lacak permohonan informasi", url_name="inforequests-track")
def track_request(request, response: HttpResponse, number_slug: str, secret: str = Query(
        ..., description="Rahasia pelacakan yang diterima saat mendaftar")):
    """Status, due dates and the public timeline; answers 404 unless the secret matches."""
    # Reached through a secret: never cached, never leaked through a referrer.
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "no-referrer"
    ir = tracking.find_by_secret(number_slug, secret)
    if ir is None:
        return _error(404, _("Permohonan tidak ditemukan atau rahasia pelacakan salah."))
    events = (RequestEvent.objects.filter(request=ir, is_public=True)
              .exclude(kind=EventKind.NOTE).order_by("created_at", "id"))
    notice = deadlines.notice_of(ir)
    countdown = deadlines.countdown(ir)
    labels = dict(EventKind.choices)
    return Status(200, {
        "number": ir.number,
        "satker": {"code": ir.satker.code, "name": ir.satker.name},
        "requester_name": ir.full_name,
        "channel": ir.channel,
        "status": ir.status, "status_label": ir.get_status_display(),
        "received_at": ir.received_at, "received_on": ir.received_on,
        "due_date": ir.due_date, "due_rule": ir.due_rule,
        "is_extended": ir.is_extended, "extension_days": ir.extension_days,
        "extension_reasons": ir.extension_reasons,
        "countdown": {"days_left": countdown.days_left, "state": countdown.state},
        "decision": ir.decision,
        "decision_label": ir.get_decision_display() if ir.decision else "",
        "notice_available": notice is not None,
        "notice_issued_at": notice.issued_at if notice else None,
        "notice_url": request.build_absolute_uri(
            reverse("inforequests:public-notice-pdf", args=[ir.number_slug, secret]))
        if notice else None,
        "delivered_at": ir.delivered_at,
        "timeline": [{"kind": e.kind, "label": str(labels.get(e.kind, e.kind)),
                      "at": e.created_at, "text": e.text} for e in events],
        "objections": [
            {"number": o.number, "status": o.status, "status_label": o.get_status_display(),
             "outcome": o.outcome,
             "outcome_label": o.get_outcome_display() if o.outcome else "",
             "due_date": o.due_date}
            for o in ir.objections.order_by("filed_at")
        ],
    })


@router.get("/register", response={200: RegisterPageOut, 404: ErrorOut},
            summary="Register publik permohonan informasi", url_name="inforequests-register")
def public_register(request, filters: Query[RegisterFilter]):
    """Published requests, newest first, without any data about the requester."""
    satker = None
    if filters.satker:
        satker = Satker.objects.filter(code=lookup_value(filters.satker)).first()
        if satker is None:
            return _error(404, _("Satuan kerja dengan kode ini tidak ditemukan."))
    requests = InformationRequest.objects.filter(is_published=True).in_register(
        satker=satker, year=filters.year, decision=filters.decision or "",
        q=" ".join(filters.q.split()))
    count = requests.count()
    size = filters.page_size
    start = (filters.page - 1) * size
    rows = (requests.select_related("satker")
            .annotate(notice_issued_at=F("notice__issued_at"))
            .only("number", "received_on", "channel", "requester_kind",
                  "information_requested", "status", "decision", "delivered_at",
                  "satker__code", "satker__name")
            .order_by("-received_at", "-id")[start:start + size])
    items = [{
        "number": r.number, "satker_code": r.satker.code, "satker_name": r.satker.name,
        "received_on": r.received_on, "channel": r.channel, "requester_kind": r.requester_kind,
        "information_requested": r.information_requested, "status": r.status,
        "status_label": r.get_status_display(), "decision": r.decision,
        "decision_label": r.get_decision_display() if r.decision else "",
        "notice_issued_at": r.notice_issued_at, "delivered_at": r.delivered_at,
    } for r in rows]
    return Status(200, {"count": count, "page": filters.page, "page_size": size,
                        "pages": max(1, math.ceil(count / size)), "items": items})

