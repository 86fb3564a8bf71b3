"""Reminders of the reform app: quarterly reports due or overdue, and open recommendations past
their deadline. One email per satker per day to its reform team and head, composed by
``core.mail.compose`` from ``reform/emails/reminder.txt`` and queued through the outbox.

Run daily: ``manage.py send_reform_reminders`` (cron) or the ``send_reform_reminders`` task.
A report is due ``PRIMA_REFORM_REPORT_DUE_DAYS`` (10) days after the quarter's end; the reminder
starts ``PRIMA_REFORM_REMINDER_DAYS_BEFORE`` (5) days before that and repeats daily until the
report is submitted.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from prima.core import audit
from prima.core.mail import compose
from prima.core.models import AuditEvent
from prima.organisations.choices import Role
from prima.organisations.models import Membership, Satker

from .choices import AuditAction, RecommendationStatus, TeamStatus
from .models import ActionPlan, ProgressReport, Recommendation, TeamMember
from .querysets import ACTIVE_PLAN_STATUSES, PENDING_REPORT_STATUSES, report_due_date

logger = logging.getLogger(__name__)
ACTION = AuditAction.REMINDER_SENT
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def days_before() -> int:
    return int(getattr(settings, "PRIMA_REFORM_REMINDER_DAYS_BEFORE", 5))


def recipients(satker: Satker) -> list[str]:
    """The active reform team's members with an account, the satker's reform role holders and
    its head."""
    emails = set(Membership.objects.active()
                 .filter(satker=satker, role__in=[Role.REFORM, Role.HEAD],
                         user__is_active=True).values_list("user__email", flat=True))
    emails |= set(TeamMember.objects.filter(team__satker=satker,
                                            team__status=TeamStatus.ACTIVE,
                                            user__is_active=True)
                  .values_list("user__email", flat=True))
    return sorted(e for e in emails if e)


def reports_due(today: dt.date) -> dict[int, list[tuple]]:
    """{satker id: [(plan, quarter, due date, report or None)]} for reports due within the
    reminder window or overdue and not submitted."""
    horizon = today + dt.timedelta(days=days_before())
    plans = list(ActionPlan.objects.filter(status__in=ACTIVE_PLAN_STATUSES, is_template=False,
                                           year__gte=today.year - 1, year__lte=today.year)
                 .select_related("satker"))
    reports = {(r.plan_id, r.quarter): r for r in ProgressReport.objects.filter(
        plan__in=[p.pk for p in plans])}
    result: dict[int, list] = defaultdict(list)
    for plan in plans:
        for quarter in range(1, 5):
            report = reports.get((plan.pk, quarter))
            due = report.due_date if report and report.due_date else report_due_date(plan.year,
                                                                                      quarter)
            if due > horizon:
                continue
            if report is None or report.status in PENDING_REPORT_STATUSES:
                result[plan.satker_id].append((plan, quarter, due, report))
    return result


def recommendations_overdue(today: dt.date) -> dict[int, list[Recommendation]]:
    result: dict[int, list] = defaultdict(list)
    for recommendation in (Recommendation.objects
                           .filter(status=RecommendationStatus.OPEN, deadline__lt=today)
                           .select_related("report__plan").order_by("deadline", "id")):
        result[recommendation.report.plan.satker_id].append(recommendation)
    return result


def _due_items(due, today: dt.date) -> list[dict]:
    return [{"year": str(plan.year), "quarter": ROMAN[quarter], "report": report,
             "due": due_date.strftime("%d-%m-%Y"), "late": due_date < today}
            for plan, quarter, due_date, report in due]


def send_reminder(satker: Satker, *, to: list[str], due, overdue_recs, today: dt.date) -> int:
    """The reminder email (``reform/emails/reminder.txt``) to ``to``."""
    return compose(
        to=to, template="reform/emails/reminder",
        subject=_("Pengingat reformasi birokrasi %(satker)s"),
        subject_params={"satker": satker.name},
        context={"satker": satker, "due": _due_items(due, today), "overdue_recs": overdue_recs,
                 "url": f"{settings.PRIMA_BASE_URL}/staf/"})


def remind_satker(satker: Satker, *, due, overdue_recs, today: dt.date) -> int:
    """One email for ``satker``; at most one per day (recorded as an audit event)."""
    with transaction.atomic():
        locked = Satker.objects.select_for_update().get(pk=satker.pk)
        if AuditEvent.objects.filter(action=ACTION, satker=locked,
                                     changes__reminder_on__1=today.isoformat()).exists():
            return 0
        to = recipients(locked)
        if not to:
            logger.warning("No reform team member with an email at %s for reminders", locked)
            return 0
        send_reminder(locked, to=to, due=due, overdue_recs=overdue_recs, today=today)
        audit.record(locked, actor=None, action=ACTION, satker=locked, changes={
            "reminder_on": [None, today.isoformat()],
            "reports": [None, [f"{p.year}-{q}" for p, q, _d, _r in due]],
            "recommendations": [None, [r.pk for r in overdue_recs]]})
    return 1


def send_reminders(today: dt.date | None = None) -> int:
    """Reminders for every satker with reports due or recommendations overdue; idempotent per
    day. Returns the number of emails sent."""
    today = today or timezone.localdate()
    due = reports_due(today)
    recs = recommendations_overdue(today)
    sent = 0
    for satker in Satker.objects.filter(pk__in=set(due) | set(recs)).order_by("code"):
        try:
            sent += remind_satker(satker, due=due.get(satker.pk, []),
                                  overdue_recs=recs.get(satker.pk, []), today=today)
        except Exception:  # noqa: BLE001 - one satker's failure must not stop the others
            logger.exception("Reform reminders failed for %s", satker)
    return sent


@task()
def send_reform_reminders() -> int:
    """Periodic: run daily."""
    return send_reminders()
