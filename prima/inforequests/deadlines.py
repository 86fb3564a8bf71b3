"""Working-day countdowns for requests and objections (UU 14/2008 Pasal 22, 35-37)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from prima.core import calendar

# UU 14/2008 Pasal 22(7): the written notice within 10 working days of receipt.
ANSWER_WORKING_DAYS = 10
# UU 14/2008 Pasal 22(8): one extension of at most 7 working days, with written reasons.
EXTENSION_MAX_DAYS = 7
# UU 14/2008 Pasal 36(1): an objection within 30 working days after its reason arises.
OBJECTION_FILING_DAYS = 30
# UU 14/2008 Pasal 36(2): the atasan PPID answers within 30 working days.
OBJECTION_ANSWER_DAYS = 30
# UU 14/2008 Pasal 37(2): a dispute within 14 working days after the atasan's answer.
DISPUTE_FILING_DAYS = 14
# Officers see "soon" when this many working days or fewer remain.
SOON_WORKING_DAYS = 3
# Reminders go out when this many working days or fewer remain.
REMINDER_WORKING_DAYS = 2

OK = "ok"
SOON = "soon"
OVERDUE = "overdue"
CLOSED = "closed"


@dataclass(frozen=True)
class Countdown:
    """Working days left until the due date (negative: working days late) and a state."""

    days_left: int
    state: str  # "ok" | "soon" | "overdue" | "closed"
    due_date: dt.date | None = None

    @property
    def is_overdue(self) -> bool:
        return self.state == OVERDUE


def local_today(satker=None) -> dt.date:
    return timezone.now().astimezone(calendar.local_timezone(satker)).date()


def _countdown(due_date: dt.date, is_open: bool, satker, today: dt.date | None) -> Countdown:
    today = today or local_today(satker)
    days_left = calendar.working_days_between(today, due_date, satker=satker)
    if not is_open:
        return Countdown(days_left, CLOSED, due_date)
    if due_date < today:
        return Countdown(days_left, OVERDUE, due_date)
    if days_left <= SOON_WORKING_DAYS:
        return Countdown(days_left, SOON, due_date)
    return Countdown(days_left, OK, due_date)


def countdown(request, today: dt.date | None = None) -> Countdown:
    """The countdown of a request to its (possibly extended) due date."""
    return _countdown(request.due_date, request.is_open, request.satker, today)


def objection_countdown(objection, today: dt.date | None = None) -> Countdown:
    from .choices import ObjectionStatus

    return _countdown(objection.due_date, objection.status == ObjectionStatus.FILED,
                      objection.satker, today)


def objection_reason_date(request) -> dt.date | None:
    """The day the reason for an objection arises (UU 14/2008 Pasal 36(1)).

    With a written notice: the day it was issued (local date of the satker). Without one: the
    due date, once it has passed unanswered (grounds c and g).
    """
    notice = notice_of(request)
    if notice is not None:
        return timezone.localtime(notice.issued_at,
                                  calendar.local_timezone(request.satker)).date()
    return request.due_date


def notice_of(request):
    """The request's written notice, or ``None``."""
    from .models import Notice

    try:
        return request.notice
    except Notice.DoesNotExist:
        return None


def objection_deadline(request) -> dt.date:
    """The last day to file an objection: 30 working days after its reason arises."""
    return calendar.add_working_days(objection_reason_date(request), OBJECTION_FILING_DAYS,
                                     satker=request.satker)


def dispute_deadline(objection) -> dt.date | None:
    """The last day to take the objection to the Komisi Informasi (14 working days)."""
    if objection.decided_at is None:
        return None
    decided_on = timezone.localtime(objection.decided_at,
                                    calendar.local_timezone(objection.satker)).date()
    return calendar.add_working_days(decided_on, DISPUTE_FILING_DAYS, satker=objection.satker)
