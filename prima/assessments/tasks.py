"""Reminders ahead of the national submission deadline (integrity-zone.md stage 4: units are
proposed by 31 May each year, ``settings.PRIMA_ASSESSMENT_DEADLINE``): on each of the days in
``settings.PRIMA_ASSESSMENT_REMINDER_DAYS`` before it, every satker still filling a worksheet of
that year gets one email with its progress and the items still without evidence; at most one
per satker per day (recorded as an audit event)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from prima.core import audit
from prima.core.mail import compose
from prima.core.models import AuditEvent
from prima.organisations.choices import Role
from prima.organisations.models import Membership, Satker
from prima.organisations.policies import MANAGERS

from .choices import EDITABLE, AuditAction
from .models import Assessment
from .querysets import evidence_keys

logger = logging.getLogger(__name__)


def deadline(year: int) -> dt.date:
    month, day = (int(part) for part in settings.PRIMA_ASSESSMENT_DEADLINE.split("-"))
    return dt.date(year, month, day)


def due_assessments(today: dt.date) -> list[Assessment]:
    """Assessments still being filled whose deadline is one of the reminder days away, with
    the number of items that have evidence (one query)."""
    days = settings.PRIMA_ASSESSMENT_REMINDER_DAYS
    if (deadline(today.year) - today).days not in days:
        return []
    return list(Assessment.objects.filter(year=today.year, status__in=EDITABLE)
                .select_related("satker", "worksheet")
                .annotate(evidenced=Count("answers", filter=Q(answers__evidence_count__gt=0)))
                .order_by("satker__code", "kind"))


def recipients(satker: Satker) -> list[str]:
    roles = set(MANAGERS) | {Role.REFORM}
    emails = Membership.objects.active().filter(satker=satker, role__in=roles,
                                                user__is_active=True) \
        .values_list("user__email", flat=True)
    return sorted({e for e in emails if e})


def remind(assessment: Assessment, today: dt.date) -> int:
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if AuditEvent.objects.filter(action=AuditAction.REMINDER_SENT, object_id=str(locked.pk),
                                     changes__reminder_on__1=today.isoformat()).exists():
            return 0
        to = recipients(assessment.satker)
        if not to:
            return 0
        expected = len(evidence_keys(assessment.sheet))
        compose(to=to, template="assessments/emails/reminder", context={
            "assessment": assessment, "satker": assessment.satker,
            "deadline": deadline(assessment.year), "days": (deadline(assessment.year) - today).days,
            "missing": max(expected - assessment.evidenced, 0), "expected": expected,
            "url": reverse("assessments:staff-detail",
                           args=[assessment.satker.code, assessment.pk])},
            subject_template="assessments/emails/reminder_subject.txt")
        audit.record(locked, actor=None, action=AuditAction.REMINDER_SENT,
                     satker=assessment.satker, changes={"reminder_on": [None, today.isoformat()]})
    return 1


def send_reminders(today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    sent = 0
    for assessment in due_assessments(today):
        try:
            sent += remind(assessment, today)
        except Exception:  # noqa: BLE001 - one satker's failure must not stop the others
            logger.exception("Assessment reminder failed for %s", assessment)
    return sent


@task()
def send_assessment_reminders() -> int:
    """Periodic: run daily."""
    return send_reminders()
