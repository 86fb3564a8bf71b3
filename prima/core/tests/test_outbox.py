"""The email outbox: nothing is lost when SMTP fails; retries with back-off; the worker."""

import datetime as dt
import io
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone

from prima.core import mail as outbox
from prima.core.models import OutboxEmail

FAILING = "prima.core.tests.test_outbox.FailingBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class FailingBackend(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def outbox_settings(settings):
    # pytest-django swaps EMAIL_BACKEND for locmem; put Prima's outbox back in front.
    settings.EMAIL_BACKEND = "prima.core.mail.OutboxBackend"
    settings.PRIMA_DELIVERY_EMAIL_BACKEND = LOCMEM
    settings.OUTBOX_MAX_ATTEMPTS = 3
    # The worker also runs the daily jobs after PRIMA_DAILY_AT; these tests are about the
    # outbox alone and must not depend on the time of day they run at.
    settings.PRIMA_DAILY_COMMANDS = []
    return settings


def send_receipt(capture):
    with capture(execute=True):
        return send_mail("Tanda terima permohonan", "Nomor pendaftaran 001/PPID/2026",
                         None, ["warga@example.test"])


@pytest.mark.django_db
def test_message_is_stored_then_delivered(outbox_settings, django_capture_on_commit_callbacks):
    assert send_receipt(django_capture_on_commit_callbacks) == 1

    email = OutboxEmail.objects.get()
    assert email.status == OutboxEmail.Status.SENT
    assert email.attempts == 1
    assert email.to == ["warga@example.test"]
    assert [m.subject for m in mail.outbox] == ["Tanda terima permohonan"]


@pytest.mark.django_db
def test_failing_smtp_keeps_the_email_pending_and_a_later_sweep_delivers(
        outbox_settings, django_capture_on_commit_callbacks):
    outbox_settings.PRIMA_DELIVERY_EMAIL_BACKEND = FAILING
    before = timezone.now()

    send_receipt(django_capture_on_commit_callbacks)

    email = OutboxEmail.objects.get()
    assert email.status == OutboxEmail.Status.PENDING
    assert email.attempts == 1
    assert email.next_attempt_at > before + dt.timedelta(seconds=59)
    assert email.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert email.subject == "Tanda terima permohonan"
    assert email.body == "Nomor pendaftaran 001/PPID/2026"
    assert mail.outbox == []
    # Not yet due: a sweep now leaves it alone.
    assert outbox.send_due() == (0, 0)

    outbox_settings.PRIMA_DELIVERY_EMAIL_BACKEND = LOCMEM
    sent, failed = outbox.send_due(now=timezone.now() + dt.timedelta(minutes=2))

    assert (sent, failed) == (1, 0)
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT
    assert email.attempts == 2
    assert email.last_error == ""
    assert email.sent_at is not None
    assert [m.to for m in mail.outbox] == [["warga@example.test"]]


@pytest.mark.django_db
def test_email_is_stored_even_if_the_queue_is_down(outbox_settings,
                                                   django_capture_on_commit_callbacks):
    broken_task = mock.Mock(**{"enqueue.side_effect": ConnectionError("redis down")})
    with mock.patch("prima.core.tasks.deliver_outbox_email", broken_task):
        assert send_receipt(django_capture_on_commit_callbacks) == 1

    email = OutboxEmail.objects.get()
    assert (email.status, email.attempts) == (OutboxEmail.Status.PENDING, 0)
    assert outbox.send_due() == (1, 0)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_max_attempts_marks_the_email_failed(outbox_settings,
                                             django_capture_on_commit_callbacks):
    outbox_settings.PRIMA_DELIVERY_EMAIL_BACKEND = FAILING
    send_receipt(django_capture_on_commit_callbacks)
    later = timezone.now()
    for _ in range(2):
        later += dt.timedelta(hours=7)
        assert outbox.send_due(now=later) == (0, 1)

    email = OutboxEmail.objects.get()
    assert email.status == OutboxEmail.Status.FAILED
    assert email.attempts == 3
    assert outbox.send_due(now=later + dt.timedelta(days=1)) == (0, 0)
    assert OutboxEmail.objects.get().attempts == 3


def test_retry_delay_backs_off_and_is_capped():
    assert [outbox.retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 4, 10, 30)] == [
        1, 2, 4, 8, 360, 360]


@pytest.mark.django_db
def test_an_email_taken_by_another_worker_is_not_sent_twice(outbox_settings):
    email = OutboxEmail.objects.create(subject="S", from_email="a@kpu.test",
                                       to=["b@example.test"], body="x")
    assert outbox._claim(email, timezone.now()) is True  # another worker holds it

    assert outbox.deliver(email) is False
    assert outbox.send_due() == (0, 0)
    assert mail.outbox == []
    assert OutboxEmail.objects.get().attempts == 0


@pytest.mark.django_db
def test_worker_once_sweeps_the_outbox(outbox_settings):
    OutboxEmail.objects.create(subject="Pengingat tenggat", from_email="a@kpu.test",
                               to=["ppid@kpu.test"], body="x")

    out = io.StringIO()
    call_command("worker", "--once", stdout=out)

    assert out.getvalue().strip() == "outbox: sent=1 failed=0"
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT


# Transactional: the task worker closes stale connections between tasks, which a test
# transaction around it would not survive (on PostgreSQL).
@pytest.mark.django_db(transaction=True)
def test_worker_once_runs_database_tasks(outbox_settings, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    outbox_settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send_receipt(django_capture_on_commit_callbacks)
    assert DBTaskResult.objects.count() == 1  # queued, not yet run
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.PENDING

    call_command("worker", "--once", "--outbox-interval", "3600")

    result = DBTaskResult.objects.get()
    assert result.status == "SUCCESSFUL"
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_with_the_database_queue_the_delivery_is_queued_in_the_emails_transaction(
        outbox_settings, django_capture_on_commit_callbacks):
    """Issue 13: no write of its own after the commit; and both or neither."""
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    outbox_settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    class Rollback(Exception):
        pass

    with pytest.raises(Rollback), transaction.atomic():
        send_mail("Tanda terima", "Nomor 001", None, ["warga@example.test"])
        assert DBTaskResult.objects.count() == 1  # already queued, inside the transaction
        raise Rollback
    assert (OutboxEmail.objects.count(), DBTaskResult.objects.count()) == (0, 0)

    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        send_mail("Tanda terima", "Nomor 001", None, ["warga@example.test"])
    assert callbacks == []
    [email] = OutboxEmail.objects.all()
    [queued] = DBTaskResult.objects.all()
    assert queued.args_kwargs["args"] == [email.pk]
