"""Registering a request from any channel, and every rule its input must meet.

This module is the one home of the request form's rules (Perki 1/2021 Pasal 4-5 and the
form's annex; UU 14/2008 Pasal 22): the public web form, the officer's desk form for offline
requests and the JSON API all call ``clean_request`` / ``register_request`` and show the
``ValidationError`` it raises, with the same field keys and the same Indonesian messages.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prima.core import audit, calendar, mail, pagecache, rows, tasks, uploads
from prima.core.tasks import deliver_outbox_email, enqueue_with_transaction

from .. import deadlines, emails, policies, tracking
from ..choices import (
    OFFLINE_CHANNELS,
    AuditAction,
    Channel,
    CopyForm,
    DeliveryMethod,
    EventKind,
    ObtainMethod,
    RequesterKind,
)
from ..models import InformationRequest, RequestAttachment, RequestEvent
from ..numbers import next_request_number, request_number_holding
from ..tasks import notify_staff_of_new_request
from .common import (
    CLOCK_SKEW,
    Errors,
    clean_text,
    date_text,
    delete_stored,
    has_null_character,
    is_user,
    local_date,
    masked_snapshot,
    null_character_error,
    record,
    send_safely,
    single_line,
    too_long_error,
)

# Attachments of a request (power of attorney, ID scan): at most 5 MB each, checked by content.
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
ATTACHMENT_KINDS = tuple(k for k in ("pdf", "jpeg", "png") if k in uploads.KINDS)
MAX_ATTACHMENTS = 5
# The input name of each kind of attachment, on the request form and in the API; errors about
# an attachment are keyed by it.
ATTACHMENT_FIELDS: dict[str, str] = {
    RequestAttachment.Kind.POWER_OF_ATTORNEY: "power_of_attorney",
    RequestAttachment.Kind.IDENTITY: "identity_scan",
}
OTHER_ATTACHMENTS_FIELD = "attachments"

REQUESTER_FIELDS = ("requester_kind", "full_name", "nik", "entity_number", "address", "phone",
                    "email", "occupation")
REQUEST_FIELDS = ("information_requested", "purpose", "obtain_method", "copy_form",
                  "delivery_method")
# Typed on one line: any whitespace, line breaks included, becomes one space.
SINGLE_LINE_FIELDS = ("requester_kind", "full_name", "entity_number", "phone", "email",
                      "occupation", "obtain_method", "copy_form", "delivery_method")
# Always required whatever the other answers are (the form marks them).
REQUIRED_FIELDS = ("requester_kind", "full_name", "address", "information_requested",
                   "purpose", "obtain_method")
MAX_LENGTHS = {
    "full_name": 200,
    "nik": 16,
    "entity_number": 120,
    "address": 1000,
    "phone": 32,
    "email": 254,
    "occupation": 120,
    "information_requested": 5000,
    "purpose": 3000,
}
# Perki 1/2021: an individual (or a proxy) identifies with the KTP (NIK); a legal entity with its
# deed or decree of establishment.
NIK_KINDS = (RequesterKind.INDIVIDUAL, RequesterKind.PROXY)
NIK_RE = re.compile(r"^[0-9]{16}$")
NIK_SEPARATORS = re.compile(r"[\s.\-]")
PHONE_RE = re.compile(r"^\+?[0-9 ().\-]{6,32}$")
PHONE_MIN_DIGITS = 6

logger = logging.getLogger(__name__)


def _labels() -> dict[str, str]:
    # Translated at call time (the active language of the request).
    return {
        "full_name": _("Nama lengkap"),
        "entity_number": _("Nomor akta/SK"),
        "address": _("Alamat"),
        "occupation": _("Pekerjaan"),
        "information_requested": _("Rincian informasi yang dibutuhkan"),
        "purpose": _("Tujuan penggunaan informasi"),
    }


def _normalised(data: Mapping) -> dict[str, str]:
    cleaned = {}
    for name in REQUESTER_FIELDS + REQUEST_FIELDS:
        value = data.get(name)
        cleaned[name] = single_line(value) if name in SINGLE_LINE_FIELDS else clean_text(value)
    cleaned["nik"] = NIK_SEPARATORS.sub("", str(data.get("nik") or ""))
    return cleaned


def _check_identity(cleaned: dict, errors: Errors) -> None:
    kind = cleaned["requester_kind"]
    if kind not in RequesterKind.values:
        errors.add("requester_kind", _("Pilih jenis pemohon."))
    if not cleaned["full_name"]:
        errors.add("full_name", _("Nama lengkap wajib diisi."))
    # A group may give a NIK (of its representative); when given it must be a real one.
    if kind in NIK_KINDS or (cleaned["nik"] and kind != RequesterKind.ENTITY):
        if not NIK_RE.match(cleaned["nik"]):
            errors.add("nik", _("NIK harus 16 digit angka."))
    if kind == RequesterKind.ENTITY:
        cleaned["nik"] = ""
        if not cleaned["entity_number"]:
            errors.add("entity_number",
                       _("Nomor akta pendirian atau SK badan hukum wajib diisi."))
    else:
        cleaned["entity_number"] = ""
    if not cleaned["address"]:
        errors.add("address", _("Alamat wajib diisi."))


def _check_contact(cleaned: dict, errors: Errors) -> None:
    if not cleaned["email"] and not cleaned["phone"]:
        errors.add("email", _("Isi alamat email atau nomor telepon agar kami dapat menghubungi "
                              "Anda."))
    if cleaned["email"] and "email" not in errors:
        try:
            if len(cleaned["email"]) > MAX_LENGTHS["email"]:
                raise ValidationError("too long", code="invalid")
            validate_email(cleaned["email"])
        except ValidationError:
            errors.add("email", _("Alamat email tidak valid."))
        cleaned["email"] = cleaned["email"].lower()
    phone = cleaned["phone"]
    if phone and "phone" not in errors and (
            not PHONE_RE.match(phone) or sum(c.isdigit() for c in phone) < PHONE_MIN_DIGITS):
        errors.add("phone", _("Nomor telepon tidak valid (gunakan angka, boleh diawali +)."))


def _check_request(cleaned: dict, errors: Errors) -> None:
    if not cleaned["information_requested"]:
        errors.add("information_requested", _("Rincian informasi yang dibutuhkan wajib diisi."))
    if not cleaned["purpose"]:
        errors.add("purpose", _("Tujuan penggunaan informasi wajib diisi."))
    method = cleaned["obtain_method"]
    if method not in ObtainMethod.values:
        errors.add("obtain_method", _("Pilih cara memperoleh informasi."))
    if method != ObtainMethod.COPY:
        # Viewing, reading, listening or noting: no copy, so no form and no way to receive it.
        cleaned["copy_form"] = cleaned["delivery_method"] = ""
        return
    if cleaned["copy_form"] not in CopyForm.values:
        errors.add("copy_form", _("Pilih bentuk salinan (elektronik atau cetak)."))
    if cleaned["delivery_method"] not in DeliveryMethod.values:
        errors.add("delivery_method", _("Pilih cara mendapatkan salinan."))
    elif (cleaned["delivery_method"] == DeliveryMethod.EMAIL and not cleaned["email"]
          and "email" not in errors):
        errors.add("email", _("Isi email untuk menerima salinan melalui email."))


def _check_data(data: Mapping, errors: Errors) -> dict[str, str]:
    cleaned = _normalised(data)
    refused = {name for name in cleaned if has_null_character(data.get(name))}
    for name in sorted(refused):
        errors.add(name, null_character_error())
    labels = _labels()
    for name, limit in MAX_LENGTHS.items():
        if name in labels and name not in refused and len(cleaned[name]) > limit:
            errors.add(name, too_long_error(labels[name], limit))
    _check_identity(cleaned, errors)
    _check_contact(cleaned, errors)
    _check_request(cleaned, errors)
    # Each field carries its first problem only: one clear message next to it.
    for name in list(errors.by_field):
        errors.by_field[name] = errors.by_field[name][:1]
    return cleaned


def attachment_field(kind: str) -> str:
    return ATTACHMENT_FIELDS.get(kind, OTHER_ATTACHMENTS_FIELD)


def _check_attachments(attachments, requester_kind: str, errors: Errors) -> list:
    """Every attachment checked (content, size, kind) before anything is written."""
    attachments = [(kind, upload) for kind, upload in attachments or () if upload is not None]
    if len(attachments) > MAX_ATTACHMENTS:
        errors.add(OTHER_ATTACHMENTS_FIELD,
                   _("Paling banyak %(n)s lampiran.") % {"n": MAX_ATTACHMENTS})
        return []
    checked = []
    for kind, upload in attachments:
        if kind not in RequestAttachment.Kind.values:
            errors.add(OTHER_ATTACHMENTS_FIELD, _("Jenis lampiran tidak dikenal."))
            continue
        try:
            result = uploads.check_upload(upload, allowed_kinds=ATTACHMENT_KINDS,
                                          max_bytes=ATTACHMENT_MAX_BYTES)
        except ValidationError as exc:
            for message in exc.messages:
                errors.add(attachment_field(kind), message)
            continue
        checked.append((kind, upload, result))
    kinds = {kind for kind, _upload in attachments}
    field = ATTACHMENT_FIELDS[RequestAttachment.Kind.POWER_OF_ATTORNEY]
    if (requester_kind == RequesterKind.PROXY
            and RequestAttachment.Kind.POWER_OF_ATTORNEY not in kinds and field not in errors):
        # Perki 1/2021: a request through a proxy comes with the power of attorney.
        errors.add(field, _("Lampirkan surat kuasa untuk permohonan melalui kuasa."))
    return checked


def _check_received_at(received_at, errors: Errors) -> None:
    if timezone.is_naive(received_at):
        errors.add("received_at", _("Waktu penerimaan harus memuat zona waktu."))
    elif received_at > timezone.now() + CLOCK_SKEW:
        errors.add("received_at", _("Waktu penerimaan tidak boleh di masa yang akan datang."))


def clean_request(*, data: Mapping, attachments: Iterable = (),
                  received_at=None) -> tuple[dict, list]:
    """The requester's and request's fields normalised and checked, the attachments
    (``(RequestAttachment.Kind, upload)`` pairs) checked by content, and the moment of receipt
    (when given); every error at once, by field. Returns ``(cleaned data, checked
    attachments)``; writes nothing."""
    errors = Errors()
    cleaned = _check_data(data, errors)
    checked = _check_attachments(attachments, cleaned["requester_kind"], errors)
    if received_at is not None:
        _check_received_at(received_at, errors)
    errors.raise_if_any()
    return cleaned, checked


def register_request(*, satker, channel, data: Mapping, attachments: Iterable = (), actor=None,
                     received_at=None) -> tuple[InformationRequest, str]:
    """Register a request from any channel; returns it with its tracking secret (in clear, once).

    The registration number is gapless per satker and year; the notice is due 10 working days
    after the effective day of receipt (UU 14/2008 Pasal 22(7); day 0 per core.calendar).
    """
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Saluran permohonan tidak dikenal.")})
    # Offline channels are entered by the satker's PPID staff; web and API by the public.
    staff = is_user(actor) and policies.can_act_for_satker(actor, satker)
    if channel in OFFLINE_CHANNELS and not staff:
        raise PermissionDenied(_("Hanya petugas PPID satker ini yang dapat mencatat permohonan "
                                 "luring."))
    received_at = received_at or timezone.now()
    cleaned, checked = clean_request(data=data, attachments=attachments,
                                     received_at=received_at)
    # Computed before the transaction: with SQLite it holds the database's single write lock,
    # so everything that need not be inside it stays out (issue 13).
    due = calendar.deadline(received_at, deadlines.ANSWER_WORKING_DAYS, satker=satker)
    prepared = _prepare(satker=satker, channel=channel, cleaned=cleaned,
                        actor=actor if staff else None, received_at=received_at, due=due)
    stored: list[str] = []
    try:
        # A new request is not on any public page until the PPID publishes it: its rows leave
        # the public page cache alone (no cache write after every submission).
        with pagecache.unseen_writes(), transaction.atomic():
            _register(prepared, checked=checked, stored=stored)
    except BaseException:
        # The transaction rolled back: remove the files it had stored (no orphan files).
        delete_stored(stored)
        raise
    if prepared.tasks:
        tasks.announce_queued(prepared.tasks)
    return prepared.request, prepared.secret


class _Prepared:
    """Everything a registration writes, made before its transaction. Text that shows the
    registration number (the timeline's first event, the receipt) holds ``placeholder`` where
    the sequence goes until the transaction draws it."""

    def __init__(self, *, request, secret, placeholder, event, actor, receipt, fast):
        self.request = request
        self.secret = secret
        self.placeholder = placeholder
        self.event = event
        self.actor = actor
        self.receipt = receipt  # the rendered receipt (None: no email, or it failed to render)
        self.fast = fast  # outbox and task queue in the database: rows written directly
        self.tasks: list = []

    def numbered(self, text: str, sequence: int) -> str:
        return text.replace(self.placeholder, f"{sequence:04d}")


def _writes_rows_directly() -> bool:
    """The embedded set-up (outbox email backend, database task queue): the registration writes
    its email and task rows itself with its other rows (``core.rows``); other set-ups (tests'
    email backend, the immediate or RQ task backends) go through ``send``/``enqueue``."""
    return (mail.stores_in_outbox() and tasks.queues_in_database(deliver_outbox_email)
            and tasks.queues_in_database(notify_staff_of_new_request))


def _prepare(*, satker, channel, cleaned, actor, received_at, due) -> _Prepared:
    year = local_date(received_at, satker).year
    placeholder = f"x{secrets.token_hex(8)}x"
    secret = tracking.new_secret()
    request = InformationRequest(
        satker=satker, year=year, sequence=0,
        number=request_number_holding(placeholder, satker, year), channel=channel,
        received_at=received_at, received_on=due.received_on, due_date=due.due_date,
        due_rule=due.rule, created_by=actor, tracking_secret_hash=tracking.hash_secret(secret),
        **cleaned,
    )
    event = RequestEvent(
        kind=EventKind.REGISTERED, actor=actor, is_public=True,
        text=_("Permohonan diterima melalui %(channel)s dan dicatat dengan nomor %(number)s. "
               "Batas waktu pemberitahuan tertulis: %(due)s.")
        % {"channel": request.get_channel_display(), "number": request.number,
           "due": date_text(request.due_date)},
        data={"due_date": request.due_date.isoformat(), "rule": due.rule},
    )
    fast = _writes_rows_directly()
    receipt = None
    if fast and request.email:
        try:
            receipt = emails.receipt_message(request, secret)
        except Exception:  # noqa: BLE001 - the request stands without its receipt
            logger.exception("Could not render the receipt")
    return _Prepared(request=request, secret=secret, placeholder=placeholder, event=event,
                     actor=actor, receipt=receipt, fast=fast)


def _register(prepared: _Prepared, *, checked, stored) -> None:
    request, actor = prepared.request, prepared.actor
    sequence, number = next_request_number(request.satker, request.year)
    request.sequence, request.number = sequence, number
    prepared.event.text = prepared.numbered(prepared.event.text, sequence)
    if not prepared.fast:
        _register_with_the_orm(prepared, checked=checked, stored=stored)
        return
    # The embedded set-up: each row in one prepared INSERT, no savepoint (one failing write
    # rolls back the whole registration: an answered submission always has its receipt and
    # its notification queued).
    rows.insert([request])
    _store_attachments(request, checked, stored)
    prepared.event.request = request
    rows.insert([prepared.event])
    rows.insert([audit.event(request, actor=actor, action=AuditAction.REQUEST_REGISTERED,
                             after=masked_snapshot(request))])
    queued = []
    if prepared.receipt is not None:
        email = mail.outbox_row(prepared.receipt)
        email.subject = prepared.numbered(email.subject, sequence)
        email.body = prepared.numbered(email.body, sequence)
        email.html_body = prepared.numbered(email.html_body, sequence)
        rows.insert([email])
        queued.append(tasks.task_row(deliver_outbox_email, email.pk))
    queued.append(tasks.task_row(notify_staff_of_new_request, request.pk,
                                 actor.pk if is_user(actor) else None))
    rows.insert(queued)
    prepared.tasks = queued


def _store_attachments(request, checked, stored) -> None:
    for kind, upload, result in checked:
        attachment = RequestAttachment(
            request=request, kind=kind, original_name=result.original_name,
            content_type=result.content_type, sha256=result.sha256, size=result.size,
        )
        upload.seek(0)
        attachment.file.save(result.original_name, upload, save=False)
        stored.append(attachment.file.name)
        attachment.save()


def _register_with_the_orm(prepared: _Prepared, *, checked, stored) -> None:
    request, actor = prepared.request, prepared.actor
    request.save(force_insert=True)
    _store_attachments(request, checked, stored)
    prepared.event.request = request
    prepared.event.save(force_insert=True)
    record(request, actor=actor, action=AuditAction.REQUEST_REGISTERED)
    if request.email:
        send_safely(emails.send_receipt, request, prepared.secret)
    # The PPID hears of every request (the staff home counts it at once too); the worker
    # composes that email, queued with this transaction so it never goes out for a request
    # that was rolled back.
    enqueue_with_transaction(notify_staff_of_new_request, request.pk,
                             actor.pk if is_user(actor) else None)
