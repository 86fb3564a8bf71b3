"""Handling a registered request: assignment, internal notes, clarification, the extension,
the soft copies prepared for the requester, their delivery by private link, and withdrawal."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prima.core import audit, calendar, uploads

from .. import deadlines, emails, policies, tracking
from ..choices import (
    GIVEN_DECISIONS,
    AuditAction,
    Decision,
    EventKind,
    HandoverConfirmation,
    HandoverMethod,
    Status,
)
from ..models import (
    DeliveredFile,
    DownloadLink,
    DownloadLog,
    HandoverReceipt,
    InformationRequest,
)
from ..signals import request_delivered
from .common import (
    CLOCK_SKEW,
    Errors,
    add_event,
    clean_text,
    date_text,
    delete_stored,
    has_null_character,
    local_date,
    lock_request,
    masked_snapshot,
    null_character_error,
    person_name,
    record,
    require_open,
    require_staff,
    send_safely,
    staff_or_none,
    too_long_error,
)

# Soft copies prepared by the officer: the document limit of the site.
DELIVERY_KINDS = tuple(k for k in ("pdf", "xlsx", "csv", "json", "jpeg", "png", "zip")
                       if k in uploads.KINDS)
DOWNLOAD_LINK_MAX_DAYS = 90
ANSWER_MAX_LENGTH = 5000
WITHDRAW_REASON_MAX_LENGTH = 2000


def _plain_text(value) -> str:
    return "" if has_null_character(value) else clean_text(value)


@transaction.atomic
def assign_request(*, request, officer, actor) -> InformationRequest:
    """Assign (or, with ``officer=None``, unassign) the officer who handles the request."""
    require_staff(actor, request)
    request = lock_request(request)
    require_open(request)
    if officer is not None and not policies.can_act_on(officer, request):
        raise ValidationError({"officer": _("Petugas harus PPID atau atasan PPID satker ini.")})
    before = masked_snapshot(request)
    request.assigned_to = officer
    if request.status == Status.REGISTERED:
        request.status = Status.IN_PROGRESS
    request.save(update_fields=["assigned_to", "status", "updated_at"])
    add_event(request, EventKind.ASSIGNED, actor=actor, is_public=False,
              text=(_("Ditugaskan kepada %(name)s.") % {"name": person_name(officer)})
              if officer else _("Penugasan petugas dicabut."),
              data={"officer_id": officer.pk if officer else None})
    record(request, actor=actor, action=AuditAction.REQUEST_ASSIGNED, before=before)
    return request


@transaction.atomic
def add_note(*, request, text: str, actor) -> InformationRequest:
    """An internal note (never shown to the requester)."""
    require_staff(actor, request)
    note = _plain_text(text)
    if not note:
        raise ValidationError({"text": _("Catatan tidak boleh kosong.")})
    request = lock_request(request)
    event = add_event(request, EventKind.NOTE, actor=actor, text=note, is_public=False)
    audit.record(event, actor=actor, action=AuditAction.NOTE_ADDED, satker=request.satker_id)
    return request



@transaction.atomic
def ask_clarification(*, request, question, actor) -> InformationRequest:
    """Ask the requester to clarify the request (the deadline keeps running)."""
    require_staff(actor, request)
    question = _plain_text(question)
    if not question:
        raise ValidationError({"question": _("Pertanyaan klarifikasi wajib diisi.")})
    request = lock_request(request)
    require_open(request)
    before = masked_snapshot(request)
    request.status = Status.CLARIFICATION
    request.save(update_fields=["status", "updated_at"])
    add_event(request, EventKind.CLARIFICATION_ASKED, actor=actor, text=question)
    record(request, actor=actor, action=AuditAction.CLARIFICATION_ASKED, before=before)
    if request.email:
        send_safely(emails.send_clarification, request, question)
    return request


@transaction.atomic
def answer_clarification(*, request, answer, actor=None) -> InformationRequest:
    """The requester's answer (tracking page, ``actor=None``) or one an officer records."""
    actor = staff_or_none(actor, request)
    errors = Errors()
    if has_null_character(answer):
        errors.add("answer", null_character_error())
    answer = clean_text(answer)
    if not answer and "answer" not in errors:
        errors.add("answer", _("Isi jawaban klarifikasi."))
    elif len(answer) > ANSWER_MAX_LENGTH:
        errors.add("answer", too_long_error(_("Jawaban klarifikasi"), ANSWER_MAX_LENGTH))
    errors.raise_if_any()
    request = lock_request(request)
    if request.status != Status.CLARIFICATION:
        raise ValidationError(_("Tidak ada permintaan klarifikasi yang menunggu jawaban."),
                              code="state")
    before = masked_snapshot(request)
    request.status = Status.IN_PROGRESS
    request.save(update_fields=["status", "updated_at"])
    add_event(request, EventKind.CLARIFICATION_ANSWERED, actor=actor, text=answer)
    record(request, actor=actor, action=AuditAction.CLARIFICATION_ANSWERED, before=before)
    return request


