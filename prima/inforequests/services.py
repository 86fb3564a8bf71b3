"""Writes on information requests: each step of UU 14/2008 and Perki 1/2021 as one function.

Every function is keyword-only, runs in one transaction, records an audit event (staff writes)
and a ``RequestEvent`` (the timeline), and raises ``ValidationError`` with an Indonesian message
for bad input or a wrong state (nothing is changed then) or ``PermissionDenied`` when the actor
lacks the right. Emails go through the outbox (``prima.core.mail``), so a broken mail server
never loses a request; a failure while composing an email is logged and never undoes the step.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prima.core import audit, calendar, uploads
from prima.organisations.choices import Role
from prima.organisations.models import Membership

from . import deadlines, emails, notice_pdf, policies, tracking
from .choices import (
    GIVEN_DECISIONS,
    OFFLINE_CHANNELS,
    OPEN_STATUSES,
    Channel,
    CopyForm,
    Decision,
    DeliveryMethod,
    DisputeOutcome,
    EventKind,
    Exemption,
    InformationClass,
    ObjectionGround,
    ObjectionOutcome,
    ObjectionStatus,
    ObtainMethod,
    RequesterKind,
    Status,
)
from .masking import mask_address, mask_nik, mask_phone
from .models import (
    ConsequenceTest,
    DeliveredFile,
    Dispute,
    DownloadLink,
    DownloadLog,
    InformationListEntry,
    InformationRequest,
    Notice,
    Objection,
    RequestAttachment,
    RequestEvent,
)
from .numbers import next_objection_number, next_request_number

logger = logging.getLogger(__name__)

# Attachments of a request (power of attorney, ID scan): at most 5 MB each, checked by content.
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
ATTACHMENT_KINDS = tuple(k for k in ("pdf", "jpeg", "png") if k in uploads.KINDS)
MAX_ATTACHMENTS = 5
# Soft copies prepared by the officer: the document limit of the site.
DELIVERY_KINDS = tuple(k for k in ("pdf", "xlsx", "csv", "json", "jpeg", "png", "zip")
                       if k in uploads.KINDS)
DOWNLOAD_LINK_MAX_DAYS = 90
# A clock may run a little ahead of the server's; a receipt time further ahead is refused.
CLOCK_SKEW = dt.timedelta(minutes=5)

NIK_RE = re.compile(r"^\d{16}$")
PHONE_RE = re.compile(r"^\+?[\d\s().-]{6,32}$")

REQUESTER_FIELDS = ("requester_kind", "full_name", "nik", "entity_number", "address", "phone",
                    "email", "occupation")
REQUEST_FIELDS = ("information_requested", "purpose", "obtain_method", "copy_form",
                  "delivery_method")
NOTICE_FIELDS = ("is_held", "holder_body", "exemption", "information_given",
                 "redaction_explanation", "copy_form", "delivery_method", "costs",
                 "payment_method", "time_to_provide", "documentation_time", "explanation")
CONSEQUENCE_TEST_FIELDS = ("title", "exempt_content", "exemption", "legal_basis", "harm",
                           "public_interest", "conclusion", "exempt_until", "decided_at")
INFORMATION_LIST_FIELDS = ("title", "summary", "information_class", "owner", "responsible",
                           "format", "year", "retention", "document", "url", "location",
                           "consequence_test", "is_published")
PERSONAL_FIELDS = {"nik": mask_nik, "address": mask_address, "phone": mask_phone}


# --- Small helpers ------------------------------------------------------------------------------

def _text(value) -> str:
    return str(value or "").strip()


def _is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def _require_staff(actor, request: InformationRequest) -> None:
    if not policies.can_act_on(actor, request):
        raise PermissionDenied(_("Anda tidak berwenang menangani permohonan ini."))


def _staff_or_none(actor, request: InformationRequest):
    """For steps a requester takes from the tracking page: an officer is recorded as the actor
    only when they may act on the request; anyone else acts as "the requester" (``None``)."""
    return actor if _is_user(actor) and policies.can_act_on(actor, request) else None


def _snapshot(obj) -> dict:
    """An audit snapshot with personal data masked (audit readers are not all PPID staff)."""
    data = audit.snapshot(obj)
    for name, mask in PERSONAL_FIELDS.items():
        if isinstance(obj, InformationRequest) and data.get(name):
            data[name] = mask(data[name])
    return data


def _record(obj, *, actor, action: str, before: dict | None = None, satker=None) -> None:
    audit.record(obj, actor=actor, action=action, before=before, after=_snapshot(obj),
                 satker=satker)


def _event(request: InformationRequest, kind: str, *, actor=None, text: str = "",
           is_public: bool = True, data: dict | None = None) -> RequestEvent:
    return RequestEvent.objects.create(
        request=request, kind=kind, actor=actor if _is_user(actor) else None,
        is_public=is_public, text=text, data=data or {},
    )


def _lock(request: InformationRequest) -> InformationRequest:
    """The request re-read under a row lock, so two officers never act on a stale state."""
    return (InformationRequest.objects.select_for_update(of=("self",)).select_related("satker")
            .get(pk=request.pk))


def _lock_objection(objection: Objection) -> Objection:
    return (Objection.objects.select_for_update(of=("self",))
            .select_related("satker", "request", "request__satker").get(pk=objection.pk))


def _local_date(moment: dt.datetime, satker) -> dt.date:
    return timezone.localtime(moment, calendar.local_timezone(satker)).date()


def _date_text(day: dt.date) -> str:
    return calendar.format_date(day)


def _send_safely(send, *args) -> None:
    """Compose and queue an email in a savepoint; a failure is logged, never raised.

    Messages are stored in the outbox inside the caller's transaction, so they leave only if the
    step commits; a broken template or outbox write must not undo what the requester submitted.
    """
    try:
        with transaction.atomic():
            send(*args)
    except Exception:  # noqa: BLE001 - the step stands without its email
        logger.exception("Could not queue the email %s", getattr(send, "__name__", send))


def _delete_stored(names) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        try:
            default_storage.delete(name)
        except Exception:  # noqa: BLE001 - best effort cleanup after a failure
            logger.exception("Could not delete stored file %s", name)


def _signer_title(actor, satker, roles=(Role.PPID, Role.ATASAN_PPID)) -> str:
    membership = (Membership.objects.active()
                  .filter(user=actor, satker=satker, role__in=roles)
                  .order_by("role").first()) if _is_user(actor) else None
    if membership is not None and membership.title:
        return membership.title
    if membership is not None and membership.role == Role.ATASAN_PPID:
        return _("Atasan PPID %(satker)s") % {"satker": satker.name}
    return _("Pejabat Pengelola Informasi dan Dokumentasi (PPID) %(satker)s") % {
        "satker": satker.name}


def _person_name(actor) -> str:
    return (getattr(actor, "full_name", "") or str(actor)).strip()


# --- Registration -------------------------------------------------------------------------------

def _clean_request_data(data: dict) -> dict:
    """The requester's and request's fields, validated; every error at once, by field."""
    errors: dict[str, list[str]] = {}

    def error(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    cleaned = {name: _text(data.get(name)) for name in REQUESTER_FIELDS + REQUEST_FIELDS}
    kind = cleaned["requester_kind"]
    if kind not in RequesterKind.values:
        error("requester_kind", _("Pilih jenis pemohon."))
    if not cleaned["full_name"]:
        error("full_name", _("Nama lengkap wajib diisi."))
    elif len(cleaned["full_name"]) > 200:
        error("full_name", _("Nama lengkap paling banyak 200 karakter."))
    nik = re.sub(r"\s", "", cleaned["nik"])
    cleaned["nik"] = nik
    # Perki 1/2021: an individual (or a proxy) identifies with the KTP; an entity with its deed.
    if kind in (RequesterKind.INDIVIDUAL, RequesterKind.PROXY) or (nik and kind != "entity"):
        if not NIK_RE.match(nik):
            error("nik", _("NIK harus 16 digit angka."))
    if kind == RequesterKind.ENTITY:
        cleaned["nik"] = ""
        if not cleaned["entity_number"]:
            error("entity_number", _("Nomor akta pendirian atau SK badan hukum wajib diisi."))
        elif len(cleaned["entity_number"]) > 120:
            error("entity_number", _("Nomor akta/SK paling banyak 120 karakter."))
    else:
        cleaned["entity_number"] = ""
    if not cleaned["address"]:
        error("address", _("Alamat wajib diisi."))
    if not cleaned["email"] and not cleaned["phone"]:
        error("email", _("Isi alamat email atau nomor telepon agar kami dapat menghubungi Anda."))
    if cleaned["email"]:
        try:
            validate_email(cleaned["email"])
        except ValidationError:
            error("email", _("Alamat email tidak valid."))
        cleaned["email"] = cleaned["email"].lower() if len(cleaned["email"]) <= 254 else ""
    if cleaned["phone"] and not PHONE_RE.match(cleaned["phone"]):
        error("phone", _("Nomor telepon tidak valid (gunakan angka, boleh diawali +)."))
    if len(cleaned["occupation"]) > 120:
        error("occupation", _("Pekerjaan paling banyak 120 karakter."))
    if not cleaned["information_requested"]:
        error("information_requested", _("Rincian informasi yang dibutuhkan wajib diisi."))
    if not cleaned["purpose"]:
        error("purpose", _("Tujuan penggunaan informasi wajib diisi."))
    if cleaned["obtain_method"] not in ObtainMethod.values:
        error("obtain_method", _("Pilih cara memperoleh informasi."))
    if cleaned["obtain_method"] == ObtainMethod.COPY:
        if cleaned["copy_form"] not in CopyForm.values:
            error("copy_form", _("Pilih bentuk salinan (elektronik atau cetak)."))
        if cleaned["delivery_method"] not in DeliveryMethod.values:
            error("delivery_method", _("Pilih cara mendapatkan salinan informasi."))
    else:
        for name in ("copy_form", "delivery_method"):
            if cleaned[name] and cleaned[name] not in dict(
                    copy_form=CopyForm.values, delivery_method=DeliveryMethod.values)[name]:
                error(name, _("Pilihan tidak valid."))
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check_attachments(attachments) -> list[tuple[str, object, uploads.CheckedFile]]:
    """Check every attachment before anything is written (content, size, kind)."""
    attachments = list(attachments or ())
    if len(attachments) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": _("Paling banyak %(n)s lampiran.") % {"n": MAX_ATTACHMENTS}})
    checked = []
    for kind, upload in attachments:
        if kind not in RequestAttachment.Kind.values:
            raise ValidationError({"attachments": _("Jenis lampiran tidak dikenal.")})
        try:
            result = uploads.check_upload(upload, allowed_kinds=ATTACHMENT_KINDS,
                                          max_bytes=ATTACHMENT_MAX_BYTES)
        except ValidationError as exc:
            name = uploads._original_name(upload) if upload is not None else ""
            prefix = _("Lampiran %(name)s: ") % {"name": name} if name else ""
            raise ValidationError(
                {"attachments": [prefix + message for message in exc.messages]}) from exc
        checked.append((kind, upload, result))
    return checked


def register_request(*, satker, channel, data: dict, attachments=(), actor=None,
                     received_at=None) -> tuple[InformationRequest, str]:
    """Register a request from any channel; returns it with its tracking secret (in clear, once).

    The registration number is gapless per satker and year; the notice is due 10 working days
    after the effective day of receipt (UU 14/2008 Pasal 22(7); day 0 per core.calendar).
    """
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Saluran permohonan tidak dikenal.")})
    # Offline channels are entered by the satker's PPID staff; web and API by the public.
    staff = _is_user(actor) and policies.can_act_for_satker(actor, satker)
    if channel in OFFLINE_CHANNELS and not staff:
        raise PermissionDenied(_("Hanya petugas PPID satker ini yang dapat mencatat permohonan "
                                 "luring."))
    now = timezone.now()
    received_at = received_at or now
    if timezone.is_naive(received_at):
        raise ValidationError({"received_at": _("Waktu penerimaan harus memuat zona waktu.")})
    if received_at > now + CLOCK_SKEW:
        raise ValidationError(
            {"received_at": _("Waktu penerimaan tidak boleh di masa yang akan datang.")})
    cleaned = _clean_request_data(data)
    # Every attachment is checked before anything is written: a bad one stores nothing.
    checked = _check_attachments(attachments)

    stored: list[str] = []
    try:
        with transaction.atomic():
            request, secret = _register(satker=satker, channel=channel, cleaned=cleaned,
                                        checked=checked, actor=actor if staff else None,
                                        received_at=received_at, stored=stored)
    except BaseException:
        # The transaction rolled back: remove the files it had stored (no orphan files).
        _delete_stored(stored)
        raise
    return request, secret


def _register(*, satker, channel, cleaned, checked, actor, received_at, stored):
    due = calendar.deadline(received_at, deadlines.ANSWER_WORKING_DAYS, satker=satker)
    year = _local_date(received_at, satker).year
    sequence, number = next_request_number(satker, year)
    secret = tracking.new_secret()
    request = InformationRequest.objects.create(
        satker=satker, year=year, sequence=sequence, number=number, channel=channel,
        received_at=received_at, received_on=due.received_on, due_date=due.due_date,
        due_rule=due.rule, created_by=actor, tracking_secret_hash=tracking.hash_secret(secret),
        **cleaned,
    )
    for kind, upload, result in checked:
        attachment = RequestAttachment(
            request=request, kind=kind, original_name=result.original_name,
            content_type=result.content_type, sha256=result.sha256, size=result.size,
        )
        upload.seek(0)
        attachment.file.save(result.original_name, upload, save=False)
        stored.append(attachment.file.name)
        attachment.save()
    _event(request, EventKind.REGISTERED, actor=actor,
           text=_("Permohonan diterima melalui %(channel)s dan dicatat dengan nomor "
                  "%(number)s. Batas waktu pemberitahuan tertulis: %(due)s.")
           % {"channel": request.get_channel_display(), "number": number,
              "due": _date_text(request.due_date)},
           data={"due_date": request.due_date.isoformat(), "rule": due.rule})
    _record(request, actor=actor, action="inforequest_registered")
    if request.email:
        _send_safely(emails.send_receipt, request, secret)
    return request, secret


# --- Handling -----------------------------------------------------------------------------------

def _require_open(request: InformationRequest) -> None:
    if request.status not in OPEN_STATUSES:
        raise ValidationError(
            _("Permohonan %(number)s sudah %(status)s; langkah ini tidak dapat dilakukan.")
            % {"number": request.number, "status": request.get_status_display().lower()},
            code="state")


@transaction.atomic
def assign_request(*, request, officer, actor) -> InformationRequest:
    """Assign (or, with ``officer=None``, unassign) the officer who handles the request."""
    _require_staff(actor, request)
    request = _lock(request)
    _require_open(request)
    if officer is not None and not policies.can_act_on(officer, request):
        raise ValidationError({"officer": _("Petugas harus PPID atau atasan PPID satker ini.")})
    before = _snapshot(request)
    request.assigned_to = officer
    if request.status == Status.REGISTERED:
        request.status = Status.IN_PROGRESS
    request.save(update_fields=["assigned_to", "status", "updated_at"])
    _event(request, EventKind.ASSIGNED, actor=actor, is_public=False,
           text=(_("Ditugaskan kepada %(name)s.") % {"name": _person_name(officer)})
           if officer else _("Penugasan petugas dicabut."),
           data={"officer_id": officer.pk if officer else None})
    _record(request, actor=actor, action="inforequest_assigned", before=before)
    return request


@transaction.atomic
def add_note(*, request, text, actor) -> InformationRequest:
    """An internal note (never shown to the requester)."""
    _require_staff(actor, request)
    text = _text(text)
    if not text:
        raise ValidationError({"text": _("Catatan tidak boleh kosong.")})
    request = _lock(request)
    event = _event(request, EventKind.NOTE, actor=actor, text=text, is_public=False)
    audit.record(event, actor=actor, action="inforequest_note_added", satker=request.satker_id)
    return request


@transaction.atomic
def ask_clarification(*, request, question, actor) -> InformationRequest:
    """Ask the requester to clarify the request (the deadline keeps running)."""
    _require_staff(actor, request)
    question = _text(question)
    if not question:
        raise ValidationError({"question": _("Pertanyaan klarifikasi wajib diisi.")})
    request = _lock(request)
    _require_open(request)
    before = _snapshot(request)
    request.status = Status.CLARIFICATION
    request.save(update_fields=["status", "updated_at"])
    _event(request, EventKind.CLARIFICATION_ASKED, actor=actor, text=question)
    _record(request, actor=actor, action="inforequest_clarification_asked", before=before)
    if request.email:
        _send_safely(emails.send_clarification, request, question)
    return request


@transaction.atomic
def answer_clarification(*, request, answer, actor=None) -> InformationRequest:
    """The requester's answer (tracking page, ``actor=None``) or one an officer records."""
    actor = _staff_or_none(actor, request)
    answer = _text(answer)
    if not answer:
        raise ValidationError({"answer": _("Jawaban klarifikasi wajib diisi.")})
    request = _lock(request)
    if request.status != Status.CLARIFICATION:
        raise ValidationError(_("Tidak ada permintaan klarifikasi yang menunggu jawaban."),
                              code="state")
    before = _snapshot(request)
    request.status = Status.IN_PROGRESS
    request.save(update_fields=["status", "updated_at"])
    _event(request, EventKind.CLARIFICATION_ANSWERED, actor=actor, text=answer)
    _record(request, actor=actor, action="inforequest_clarification_answered", before=before)
    return request


