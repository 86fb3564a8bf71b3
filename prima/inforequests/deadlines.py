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


def notice_of(request):
    """The request's written notice, or ``None``."""
    from .models import Notice

    try:
        return request.notice
    except Notice.DoesNotExist:
        return None


def notice_day(request, notice=None) -> dt.date | None:
    notice = notice or notice_of(request)
    if notice is None:
        return None
    return timezone.localtime(notice.issued_at, calendar.local_timezone(request.satker)).date()


def delivery_due(request, notice=None) -> dt.date | None:
    """The last day to deliver information that was granted (in full or in part).

    Domain "Deadlines": delivery follows the notice, within the request's (possibly extended)
    period of UU 14/2008 Pasal 22(7)-(8); a notice issued after that period makes its own day
    the delivery deadline. Stored on the request at the decision (``delivery_due_date``).
    """
    from .choices import GIVEN_DECISIONS

    if request.delivery_due_date is not None:
        return request.delivery_due_date
    notice = notice or notice_of(request)
    if notice is None or notice.decision not in GIVEN_DECISIONS:
        return None
    return max(request.due_date, notice_day(request, notice))


def delivery_due_rule(request, day: dt.date) -> str:
    return (f"Penyerahan informasi paling lambat {calendar.format_date(day)}: batas waktu "
            f"permohonan (UU 14/2008 Pasal 22 ayat (7)-(8)) atau tanggal pemberitahuan "
            f"tertulis bila terbit sesudahnya.")


def local_day(moment: dt.datetime, satker) -> dt.date:
    return timezone.localtime(moment, calendar.local_timezone(satker)).date()


@dataclass(frozen=True)
class GroundWindow:
    """When the reason of one objection ground arises (UU 14/2008 Pasal 36(1)): ``start`` is
    that day (the 30 working days count from it) and ``opens`` the first day an objection on it
    may be filed (the day after a deadline that had to pass); ``start`` is ``None`` when the
    reason has not arisen (``problem`` says why)."""

    ground: str
    start: dt.date | None
    opens: dt.date | None = None
    last_day: dt.date | None = None
    rule: str = ""
    problem: str = ""


def ground_window(request, ground: str, *, today: dt.date, reason_date: dt.date | None = None,
                  notice=None, last_days: dict | None = None) -> GroundWindow:
    """The filing window of one ground a-g (UU 14/2008 Pasal 35(1), 36(1)): the objection is
    filed within 30 working days after the ground's own reason arises.

    - a (refused), d (answered other than asked), f (unreasonable costs): the written notice;
    - b (periodic information not published): the day the objector names (default today), and
      possible without a request;
    - c (not answered): the notice's due date passing without a notice by then;
    - e (not fulfilled): for granted information, the delivery deadline passing undelivered (or
      the late delivery); otherwise the notice, or the due date passing without one;
    - g (delivered late): the late delivery, or the delivery deadline passing undelivered.

    ``last_days`` (start -> last day) spares the working-day count of grounds whose reason
    arises the same day (``objection_windows``: a, d, e and f all count from the notice).
    """
    from django.utils.translation import gettext as _

    from .choices import EXEMPTING_DECISIONS, GIVEN_DECISIONS, ObjectionGround

    label = f"huruf {ground}"

    def window(start: dt.date, why: str, *, after: bool = False) -> GroundWindow:
        opens = start + dt.timedelta(days=1) if after else start
        last = last_days.get(start) if last_days is not None else None
        if last is None:
            last = calendar.add_working_days(start, OBJECTION_FILING_DAYS,
                                             satker=request.satker if request else None)
            if last_days is not None:
                last_days[start] = last
        return GroundWindow(ground, start, opens, last,
                            f"Alasan {label} ({why}) timbul {calendar.format_date(start)}; "
                            f"keberatan paling lambat {calendar.format_date(last)} "
                            f"(30 hari kerja, UU 14/2008 Pasal 36 ayat (1)).")

    def not_arisen(problem: str) -> GroundWindow:
        return GroundWindow(ground, None, problem=problem)

    if ground == ObjectionGround.B:
        return window(reason_date or today, "informasi berkala tidak disediakan")
    if request is None:
        return not_arisen(_("Alasan ini memerlukan nomor pendaftaran permohonan."))
    notice = notice or notice_of(request)
    issued = notice_day(request, notice)
    if ground in (ObjectionGround.A, ObjectionGround.D, ObjectionGround.F):
        if notice is None:
            return not_arisen(_("Pemberitahuan tertulis belum terbit."))
        if ground == ObjectionGround.A and notice.decision not in EXEMPTING_DECISIONS:
            return not_arisen(_("Permohonan tidak ditolak berdasarkan Pasal 17."))
        return window(issued, "pemberitahuan tertulis")
    if ground == ObjectionGround.C:
        if issued is not None and issued <= request.due_date:
            return not_arisen(_("Permohonan sudah ditanggapi dalam jangka waktu."))
        return window(request.due_date, "batas waktu pemberitahuan lewat", after=True)
    given = notice is not None and notice.decision in GIVEN_DECISIONS
    if ground == ObjectionGround.E and not given:
        if notice is not None:
            return window(issued, "pemberitahuan tertulis")
        return window(request.due_date, "batas waktu pemberitahuan lewat", after=True)
    if not given:
        return not_arisen(_("Tidak ada informasi yang harus diserahkan."))
    due = delivery_due(request, notice)
    delivered = local_day(request.delivered_at, request.satker) if request.delivered_at else None
    if delivered is not None and delivered <= due:
        return not_arisen(_("Informasi diserahkan tepat waktu."))
    if delivered is not None:
        return window(delivered, "informasi diserahkan terlambat")
    return window(due, "batas waktu penyerahan lewat", after=True)


def objection_windows(request, grounds, *, today: dt.date, reason_date=None):
    last_days: dict = {}  # one request, one satker: the same start gives the same last day
    return [ground_window(request, g, today=today, reason_date=reason_date,
                          last_days=last_days) for g in grounds]


def objection_deadline(request, today: dt.date | None = None) -> dt.date | None:
    """The last day to file an objection on any ground that has arisen (the latest window)."""
    from .choices import ObjectionGround

    today = today or local_today(request.satker)
    days = [w.last_day for w in objection_windows(
        request, [g for g in ObjectionGround.values if g != ObjectionGround.B], today=today)
        if w.start is not None and w.opens <= today]
    return max(days) if days else None


def dispute_deadline(objection) -> dt.date | None:
    """The last day to take the objection to the Komisi Informasi (14 working days)."""
    if objection.decided_at is None:
        return None
    decided_on = timezone.localtime(objection.decided_at,
                                    calendar.local_timezone(objection.satker)).date()
    return calendar.add_working_days(decided_on, DISPUTE_FILING_DAYS, satker=objection.satker)
