"""Reminders before the national submission deadline (31 May by default)."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from prima.assessments import services, tasks
from prima.assessments.choices import AuditAction, Kind
from prima.core.models import AuditEvent, OutboxEmail

pytestmark = pytest.mark.django_db


def _sent():
    return OutboxEmail.objects.count() + len(mail.outbox)


def test_reminder_on_a_reminder_day_once_per_day(tree, people, settings):
    assessment = services.start_assessment(satker=tree.jepara, year=2025, kind=Kind.ZI,
                                           actor=people.reform)
    services.save_answer(assessment=assessment, item_key="mp_tim", answer="Ya",
                         actor=people.reform)
    assert tasks.send_reminders(dt.date(2025, 5, 20)) == 0  # 11 days before: not a reminder day
    assert tasks.send_reminders(dt.date(2025, 5, 17)) == 1  # 14 days before
    assert tasks.send_reminders(dt.date(2025, 5, 17)) == 0
    assert AuditEvent.objects.filter(action=AuditAction.REMINDER_SENT).count() == 1
    assert _sent() == 1
    settings.PRIMA_ASSESSMENT_DEADLINE = "06-30"
    assert tasks.deadline(2025) == dt.date(2025, 6, 30)


def test_submitted_assessments_are_not_reminded(tree, people):
    assessment = services.start_assessment(satker=tree.jepara, year=2025, kind=Kind.ZI,
                                           actor=people.reform)
    services.submit(assessment=assessment, actor=people.reform)
    assert tasks.send_reminders(dt.date(2025, 5, 30)) == 0


def test_the_daily_command_is_registered(settings):
    assert "send_assessment_reminders" in settings.PRIMA_DAILY_COMMANDS
    call_command("send_assessment_reminders", "--date", "2025-01-01")