@transaction.atomic
def extend_request(*, request, days: int, reasons: str, actor,
                   today: dt.date | None = None) -> InformationRequest:
    """Extend the deadline once, by 1 to 7 working days, before it passes, with written reasons
    sent to the requester (UU 14/2008 Pasal 22(8))."""
    _require_staff(actor, request)
    reasons = _text(reasons)
    request = _lock(request)
    _require_open(request)
    # Pasal 22(8): only one extension.
    if request.is_extended:
        raise ValidationError(_("Jangka waktu permohonan ini sudah pernah diperpanjang; "
                                "perpanjangan hanya dapat diberikan satu kali."),
                              code="already_extended")
    try:
        days = int(days)
    except (TypeError, ValueError):
        days = 0
    # Pasal 22(8): at most 7 working days.
    if not 1 <= days <= deadlines.EXTENSION_MAX_DAYS:
        raise ValidationError(
            {"days": _("Perpanjangan paling sedikit 1 dan paling lama %(max)s hari kerja.")
             % {"max": deadlines.EXTENSION_MAX_DAYS}})
    if not reasons:
        raise ValidationError({"reasons": _("Alasan perpanjangan wajib ditulis; alasan ini "
                                            "dikirim kepada pemohon.")})
    today = today or deadlines.local_today(request.satker)
    # The extension must be given while the original deadline still runs.
    if today > request.due_date:
        raise ValidationError(
            _("Batas waktu sudah lewat pada %(date)s; perpanjangan hanya dapat diberikan "
              "sebelum batas waktu berakhir.") % {"date": _date_text(request.due_date)},
            code="late")
    before = _snapshot(request)
    old_due = request.due_date
    # Counted from the current due date: add_working_days(due_date, days).
    new_due = calendar.add_working_days(old_due, days, satker=request.satker)
    request.due_date = new_due
    request.extended_at = timezone.now()
    request.extension_days = days
    request.extension_reasons = reasons
    request.due_rule = (f"{request.due_rule} Diperpanjang {days} hari kerja sejak "
                        f"{_date_text(old_due)} (UU 14/2008 Pasal 22 ayat (8)); jatuh tempo "
                        f"{_date_text(new_due)}.").strip()
    request.save(update_fields=["due_date", "extended_at", "extension_days",
                                "extension_reasons", "due_rule", "updated_at"])
    _event(request, EventKind.EXTENDED, actor=actor,
           text=_("Jangka waktu diperpanjang %(days)s hari kerja hingga %(due)s. Alasan: "
                  "%(reasons)s") % {"days": days, "due": _date_text(new_due),
                                    "reasons": reasons},
           data={"old_due_date": old_due.isoformat(), "due_date": new_due.isoformat(),
                 "days": days})
    _record(request, actor=actor, action="inforequest_extended", before=before)
    if request.email:
        _send_safely(emails.send_extension, request)
    return request


