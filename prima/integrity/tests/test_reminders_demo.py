"""The daily reminder and the demo data."""

import pytest
from django.conf import settings
from django.core.management import call_command

from prima.integrity.choices import AuditAction
from prima.integrity.models import Declaration, Signature
from prima.integrity.tasks import send_reminders


def test_the_reminder_command_is_a_daily_job():
    assert "send_integrity_reminders" in settings.PRIMA_DAILY_COMMANDS


def test_reminders_go_to_each_employee_who_has_not_signed(pact, people, sign, mailoutbox):
    sign(people.employee, pact)
    sent = send_reminders()
    # 12 people with memberships, one signed; the citizen has none.
    assert sent == len(mailoutbox) == 11
    recipients = {address for email in mailoutbox for address in email.to}
    assert people.head.email in recipients
    assert people.employee.email not in recipients and people.citizen.email not in recipients
    email = next(e for e in mailoutbox if e.to == [people.head.email])
    assert email.subject == "Pakta integritas belum Anda tanda tangani"
    assert "/staf/integritas/pakta/" in email.body
    from prima.core.models import AuditEvent

    assert AuditEvent.objects.filter(action=AuditAction.REMINDER_SENT).count() == 11


def test_no_pact_no_reminders(people):
    assert send_reminders() == 0


def test_the_command_runs(pact, people, capsys):
    call_command("send_integrity_reminders")
    assert "reminders=12" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_demo_signs_every_jepara_employees_pact_and_is_idempotent():
    from prima.demo.loader import run_demo
    from prima.integrity.demo import load_integrity_demo
    from prima.integrity.models import PactVersion
    from prima.integrity.querysets import completion_rows
    from prima.organisations.models import Satker

    run_demo()
    jepara = Satker.objects.get(code="33.20")
    version = PactVersion.objects.current()
    row = completion_rows(version, [jepara])[0]
    assert row["active"] == row["signed"] >= 10
    assert Declaration.objects.filter(satker=jepara).count() == 1
    count = Signature.objects.count()
    load_integrity_demo()
    assert Signature.objects.count() == count
    # Accounts without a demo login keep no usable password after signing.
    from prima.accounts.models import User

    assert not User.objects.get(email="komisioner2-jepara@demo.kpu.go.id").has_usable_password()
