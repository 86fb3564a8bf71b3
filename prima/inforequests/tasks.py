"""Background work of information requests: deadline reminders and deadline recomputation."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django_tasks import task

from prima.core import calendar
from prima.organisations.choices import Role
from prima.organisations.models import Membership, Satker

from . import deadlines, emails
from .choices import EventKind
from .models import InformationRequest, Objection, RequestEvent

logger = logging.getLogger(__name__)

REMINDER_KEY = "reminder_on"


def _reminded_today(request_ids, today: dt.date) -> set[int]:
    return set(RequestEvent.objects.filter(
        request_id__in=request_ids, kind=EventKind.REMINDER,
        **{f"data__{REMINDER_KEY}": today.isoformat()},
    ).values_list("request_id", flat=True))


def _recipients(satker, roles, extra_users=()) -> list[str]:
    emails_ = set(Membership.objects.active()
                  .filter(satker=satker, role__in=roles, user__is_active=True)
                  .values_list("user__email", flat=True))
    emails_ |= {u.email for u in extra_users if u is not None and u.is_active and u.email}
    return sorted(e for e in emails_ if e)


def remind_satker(satker, today: dt.date | None = None) -> int:
    """Email the satker's PPID staff about requests due within 2 working days or overdue and
    objections due soon; each request gets at most one reminder per day. Returns emails sent."""
    today = today or deadlines.local_today(satker)
    # "Due soon" = 2 working days or fewer left, counted with the satker's calendar.
    limit = calendar.add_working_days(today, deadlines.REMINDER_WORKING_DAYS, satker=satker)
    with transaction.atomic():
        requests = list(InformationRequest.objects.open()
                        .filter(satker=satker, due_date__lte=limit)
                        .select_related("assigned_to", "satker").select_for_update(of=("self",))
                        .order_by("due_date", "id"))
        objections = list(Objection.objects.open().filter(satker=satker, due_date__lte=limit)
                          .select_related("request", "satker").order_by("due_date", "id"))
        done = _reminded_today([r.pk for r in requests] + [o.request_id for o in objections],
                               today)
        requests = [r for r in requests if r.pk not in done]
        objections = [o for o in objections if o.request_id not in done]
        if not requests and not objections:
            return 0
        overdue = [r for r in requests if r.due_date < today]
        due_soon = [r for r in requests if r.due_date >= today]
        roles = [Role.PPID] + ([Role.ATASAN_PPID] if objections else [])
        to = _recipients(satker, roles, [r.assigned_to for r in requests])
        if not to:
            logger.warning("No PPID officer with an email at %s for reminders", satker)
            return 0
        emails.send_reminder(to=to, satker=satker, due_soon=due_soon, overdue=overdue,
                             objections_due=objections, today=today)
        text = f"Pengingat tenggat dikirim kepada {len(to)} petugas."
        RequestEvent.objects.bulk_create(
            [RequestEvent(request=r, kind=EventKind.REMINDER, is_public=False, text=text,
                          data={REMINDER_KEY: today.isoformat(), "overdue": r.due_date < today,
                                "due_date": r.due_date.isoformat()})
             for r in requests]
            + [RequestEvent(request=o.request, kind=EventKind.REMINDER, is_public=False,
                            text=f"{text} (keberatan {o.number})",
                            data={REMINDER_KEY: today.isoformat(), "objection_id": o.pk,
                                  "due_date": o.due_date.isoformat()})
               for o in objections
               if o.request_id and o.request_id not in {r.pk for r in requests}]
        )
    return 1


def send_reminders(today: dt.date | None = None) -> int:
    """Reminders for every satker with open requests or objections; idempotent per day."""
    satker_ids = (set(InformationRequest.objects.open().values_list("satker_id", flat=True))
                  | set(Objection.objects.open().values_list("satker_id", flat=True)))
    sent = 0
    for satker in Satker.objects.filter(pk__in=satker_ids).order_by("code"):
        try:
            sent += remind_satker(satker, today=today)
        except Exception:  # noqa: BLE001 - one satker's failure must not stop the others
            logger.exception("Deadline reminders failed for %s", satker)
    return sent


@task()
def notify_staff_of_new_request(request_id: int, exclude_user_id: int | None = None) -> int:
    """Email the satker's PPID officers about a new request (not the officer who entered it).
    Composed by the worker, so a submission does not wait for it (issue 13)."""
    from django.contrib.auth import get_user_model

    request = InformationRequest.objects.select_related("satker").filter(pk=request_id).first()
    if request is None:
        return 0
    exclude = (get_user_model().objects.filter(pk=exclude_user_id).first()
               if exclude_user_id else None)
    return emails.send_staff_new_request(request, exclude=exclude)


@task()
def send_deadline_reminders() -> int:
    """Periodic: run daily (cron ``manage.py send_deadline_reminders`` or the task queue)."""
    return send_reminders()


def recompute_open_deadlines(*, date: str, satker_id: int | None = None) -> int:
    """After a calendar change: recompute the due dates of open requests and objections whose
    count spans ``date`` (domain working-days.md: deadlines recompute when the calendar changes).
    Returns the number of changed records."""
    changed_day = dt.date.fromisoformat(date)
    requests = InformationRequest.objects.open().filter(received_on__lte=changed_day)
    objections = Objection.objects.open().filter(received_on__lte=changed_day)
    if satker_id is not None:
        requests = requests.filter(satker_id=satker_id)
        objections = objections.filter(satker_id=satker_id)
    changed = 0
    with transaction.atomic():
        for request in requests.select_related("satker").select_for_update(of=("self",)):
            base = calendar.deadline(request.received_at, deadlines.ANSWER_WORKING_DAYS,
                                     satker=request.satker)
            due, rule = base.due_date, base.rule
            if request.extension_days:
                # UU 14/2008 Pasal 22(8): the extension counts from the (recomputed) due date.
                extended = calendar.add_working_days(due, request.extension_days,
                                                     satker=request.satker)
                rule = (f"{rule} Diperpanjang {request.extension_days} hari kerja sejak "
                        f"{calendar.format_date(due)} (UU 14/2008 Pasal 22 ayat (8)); jatuh "
                        f"tempo {calendar.format_date(extended)}.")
                due = extended
            if due != request.due_date or base.received_on != request.received_on:
                RequestEvent.objects.create(
                    request=request, kind=EventKind.NOTE,
                    is_public=False,
                    text=f"Batas waktu dihitung ulang karena perubahan kalender: "
                         f"{calendar.format_date(request.due_date)} menjadi "
                         f"{calendar.format_date(due)}.",
                    data={"old_due_date": request.due_date.isoformat(),
                          "due_date": due.isoformat(), "calendar_date": date})
                request.due_date, request.received_on, request.due_rule = (
                    due, base.received_on, rule)
                request.save(update_fields=["due_date", "received_on", "due_rule", "updated_at"])
                changed += 1
        for objection in objections.select_related("satker").select_for_update(of=("self",)):
            base = calendar.deadline(objection.filed_at, deadlines.OBJECTION_ANSWER_DAYS,
                                     satker=objection.satker)
            if base.due_date != objection.due_date:
                objection.due_date, objection.received_on, objection.due_rule = (
                    base.due_date, base.received_on, base.rule)
                objection.save(update_fields=["due_date", "received_on", "due_rule"])
                changed += 1
    return changed


@task()
def recompute_deadlines(date: str, satker_id: int | None = None) -> int:
    """Hook for ``settings.PRIMA_CALENDAR_CHANGED_HOOKS``."""
    return recompute_open_deadlines(date=date, satker_id=satker_id)