# --- Decision and notice ------------------------------------------------------------------------

def _clean_notice_data(request, decision: str, notice_data: dict, consequence_test) -> dict:
    errors: dict[str, list[str]] = {}

    def error(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    data = {name: notice_data.get(name) for name in NOTICE_FIELDS if name in notice_data}
    for name in ("holder_body", "exemption", "information_given", "redaction_explanation",
                 "copy_form", "delivery_method", "payment_method", "time_to_provide",
                 "documentation_time", "explanation"):
        data[name] = _text(data.get(name))
    try:
        costs = Decimal(str(data.get("costs") or 0))
    except (InvalidOperation, ValueError):
        costs = Decimal(-1)
    if costs < 0 or not costs.is_finite():
        error("costs", _("Biaya harus angka 0 atau lebih."))
    data["costs"] = costs
    data["copy_form"] = data["copy_form"] or request.copy_form
    data["delivery_method"] = data["delivery_method"] or request.delivery_method
    if data["copy_form"] and data["copy_form"] not in CopyForm.values:
        error("copy_form", _("Pilihan bentuk informasi tidak valid."))
    if data["delivery_method"] and data["delivery_method"] not in DeliveryMethod.values:
        error("delivery_method", _("Pilihan cara penyampaian tidak valid."))
    # Pasal 22(7) a-b: whether the body holds it, and which body does.
    data["is_held"] = decision != Decision.NOT_HELD
    if decision in GIVEN_DECISIONS and not data["information_given"]:
        error("information_given", _("Tuliskan informasi yang akan diberikan."))
    if decision == Decision.GRANTED_IN_PART and not data["redaction_explanation"]:
        # Pasal 22(7) e: the blacked-out parts with the reasons.
        error("redaction_explanation",
              _("Untuk pemberian sebagian, jelaskan bagian yang dihitamkan dan alasannya."))
    if decision == Decision.REFUSED:
        # Pasal 22(7) c with Pasal 17 and 19: the exemption letter and the consequence test.
        if data["exemption"] not in Exemption.values:
            error("exemption", _("Penolakan wajib menyebut alasan pengecualian Pasal 17."))
        if consequence_test is None:
            error("consequence_test", _("Penolakan wajib didasarkan pada uji konsekuensi."))
        elif consequence_test.satker_id != request.satker_id:
            error("consequence_test", _("Uji konsekuensi harus milik satker ini."))
        elif data["exemption"] and consequence_test.exemption != data["exemption"]:
            error("consequence_test",
                  _("Alasan pengecualian berbeda dengan dasar pada uji konsekuensi (Pasal 17 "
                    "huruf %(letter)s).") % {"letter": consequence_test.exemption})
    else:
        data["exemption"] = ""
    if decision == Decision.NOT_HELD and not data["holder_body"]:
        error("holder_body", _("Sebutkan badan publik yang menguasai informasi, atau tulis "
                               "\"tidak diketahui\"."))
    if decision == Decision.NOT_DOCUMENTED and not data["documentation_time"]:
        error("documentation_time",
              _("Sebutkan waktu yang dibutuhkan untuk mendokumentasikan informasi."))
    if errors:
        raise ValidationError(errors)
    return data


@transaction.atomic
def decide_request(*, request, actor, decision, notice_data: dict,
                   consequence_test=None) -> Notice:
    """Issue the written notice (UU 14/2008 Pasal 22(7)), signed by the PPID, with its PDF."""
    _require_staff(actor, request)
    request = _lock(request)
    _require_open(request)
    if decision == Decision.WITHDRAWN:
        raise ValidationError({"decision": _("Permohonan yang ditarik pemohon dicatat melalui "
                                             "penarikan permohonan, bukan keputusan.")})
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Pilih keputusan.")})
    data = _clean_notice_data(request, decision, notice_data or {}, consequence_test)
    before = _snapshot(request)
    notice = Notice(
        request=request, decision=decision,
        consequence_test=consequence_test if decision == Decision.REFUSED else None,
        signed_by_name=_person_name(actor), signed_by_title=_signer_title(actor, request.satker),
        issued_at=timezone.now(), created_by=actor, **data,
    )
    content = notice_pdf.render_notice(notice)
    stored: list[str] = []
    try:
        with transaction.atomic():
            notice.sha256 = hashlib.sha256(content).hexdigest()
            notice.pdf.save(f"pemberitahuan-{request.number_slug}.pdf", ContentFile(content),
                            save=False)
            stored.append(notice.pdf.name)
            notice.save()
            request.status = Status.DECIDED
            request.decision = decision
            request.decided_at = notice.issued_at
            request.costs = data["costs"]
            request.save(update_fields=["status", "decision", "decided_at", "costs",
                                        "updated_at"])
            _event(request, EventKind.DECIDED, actor=actor,
                   text=_("Keputusan: %(decision)s.") % {
                       "decision": notice.get_decision_display()},
                   data={"decision": decision, "notice_id": notice.pk})
            _record(request, actor=actor, action="inforequest_decided", before=before)
            audit.record(notice, actor=actor, action="inforequest_notice_issued",
                         satker=request.satker_id)
    except BaseException:
        _delete_stored(stored)
        raise
    if request.email:
        _send_safely(emails.send_decision, notice)
    return notice


# --- Delivery -----------------------------------------------------------------------------------

def _require_given(request) -> None:
    if request.status not in (Status.DECIDED, Status.DELIVERED) or \
            request.decision not in GIVEN_DECISIONS:
        raise ValidationError(_("Berkas hanya dapat diserahkan setelah pemberitahuan tertulis "
                                "yang memberikan informasi (seluruhnya atau sebagian)."),
                              code="state")


def add_delivered_file(*, request, actor, title, upload=None, link_url="", is_redacted=False,
                       redaction_note="") -> DeliveredFile:
    """Prepare one soft copy (a checked file or a link to an open dataset) for the requester."""
    _require_staff(actor, request)
    title = _text(title)
    link_url = _text(link_url)
    redaction_note = _text(redaction_note)
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Judul berkas wajib diisi.")]
    if (upload is None) == (not link_url):
        errors["upload"] = [_("Unggah satu berkas atau isi satu tautan (tidak keduanya).")]
    if link_url:
        try:
            URLValidator(schemes=["http", "https"])(link_url)
        except ValidationError:
            errors["link_url"] = [_("Tautan tidak valid (harus diawali http:// atau https://).")]
    if is_redacted and not redaction_note:
        # Pasal 22(7) e: the blacked-out parts and why.
        errors["redaction_note"] = [_("Jelaskan bagian yang dihitamkan dan alasannya.")]
    if errors:
        raise ValidationError(errors)
    checked = None
    if upload is not None:
        try:
            checked = uploads.check_upload(upload, allowed_kinds=DELIVERY_KINDS,
                                           max_bytes=settings.DOCUMENT_MAX_BYTES)
        except ValidationError as exc:
            raise ValidationError({"upload": exc.messages}) from exc
    stored: list[str] = []
    try:
        with transaction.atomic():
            request = _lock(request)
            _require_given(request)
            delivered = DeliveredFile(
                request=request, title=title, link_url=link_url, is_redacted=bool(is_redacted),
                redaction_note=redaction_note if is_redacted else "", added_by=actor,
            )
            if checked is not None:
                delivered.original_name = checked.original_name
                delivered.content_type = checked.content_type
                delivered.sha256 = checked.sha256
                delivered.size = checked.size
                upload.seek(0)
                delivered.file.save(checked.original_name, upload, save=False)
                stored.append(delivered.file.name)
            delivered.save()
            _event(request, EventKind.FILE_ADDED, actor=actor, is_public=False,
                   text=title + (_(" (versi dihitamkan)") if is_redacted else ""),
                   data={"file_id": delivered.pk})
            audit.record(delivered, actor=actor, action="inforequest_file_added",
                         satker=request.satker_id)
    except BaseException:
        _delete_stored(stored)
        raise
    return delivered


@transaction.atomic
def deliver_request(*, request, actor, valid_days=30) -> tuple[DownloadLink, str]:
    """Open an expiring private download link for the prepared files and tell the requester.

    A new link replaces (revokes) earlier ones; the token is returned in clear only here.
    """
    _require_staff(actor, request)
    try:
        valid_days = int(valid_days)
    except (TypeError, ValueError):
        valid_days = 0
    if not 1 <= valid_days <= DOWNLOAD_LINK_MAX_DAYS:
        raise ValidationError({"valid_days": _("Masa berlaku tautan 1 sampai %(max)s hari.")
                               % {"max": DOWNLOAD_LINK_MAX_DAYS}})
    request = _lock(request)
    _require_given(request)
    if not request.delivered_files.exists():
        raise ValidationError(_("Belum ada berkas atau tautan yang disiapkan untuk diserahkan."),
                              code="no_files")
    before = _snapshot(request)
    now = timezone.now()
    request.download_links.filter(revoked_at__isnull=True).update(revoked_at=now)
    token = tracking.new_secret()
    link = DownloadLink.objects.create(request=request, token_hash=tracking.hash_secret(token),
                                       expires_at=now + dt.timedelta(days=valid_days))
    request.status = Status.DELIVERED
    request.delivered_at = request.delivered_at or now
    request.save(update_fields=["status", "delivered_at", "updated_at"])
    _event(request, EventKind.DELIVERED, actor=actor,
           text=_("Berkas tersedia melalui tautan unduhan pribadi yang berlaku sampai "
                  "%(date)s.") % {"date": _date_text(_local_date(link.expires_at,
                                                                 request.satker))},
           data={"link_id": link.pk, "files": list(
               request.delivered_files.values_list("pk", flat=True))})
    _record(request, actor=actor, action="inforequest_delivered", before=before)
    if request.email:
        _send_safely(emails.send_delivery, request, link, token)
    return link, token


@transaction.atomic
def withdraw_request(*, request, actor=None, reason="") -> InformationRequest:
    """The requester withdraws the request (tracking page, or recorded by an officer)."""
    actor = _staff_or_none(actor, request)
    request = _lock(request)
    _require_open(request)
    before = _snapshot(request)
    reason = _text(reason)
    request.status = Status.WITHDRAWN
    request.decision = Decision.WITHDRAWN
    request.decided_at = timezone.now()
    if reason:
        request.remarks = (f"{request.remarks}\n" if request.remarks else "") + \
            _("Ditarik: %(reason)s") % {"reason": reason}
    request.save(update_fields=["status", "decision", "decided_at", "remarks", "updated_at"])
    _event(request, EventKind.WITHDRAWN, actor=actor, text=reason)
    _record(request, actor=actor, action="inforequest_withdrawn", before=before)
    return request


@transaction.atomic
def record_download(*, link, file, ip_address=None, user_agent="") -> DownloadLog:
    """Log one download through a valid link (the proof of handover of a soft copy)."""
    if not link.is_valid:
        raise ValidationError(_("Tautan unduhan sudah tidak berlaku. Hubungi PPID untuk tautan "
                                "baru."), code="expired")
    if file.request_id != link.request_id:
        raise ValidationError(_("Berkas tidak ditemukan."), code="not_found")
    first = not file.downloads.exists()
    log = DownloadLog.objects.create(file=file, link=link, ip_address=ip_address or None,
                                     user_agent=_text(user_agent)[:300])
    if first:
        # The first download of each file goes on the timeline; every download is logged.
        _event(file.request, EventKind.DOWNLOADED, text=file.title, data={"file_id": file.pk})
    return log


# --- Objections and disputes --------------------------------------------------------------------

def _objection_late_error(last_day: dt.date) -> ValidationError:
    return ValidationError(
        _("Batas waktu pengajuan keberatan telah lewat pada %(date)s.")
        % {"date": _date_text(last_day)}, code="late")


@transaction.atomic
def file_objection(*, request, grounds: list[str], case_description, actor=None,
                   filed_at=None, proxy_name="") -> Objection:
    """File an objection (keberatan, UU 14/2008 Pasal 35-36) on one or more grounds a-g.

    Within 30 working days after its reason arises: the day of the written notice, or for a
    request left unanswered (grounds c and g) its due date. The atasan PPID answers within 30
    working days of receipt.
    """
    actor = _staff_or_none(actor, request)
    grounds = sorted({_text(g) for g in (grounds or ())})
    case_description = _text(case_description)
    proxy_name = _text(proxy_name)
    errors: dict[str, list[str]] = {}
    if not grounds or any(g not in ObjectionGround.values for g in grounds):
        errors["grounds"] = [_("Pilih paling sedikit satu alasan keberatan (Pasal 35 ayat (1) "
                               "huruf a-g).")]
    if not case_description:
        errors["case_description"] = [_("Kasus posisi (uraian keberatan) wajib diisi.")]
    if len(proxy_name) > 200:
        errors["proxy_name"] = [_("Nama kuasa paling banyak 200 karakter.")]
    if errors:
        raise ValidationError(errors)
    request = _lock(request)
    if request.status == Status.WITHDRAWN:
        raise ValidationError(_("Permohonan yang sudah ditarik tidak dapat diajukan keberatan."),
                              code="state")
    if request.objections.filter(status=ObjectionStatus.FILED).exists():
        raise ValidationError(_("Masih ada keberatan atas permohonan ini yang belum diputus "
                                "atasan PPID."), code="pending")
    now = timezone.now()
    filed_at = filed_at or now
    if timezone.is_naive(filed_at) or filed_at > now + CLOCK_SKEW:
        raise ValidationError({"filed_at": _("Waktu pengajuan keberatan tidak valid.")})
    filed_on = _local_date(filed_at, request.satker)
    notice = deadlines.notice_of(request)
    if notice is None:
        # Without a notice the reason (c: not answered, g: late) arises when the due date passes.
        if filed_on <= request.due_date:
            raise ValidationError(
                _("Permohonan masih dalam jangka waktu pemberitahuan (sampai %(date)s). "
                  "Keberatan karena tidak ditanggapi dapat diajukan setelah tanggal itu.")
                % {"date": _date_text(request.due_date)}, code="early")
    # Pasal 36(1): 30 working days after the reason arises.
    last_day = deadlines.objection_deadline(request)
    if filed_on > last_day:
        raise _objection_late_error(last_day)
    due = calendar.deadline(filed_at, deadlines.OBJECTION_ANSWER_DAYS, satker=request.satker)
    year = filed_on.year
    sequence, number = next_objection_number(request.satker, year)
    objection = Objection.objects.create(
        request=request, satker=request.satker, year=year, sequence=sequence, number=number,
        grounds=grounds, case_description=case_description, filed_by_proxy=bool(proxy_name),
        proxy_name=proxy_name, filed_at=filed_at, received_on=due.received_on,
        due_date=due.due_date, due_rule=due.rule, received_by=actor,
    )
    _event(request, EventKind.OBJECTION_FILED, actor=actor,
           text=_("Keberatan %(number)s diajukan; tanggapan atasan PPID paling lambat "
                  "%(due)s.") % {"number": number, "due": _date_text(due.due_date)},
           data={"objection_id": objection.pk, "grounds": grounds})
    _record(objection, actor=actor, action="objection_filed")
    if request.email:
        _send_safely(emails.send_objection_receipt, objection)
    return objection


@transaction.atomic
def decide_objection(*, objection, actor, outcome, response) -> Objection:
    """The atasan PPID's written answer to an objection (UU 14/2008 Pasal 36(2))."""
    if not policies.can_decide_objection(actor, objection):
        raise PermissionDenied(_("Hanya atasan PPID satker ini yang dapat memutus keberatan."))
    response = _text(response)
    errors: dict[str, list[str]] = {}
    if outcome not in ObjectionOutcome.values:
        errors["outcome"] = [_("Pilih tanggapan atasan PPID.")]
    if not response:
        errors["response"] = [_("Isi tanggapan atasan PPID wajib diisi.")]
    if errors:
        raise ValidationError(errors)
    objection = _lock_objection(objection)
    if objection.status != ObjectionStatus.FILED:
        raise ValidationError(_("Keberatan ini sudah diputus."), code="state")
    before = _snapshot(objection)
    objection.status = ObjectionStatus.DECIDED
    objection.outcome = outcome
    objection.response = response
    objection.decided_at = timezone.now()
    objection.decided_by = actor
    objection.decider_name = _person_name(actor)
    objection.decider_title = _signer_title(actor, objection.satker, roles=(Role.ATASAN_PPID,))
    objection.save()
    _event(objection.request, EventKind.OBJECTION_DECIDED, actor=actor,
           text=_("Keberatan %(number)s: %(outcome)s.")
           % {"number": objection.number, "outcome": objection.get_outcome_display()},
           data={"objection_id": objection.pk, "outcome": outcome})
    _record(objection, actor=actor, action="objection_decided", before=before)
    if objection.request.email:
        _send_safely(emails.send_objection_decision, objection)
    return objection


@transaction.atomic
def record_requester_response(*, objection, text, actor=None) -> Objection:
    """The requester's response to the atasan's answer (a column of the objection register)."""
    actor = _staff_or_none(actor, objection.request)
    text = _text(text)
    if not text:
        raise ValidationError({"text": _("Tanggapan pemohon wajib diisi.")})
    objection = _lock_objection(objection)
    if objection.status != ObjectionStatus.DECIDED:
        raise ValidationError(_("Tanggapan pemohon dicatat setelah keberatan diputus."),
                              code="state")
    before = _snapshot(objection)
    objection.requester_response = text
    objection.save(update_fields=["requester_response"])
    _record(objection, actor=actor, action="objection_requester_response", before=before)
    return objection


@transaction.atomic
def record_dispute(*, objection, actor, filed_on, commission, case_number="",
                   outcome=DisputeOutcome.PENDING, outcome_date=None, notes="") -> Dispute:
    """Record a dispute at the Komisi Informasi, filed within 14 working days after the atasan's
    answer, or after the 30 working days for an answer passed without one (Pasal 37(2))."""
    if not policies.can_act_for_satker(actor, objection.satker):
        raise PermissionDenied(_("Anda tidak berwenang mencatat sengketa satker ini."))
    commission = _text(commission)
    case_number = _text(case_number)
    notes = _text(notes)
    objection = _lock_objection(objection)
    errors: dict[str, list[str]] = {}
    if not isinstance(filed_on, dt.date) or isinstance(filed_on, dt.datetime):
        raise ValidationError({"filed_on": _("Tanggal pengajuan sengketa wajib diisi.")})
    if not commission:
        errors["commission"] = [_("Nama Komisi Informasi wajib diisi.")]
    if outcome not in DisputeOutcome.values:
        errors["outcome"] = [_("Pilih hasil sengketa.")]
    if outcome_date is not None and outcome_date < filed_on:
        errors["outcome_date"] = [_("Tanggal putusan tidak boleh sebelum tanggal pengajuan.")]
    if errors:
        raise ValidationError(errors)
    if Dispute.objects.filter(objection=objection).exists():
        raise ValidationError(_("Sengketa atas keberatan ini sudah dicatat."), code="duplicate")
    today = deadlines.local_today(objection.satker)
    if filed_on > today:
        raise ValidationError({"filed_on": _("Tanggal pengajuan tidak boleh di masa yang akan "
                                             "datang.")})
    if objection.status == ObjectionStatus.DECIDED:
        start = _local_date(objection.decided_at, objection.satker)
    elif today > objection.due_date:
        start = objection.due_date  # the atasan did not answer in time
    else:
        raise ValidationError(_("Sengketa dapat dicatat setelah atasan PPID memutus keberatan "
                                "atau setelah batas waktu tanggapannya (%(date)s) lewat.")
                              % {"date": _date_text(objection.due_date)}, code="early")
    if filed_on < start:
        raise ValidationError({"filed_on": _("Tanggal pengajuan sengketa tidak boleh sebelum "
                                             "%(date)s.") % {"date": _date_text(start)}})
    # Pasal 37(2): 14 working days after the atasan's answer.
    last_day = calendar.add_working_days(start, deadlines.DISPUTE_FILING_DAYS,
                                         satker=objection.satker)
    if filed_on > last_day:
        raise ValidationError(
            _("Batas waktu pengajuan sengketa ke Komisi Informasi telah lewat pada %(date)s.")
            % {"date": _date_text(last_day)}, code="late")
    dispute = Dispute.objects.create(
        objection=objection, filed_on=filed_on, deadline=last_day, commission=commission,
        case_number=case_number, outcome=outcome, outcome_date=outcome_date, notes=notes,
        recorded_by=actor,
    )
    _event(objection.request, EventKind.DISPUTE_RECORDED, actor=actor,
           text=_("Sengketa atas keberatan %(number)s diajukan ke %(commission)s.")
           % {"number": objection.number, "commission": commission},
           data={"dispute_id": dispute.pk})
    audit.record(dispute, actor=actor, action="dispute_recorded", satker=objection.satker_id)
    return dispute


# --- Consequence tests and the DIP -------------------------------------------------------------

def _require_satker_staff(actor, satker) -> None:
    if not policies.can_act_for_satker(actor, satker):
        raise PermissionDenied(_("Anda tidak berwenang mengelola informasi satker ini."))


def _full_clean(obj, exclude=()) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc


@transaction.atomic
def create_consequence_test(*, satker, actor, **fields) -> ConsequenceTest:
    """Record a consequence test (uji konsekuensi, UU 14/2008 Pasal 17 jo. 19)."""
    _require_satker_staff(actor, satker)
    unknown = set(fields) - set(CONSEQUENCE_TEST_FIELDS)
    if unknown:
        raise TypeError(f"Unknown consequence test fields: {sorted(unknown)}")
    values = {k: (_text(v) if isinstance(v, str) else v) for k, v in fields.items()}
    if values.get("decided_at") is None:
        values.pop("decided_at", None)
    test = ConsequenceTest(satker=satker, decided_by=actor, **values)
    _full_clean(test)
    test.save()
    audit.record(test, actor=actor, action="consequence_test_created")
    return test


@transaction.atomic
def save_information_list_entry(*, satker, actor, entry=None, **fields) -> InformationListEntry:
    """Create or update one line of the Daftar Informasi Publik."""
    _require_satker_staff(actor, satker)
    unknown = set(fields) - set(INFORMATION_LIST_FIELDS)
    if unknown:
        raise TypeError(f"Unknown information list fields: {sorted(unknown)}")
    if entry is not None:
        entry = InformationListEntry.objects.select_for_update(of=("self",)).get(pk=entry.pk)
        if entry.satker_id != satker.pk:
            raise PermissionDenied(_("Entri ini bukan milik satker tersebut."))
    before = audit.snapshot(entry) if entry is not None else {}
    entry = entry or InformationListEntry(satker=satker)
    for name, value in fields.items():
        setattr(entry, name, _text(value) if isinstance(value, str) else value)
    errors: dict[str, list[str]] = {}
    if entry.information_class == InformationClass.EXEMPT and entry.consequence_test is None:
        # Pasal 17 jo. 19: information is exempt only after a consequence test.
        errors["consequence_test"] = [_("Informasi yang dikecualikan wajib didasarkan pada uji "
                                        "konsekuensi.")]
    if entry.consequence_test is not None and entry.consequence_test.satker_id != satker.pk:
        errors["consequence_test"] = [_("Uji konsekuensi harus milik satker ini.")]
    if entry.document is not None and entry.document.satker_id != satker.pk:
        errors["document"] = [_("Dokumen harus milik satker ini.")]
    if errors:
        raise ValidationError(errors)
    _full_clean(entry)
    entry.save()
    audit.record(entry, actor=actor, before=before,
                 action="information_list_updated" if before else "information_list_created")
    return entry


@transaction.atomic
def delete_information_list_entry(*, entry, actor) -> InformationListEntry:
    _require_satker_staff(actor, entry.satker)
    before = audit.snapshot(entry)
    pk = entry.pk
    audit.record(entry, actor=actor, action="information_list_deleted", before=before, after={})
    entry.delete()
    entry.pk = pk
    return entry