@transaction.atomic
def extend_request(*, request, days: int, reasons: str, actor,
                   today: dt.date | None = None) -> InformationRequest:
    """Extend the deadline once, by 1 to 7 working days, before it passes, with written reasons
    sent to the requester (UU 14/2008 Pasal 22(8))."""
    require_staff(actor, request)
    reasons = _plain_text(reasons)
    request = lock_request(request)
    require_open(request)
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
              "sebelum batas waktu berakhir.") % {"date": date_text(request.due_date)},
            code="late")
    before = masked_snapshot(request)
    old_due = request.due_date
    # Counted from the current due date: add_working_days(due_date, days).
    new_due = calendar.add_working_days(old_due, days, satker=request.satker)
    request.due_date = new_due
    request.extended_at = timezone.now()
    request.extension_days = days
    request.extension_reasons = reasons
    request.due_rule = (f"{request.due_rule} Diperpanjang {days} hari kerja sejak "
                        f"{date_text(old_due)} (UU 14/2008 Pasal 22 ayat (8)); jatuh tempo "
                        f"{date_text(new_due)}.").strip()
    request.save(update_fields=["due_date", "extended_at", "extension_days",
                                "extension_reasons", "due_rule", "updated_at"])
    add_event(request, EventKind.EXTENDED, actor=actor,
              text=_("Jangka waktu diperpanjang %(days)s hari kerja hingga %(due)s. Alasan: "
                     "%(reasons)s") % {"days": days, "due": date_text(new_due),
                                       "reasons": reasons},
              data={"old_due_date": old_due.isoformat(), "due_date": new_due.isoformat(),
                    "days": days})
    record(request, actor=actor, action=AuditAction.REQUEST_EXTENDED, before=before)
    if request.email:
        send_safely(emails.send_extension, request)
    return request


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
    require_staff(actor, request)
    title = _plain_text(title)
    link_url = _plain_text(link_url)
    redaction_note = _plain_text(redaction_note)
    errors = Errors()
    if not title:
        errors.add("title", _("Judul berkas wajib diisi."))
    if upload is None and not link_url:
        errors.add("upload", _("Unggah berkas atau isi tautan."))
    elif upload is not None and link_url:
        errors.add("upload", _("Pilih salah satu: unggah berkas atau tautan."))
    if link_url:
        try:
            URLValidator(schemes=["http", "https"])(link_url)
        except ValidationError:
            errors.add("link_url", _("Tautan tidak valid (harus diawali http:// atau https://)."))
    if is_redacted and not redaction_note:
        # Pasal 22(7) e: the blacked-out parts and why.
        errors.add("redaction_note", _("Jelaskan bagian yang dihitamkan dan alasannya."))
    errors.raise_if_any()
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
            request = lock_request(request)
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
            add_event(request, EventKind.FILE_ADDED, actor=actor, is_public=False,
                      text=title + (_(" (versi dihitamkan)") if is_redacted else ""),
                      data={"file_id": delivered.pk})
            audit.record(delivered, actor=actor, action=AuditAction.FILE_ADDED,
                         satker=request.satker_id)
    except BaseException:
        delete_stored(stored)
        raise
    return delivered


@transaction.atomic
def deliver_request(*, request, actor, valid_days=30) -> tuple[DownloadLink, str]:
    """Open an expiring private download link for the prepared files and tell the requester.

    A new link replaces (revokes) earlier ones; the token is returned in clear only here.
    """
    require_staff(actor, request)
    try:
        valid_days = int(valid_days)
    except (TypeError, ValueError):
        valid_days = 0
    if not 1 <= valid_days <= DOWNLOAD_LINK_MAX_DAYS:
        raise ValidationError({"valid_days": _("Masa berlaku tautan 1 sampai %(max)s hari.")
                               % {"max": DOWNLOAD_LINK_MAX_DAYS}})
    request = lock_request(request)
    _require_given(request)
    if not request.delivered_files.exists():
        raise ValidationError(_("Belum ada berkas atau tautan yang disiapkan untuk diserahkan."),
                              code="no_files")
    before = masked_snapshot(request)
    now = timezone.now()
    request.download_links.filter(revoked_at__isnull=True).update(revoked_at=now)
    token = tracking.new_secret()
    link = DownloadLink.objects.create(request=request, token_hash=tracking.hash_secret(token),
                                       expires_at=now + dt.timedelta(days=valid_days))
    request.status = Status.DELIVERED
    request.delivered_at = request.delivered_at or now
    request.save(update_fields=["status", "delivered_at", "updated_at"])
    add_event(request, EventKind.DELIVERED, actor=actor,
              text=_("Berkas tersedia melalui tautan unduhan pribadi yang berlaku sampai "
                     "%(date)s.") % {"date": date_text(local_date(link.expires_at,
                                                                  request.satker))},
              data={"link_id": link.pk,
                    "expires_on": local_date(link.expires_at, request.satker).isoformat(),
                    "files": list(
                  request.delivered_files.values_list("pk", flat=True))})
    record(request, actor=actor, action=AuditAction.REQUEST_DELIVERED, before=before)
    if request.email:
        send_safely(emails.send_delivery, request, link, token)
    transaction.on_commit(lambda: request_delivered.send(sender=InformationRequest,
                                                         request=request))
    return link, token


