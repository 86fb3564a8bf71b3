"""Deadline reminders: who gets them, what they say, once per request per day."""

import datetime as dt

from django.core.management import call_command

from prima.inforequests import services, tasks
from prima.inforequests.choices import Decision, EventKind, Exemption
from prima.inforequests.models import RequestEvent
from prima.inforequests.tests.factories import (
    at,
    freeze_now,
    make_consequence_test,
    make_request,
)
from prima.organisations.choices import Role
from prima.organisations.tests.factories import member


def reminders(mailoutbox):
    return [m for m in mailoutbox if m.subject.startswith("Pengingat tenggat")]


def test_reminders_for_due_soon_and_overdue_requests(tree, people, mailoutbox, monkeypatch):
    kudus_ppid = member(tree.kudus, Role.PPID, full_name="PPID Kudus")
    assigned = member(tree.jepara, Role.ATASAN_PPID, full_name="Atasan Kedua")
    overdue = make_request(tree.jepara, received_at=at(2026, 3, 2, 10))      # due 2026-03-16
    due_soon = make_request(tree.jepara, received_at=at(2026, 3, 17, 10))    # due 2026-04-08
    later = make_request(tree.jepara, received_at=at(2026, 3, 30, 10))       # due 2026-04-14
    kudus = make_request(tree.kudus, received_at=at(2026, 3, 17, 10))
    services.assign_request(request=due_soon, officer=assigned, actor=people.ppid)
    mailoutbox.clear()

    today = dt.date(2026, 4, 6)  # two working days before 8 April
    assert tasks.send_reminders(today=today) == 2

    sent = reminders(mailoutbox)
    assert len(sent) == 2
    jepara_mail = next(m for m in sent if "Jepara" in m.subject)
    kudus_mail = next(m for m in sent if "Kudus" in m.subject)
    assert jepara_mail.to == sorted([people.ppid.email, assigned.email])
    assert kudus_mail.to == [kudus_ppid.email]
    assert overdue.number in jepara_mail.body
    assert due_soon.number in jepara_mail.body
    assert later.number not in jepara_mail.body
    assert "MELEWATI batas waktu" in jepara_mail.body
    assert kudus.number in kudus_mail.body
    assert f"/staf/informasi/{due_soon.number_slug}/" in jepara_mail.body

    events = RequestEvent.objects.filter(kind=EventKind.REMINDER)
    assert sorted(events.values_list("request_id", flat=True)) == sorted(
        [overdue.pk, due_soon.pk, kudus.pk])
    assert all(not e.is_public for e in events)

    # Idempotent: a second run the same day sends and records nothing.
    assert tasks.send_reminders(today=today) == 0
    assert len(reminders(mailoutbox)) == 2
    assert RequestEvent.objects.filter(kind=EventKind.REMINDER).count() == 3

    # The next day they are reminded again.
    assert tasks.send_reminders(today=dt.date(2026, 4, 7)) == 2
    assert RequestEvent.objects.filter(kind=EventKind.REMINDER).count() == 6


def test_objection_due_soon_reminds_the_atasan(tree, people, mailoutbox, monkeypatch):
    request = make_request(tree.jepara, received_at=at(2026, 3, 2, 10))
    freeze_now(monkeypatch, at(2026, 3, 10, 10))
    test = make_consequence_test(tree.jepara, people.ppid)
    services.decide_request(request=request, actor=people.ppid, decision=Decision.REFUSED,
                            notice_data={"exemption": Exemption.H}, consequence_test=test)
    freeze_now(monkeypatch, at(2026, 3, 11, 10))
    objection = services.file_objection(request=request, grounds=["a"], case_description="x")
    mailoutbox.clear()
    assert tasks.send_reminders(today=dt.date(2026, 4, 1)) == 0  # far from its due date
    assert tasks.send_reminders(today=objection.due_date) == 1
    mail = reminders(mailoutbox)[0]
    assert objection.number in mail.body
    assert mail.to == sorted([people.ppid.email, people.atasan_ppid.email])
    assert tasks.send_reminders(today=objection.due_date) == 0


def test_closed_requests_are_not_reminded(tree, people, mailoutbox):
    request = make_request(tree.jepara, received_at=at(2026, 3, 2, 10))
    services.withdraw_request(request=request)
    assert tasks.send_reminders(today=dt.date(2026, 4, 6)) == 0
    assert reminders(mailoutbox) == []


def test_task_and_command(tree, people, mailoutbox, monkeypatch, capsys):
    make_request(tree.jepara, received_at=at(2026, 3, 2, 10))
    freeze_now(monkeypatch, at(2026, 4, 6, 7))
    result = tasks.send_deadline_reminders.enqueue()
    assert result.return_value == 1
    call_command("send_deadline_reminders")
    assert capsys.readouterr().out.strip() == "reminders=0"
    assert len(reminders(mailoutbox)) == 1
