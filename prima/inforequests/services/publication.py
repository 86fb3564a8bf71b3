"""Publishing the answer to a request on its public register entry: when the information given
is public (granted in full, or the released part of a grant in part), the PPID may publish the
response and the released documents so everyone can read them (UU 14/2008 Pasal 9-11). The
requester's personal data is never part of it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import GIVEN_DECISIONS, AuditAction, Status
from ..models import DeliveredFile
from .common import (
    clean_text,
    has_null_character,
    lock_request,
    masked_snapshot,
    null_character_error,
    record,
    require_staff,
)

ANSWER_MAX_LENGTH = 10000


@transaction.atomic
def publish_answer(*, request, actor, answer, file_ids=()) -> list[DeliveredFile]:
    """Publish ``answer`` and the delivered files ``file_ids`` on the register entry (files
    not listed are unpublished). Returns the published files."""
    require_staff(actor, request)
    if has_null_character(answer):
        raise ValidationError({"answer": null_character_error()})
    answer = clean_text(answer)
    if not answer:
        raise ValidationError({"answer": _("Tulis jawaban yang akan dipublikasikan.")})
    if len(answer) > ANSWER_MAX_LENGTH:
        raise ValidationError({"answer": _("Paling banyak %(n)s karakter.")
                               % {"n": ANSWER_MAX_LENGTH}})
    request = lock_request(request)
    if request.status not in (Status.DECIDED, Status.DELIVERED, Status.CLOSED) or \
            request.decision not in GIVEN_DECISIONS:
        raise ValidationError(_("Hanya informasi yang diberikan (seluruhnya atau sebagian) yang "
                                "dapat dipublikasikan."), code="state")
    if not request.is_published:
        raise ValidationError(_("Permohonan ini tidak tampil di register publik."),
                              code="unpublished")
    ids = {int(i) for i in file_ids or ()}
    files = list(request.delivered_files.filter(pk__in=ids))
    if len(files) != len(ids):
        raise ValidationError({"file_ids": _("Berkas tidak ditemukan pada permohonan ini.")})
    before = masked_snapshot(request)
    request.published_answer = answer
    request.answer_published_at = request.answer_published_at or timezone.now()
    request.save(update_fields=["published_answer", "answer_published_at", "updated_at"])
    request.delivered_files.update(is_published=False)
    request.delivered_files.filter(pk__in=ids).update(is_published=True)
    record(request, actor=actor, action=AuditAction.ANSWER_PUBLISHED, before=before)
    return files


@transaction.atomic
def unpublish_answer(*, request, actor):
    """Take the published answer and documents off the register entry."""
    require_staff(actor, request)
    request = lock_request(request)
    before = masked_snapshot(request)
    request.published_answer = ""
    request.answer_published_at = None
    request.save(update_fields=["published_answer", "answer_published_at", "updated_at"])
    request.delivered_files.update(is_published=False)
    record(request, actor=actor, action=AuditAction.ANSWER_PUBLISHED, before=before)
    return request