HANDOVER_NAME_MAX_LENGTH = 200


@transaction.atomic
def record_handover(*, request, actor, method, received_by_name, handed_over_at=None,
                    confirmation, attestation="", note="") -> HandoverReceipt:
    """Record information handed over without a file (a hard copy handed over, viewed at the
    office, or a copy picked up) with its receipt: who, when, how, and the requester's
    signature or the officer's attestation (domain "Deadlines": delivery follows the notice,
    with a proof of handover). The request counts as delivered."""
    require_staff(actor, request)
    errors = Errors()
    for name, value in (("received_by_name", received_by_name), ("attestation", attestation),
                        ("note", note)):
        if has_null_character(value):
            errors.add(name, null_character_error())
    received_by_name = " ".join(str(received_by_name or "").split())
    attestation = _plain_text(attestation)
    note = _plain_text(note)
    if method not in HandoverMethod.values:
        errors.add("method", _("Pilih cara penyerahan."))
    if not received_by_name and "received_by_name" not in errors:
        errors.add("received_by_name", _("Tulis nama penerima informasi."))
    elif len(received_by_name) > HANDOVER_NAME_MAX_LENGTH:
        errors.add("received_by_name",
                   too_long_error(_("Nama penerima"), HANDOVER_NAME_MAX_LENGTH))
    if confirmation not in HandoverConfirmation.values:
        errors.add("confirmation", _("Pilih bukti penerimaan."))
    elif confirmation == HandoverConfirmation.ATTESTATION and not attestation \
            and "attestation" not in errors:
        errors.add("attestation", _("Tulis pernyataan petugas tentang penyerahan ini."))
    now = timezone.now()
    handed_over_at = handed_over_at or now
    if timezone.is_naive(handed_over_at) or handed_over_at > now + CLOCK_SKEW:
        errors.add("handed_over_at", _("Waktu penyerahan tidak boleh di masa yang akan "
                                       "datang."))
    errors.raise_if_any()
    request = lock_request(request)
    _require_given(request)
    notice = deadlines.notice_of(request)
    # Times are entered to the minute.
    if notice is not None and handed_over_at < notice.issued_at.replace(second=0,
                                                                        microsecond=0):
        raise ValidationError({"handed_over_at": _(
            "Waktu penyerahan tidak boleh sebelum pemberitahuan tertulis terbit.")})
    before = masked_snapshot(request)
    receipt = HandoverReceipt.objects.create(
        request=request, method=method, received_by_name=received_by_name,
        handed_over_at=handed_over_at, confirmation=confirmation,
        attestation=attestation if confirmation == HandoverConfirmation.ATTESTATION else "",
        note=note, recorded_by=actor)
    request.status = Status.DELIVERED
    request.delivered_at = request.delivered_at or handed_over_at
    request.save(update_fields=["status", "delivered_at", "updated_at"])
    add_event(request, EventKind.DELIVERED, actor=actor,
              text=_("%(method)s kepada %(name)s pada %(date)s.")
              % {"method": receipt.get_method_display(), "name": received_by_name,
                 "date": date_text(local_date(handed_over_at, request.satker))},
              data={"handover_id": receipt.pk, "method": method, "name": received_by_name,
                    "date": local_date(handed_over_at, request.satker).isoformat()})
    record(request, actor=actor, action=AuditAction.HANDOVER_RECORDED, before=before)
    # Delivered in person: the requester is invited to rate the service too.
    transaction.on_commit(lambda: request_delivered.send(sender=InformationRequest,
                                                         request=request))
    return receipt


@transaction.atomic
def withdraw_request(*, request, actor=None, reason="") -> InformationRequest:
    """The requester withdraws the request (tracking page, or recorded by an officer)."""
    actor = staff_or_none(actor, request)
    if has_null_character(reason):
        raise ValidationError({"reason": null_character_error()})
    reason = clean_text(reason)
    if len(reason) > WITHDRAW_REASON_MAX_LENGTH:
        raise ValidationError({"reason": too_long_error(_("Alasan penarikan"),
                                                        WITHDRAW_REASON_MAX_LENGTH)})
    request = lock_request(request)
    require_open(request)
    before = masked_snapshot(request)
    request.status = Status.WITHDRAWN
    request.decision = Decision.WITHDRAWN
    request.decided_at = timezone.now()
    if reason:
        request.remarks = (f"{request.remarks}\n" if request.remarks else "") + \
            _("Ditarik: %(reason)s") % {"reason": reason}
    request.save(update_fields=["status", "decision", "decided_at", "remarks", "updated_at"])
    add_event(request, EventKind.WITHDRAWN, actor=actor, text=reason)
    record(request, actor=actor, action=AuditAction.REQUEST_WITHDRAWN, before=before)
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
                                     user_agent=_plain_text(user_agent)[:300])
    if first:
        # The first download of each file goes on the timeline; every download is logged.
        add_event(file.request, EventKind.DOWNLOADED, text=file.title,
                  data={"file_id": file.pk})
    return log

