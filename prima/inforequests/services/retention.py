"""Retention of requesters' personal data (UU 27/2022 Pasal 16(2), 43-44: kept only as long as
needed): NIK, address, phone and attachments are erased a configurable number of days
(``settings.PRIMA_INFOREQUESTS_PERSONAL_DATA_RETENTION_DAYS``) after the request ends. The
register keeps its non-personal columns (number, dates, information asked, decision...)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from prima.core import audit, calendar

from ..choices import OPEN_STATUSES, AuditAction, DisputeOutcome, ObjectionStatus
from ..models import InformationRequest, Objection, RequestAttachment
from .common import delete_stored, masked_snapshot

logger = logging.getLogger(__name__)


def _as_moment(day: dt.date, satker) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.max, tzinfo=calendar.local_timezone(satker))


def request_end(request) -> dt.datetime | None:
    """When the request ended: its last decision, delivery, objection answer or dispute
    outcome; ``None`` while anything is still pending (open request, objection or dispute).
    Expects ``objections`` (with ``dispute``) prefetched."""
    if request.status in OPEN_STATUSES or request.decided_at is None:
        return None
    moments = [request.decided_at]
    if request.delivered_at:
        moments.append(request.delivered_at)
    for objection in request.objections.all():
        if objection.status == ObjectionStatus.FILED:
            return None
        moments.append(objection.decided_at)
        dispute = getattr(objection, "dispute", None)
        if dispute is not None:
            if dispute.outcome == DisputeOutcome.PENDING:
                return None
            day = dispute.outcome_date or dispute.filed_on
            moments.append(_as_moment(day, request.satker))
    return max(m for m in moments if m is not None)


def _anonymise(request, now) -> list[str]:
    before = masked_snapshot(request)
    files = [a.file.name for a in request.attachments.all() if a.file]
    RequestAttachment.objects.filter(request=request).delete()
    request.nik = ""
    request.address = ""
    request.phone = ""
    request.anonymised_at = now
    request.save(update_fields=["nik", "address", "phone", "anonymised_at", "updated_at"])
    audit.record(request, actor=None, action=AuditAction.PERSONAL_DATA_ANONYMISED,
                 before=before, after=masked_snapshot(request))
    return files


def anonymise_expired(now: dt.datetime | None = None) -> int:
    """Anonymise every request whose retention period has run out; returns how many."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.PRIMA_INFOREQUESTS_PERSONAL_DATA_RETENTION_DAYS)
    # The end is never before the decision: only requests decided before the cutoff qualify.
    candidates = (InformationRequest.objects
                  .filter(anonymised_at__isnull=True, decided_at__lte=cutoff)
                  .exclude(status__in=OPEN_STATUSES)
                  .select_related("satker")
                  .prefetch_related(Prefetch("objections", queryset=Objection.objects
                                             .select_related("dispute")), "attachments"))
    done = 0
    for request in candidates.iterator(chunk_size=200):
        end = request_end(request)
        if end is None or end > cutoff:
            continue
        files = []
        try:
            with transaction.atomic():
                locked = (InformationRequest.objects.select_for_update(of=("self",))
                          .select_related("satker").get(pk=request.pk))
                if locked.anonymised_at is not None:
                    continue
                files = _anonymise(locked, now)
        except Exception:  # noqa: BLE001 - one request's failure must not stop the others
            logger.exception("Could not anonymise request %s", request.pk)
            continue
        delete_stored(files)
        done += 1
    return done
