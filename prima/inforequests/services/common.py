"""Helpers every service module of information requests shares: input cleaning, permission
checks, row locks, the timeline, the audit trail (with personal data masked) and safe emails."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prima.core import audit, calendar
from prima.organisations.choices import Role
from prima.organisations.models import Membership

from .. import policies
from ..choices import OPEN_STATUSES
from ..masking import mask_address, mask_nik, mask_phone
from ..models import InformationRequest, Objection, RequestEvent

logger = logging.getLogger(__name__)

# A clock may run a little ahead of the server's; a receipt time further ahead is refused.
CLOCK_SKEW = dt.timedelta(minutes=5)
PERSONAL_FIELDS = {"nik": mask_nik, "address": mask_address, "phone": mask_phone}
NULL_CHARACTER = "\x00"


def clean_text(value) -> str:
    """Free text as stored: a string without surrounding whitespace, with Windows and old Mac
    line ends turned into ``\\n`` (the same text from a browser, an API client or a test)."""
    return str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def single_line(value) -> str:
    """A one-line value: every run of whitespace (spaces, tabs, line breaks) becomes one space."""
    return " ".join(str(value or "").split())


def has_null_character(value) -> bool:
    # PostgreSQL cannot store NUL in text; such input is refused with a message, never a 500.
    return NULL_CHARACTER in str(value or "")


def null_character_error() -> str:
    return _("Isian memuat karakter yang tidak diizinkan.")


def too_long_error(label: str, limit: int) -> str:
    return _("%(label)s paling banyak %(limit)s karakter.") % {"label": label, "limit": limit}


def is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def require_staff(actor, request: InformationRequest) -> None:
    if not policies.can_act_on(actor, request):
        raise PermissionDenied(_("Anda tidak berwenang menangani permohonan ini."))


def require_satker_staff(actor, satker) -> None:
    if not policies.can_act_for_satker(actor, satker):
        raise PermissionDenied(_("Anda tidak berwenang mengelola informasi satker ini."))


def staff_or_none(actor, request: InformationRequest):
    """For steps a requester takes from the tracking page: an officer is recorded as the actor
    only when they may act on the request; anyone else acts as "the requester" (``None``)."""
    return actor if is_user(actor) and policies.can_act_on(actor, request) else None


def require_open(request: InformationRequest) -> None:
    if request.status not in OPEN_STATUSES:
        raise ValidationError(
            _("Permohonan %(number)s sudah %(status)s; langkah ini tidak dapat dilakukan.")
            % {"number": request.number, "status": request.get_status_display().lower()},
            code="state")


def masked_snapshot(obj) -> dict:
    """An audit snapshot with personal data masked (audit readers are not all PPID staff)."""
    data = audit.snapshot(obj)
    if isinstance(obj, InformationRequest):
        for name, mask in PERSONAL_FIELDS.items():
            if data.get(name):
                data[name] = mask(data[name])
    return data


def record(obj, *, actor, action: str, before: dict | None = None, satker=None) -> None:
    audit.record(obj, actor=actor, action=action, before=before, after=masked_snapshot(obj),
                 satker=satker)


def add_event(request: InformationRequest, kind: str, *, actor=None, text: str = "",
              is_public: bool = True, data: dict | None = None) -> RequestEvent:
    """One step on the request's timeline (public events are shown to the requester)."""
    return RequestEvent.objects.create(
        request=request, kind=kind, actor=actor if is_user(actor) else None,
        is_public=is_public, text=text, data=data or {},
    )


def lock_request(request: InformationRequest) -> InformationRequest:
    """The request re-read under a row lock, so two officers never act on a stale state."""
    return (InformationRequest.objects.select_for_update(of=("self",)).select_related("satker")
            .get(pk=request.pk))


def lock_objection(objection: Objection) -> Objection:
    return (Objection.objects.select_for_update(of=("self",))
            .select_related("satker", "request", "request__satker").get(pk=objection.pk))


def local_date(moment: dt.datetime, satker) -> dt.date:
    return timezone.localtime(moment, calendar.local_timezone(satker)).date()


def date_text(day: dt.date) -> str:
    # In the reader's language (Django's date formats); Indonesian as core.calendar writes it.
    from ..timeline import long_date

    return long_date(day)


def send_safely(send, *args) -> None:
    """Compose and queue an email in a savepoint; a failure is logged, never raised.

    Messages are stored in the outbox inside the caller's transaction, so they leave only if the
    step commits; a broken template or outbox write must not undo what the requester submitted.
    """
    try:
        with transaction.atomic():
            send(*args)
    except Exception:  # noqa: BLE001 - the step stands without its email
        logger.exception("Could not queue the email %s", getattr(send, "__name__", send))


def delete_stored(names) -> None:
    """Remove files stored by a step whose transaction rolled back (no orphan files)."""
    from django.core.files.storage import default_storage

    for name in names:
        try:
            default_storage.delete(name)
        except Exception:  # noqa: BLE001 - best effort cleanup after a failure
            logger.exception("Could not delete stored file %s", name)


def signer_title(actor, satker, roles=(Role.PPID, Role.ATASAN_PPID)) -> str:
    membership = (Membership.objects.active()
                  .filter(user=actor, satker=satker, role__in=roles)
                  .order_by("role").first()) if is_user(actor) else None
    if membership is not None and membership.title:
        return membership.title
    if membership is not None and membership.role == Role.ATASAN_PPID:
        return _("Atasan PPID %(satker)s") % {"satker": satker.name}
    return _("Pejabat Pengelola Informasi dan Dokumentasi (PPID) %(satker)s") % {
        "satker": satker.name}


def person_name(actor) -> str:
    return (getattr(actor, "full_name", "") or str(actor)).strip()


def full_clean(obj, exclude=()) -> None:
    """The model's own checks, with the errors by field."""
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc


class Errors:
    """Collects messages by field, so one answer lists every problem of the input at once."""

    def __init__(self):
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def __contains__(self, field: str) -> bool:
        return field in self.by_field

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)
