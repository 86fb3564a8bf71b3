"""Issue 13: with the embedded set-up (outbox email backend, database task queue) a submission
writes its rows itself, each in one prepared INSERT, inside a write transaction that holds
nothing but those writes: the receipt is rendered before it (the registration number is put in
afterwards) and no savepoint or ORM save runs inside. These tests pin that the rows are those
the ORM path writes, that a failure of any write leaves nothing (and no gap in the numbers),
and the statements inside the transaction."""

import re

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from prima.core import rows
from prima.core.models import AuditEvent, OutboxEmail, Sequence
from prima.inforequests import emails
from prima.inforequests.choices import EventKind
from prima.inforequests.models import InformationRequest, RequestEvent
from prima.inforequests.tests.factories import make_request
from prima.inforequests.tests.test_submission_writes import DELIVER, NOTIFY


def _task_rows():
    from django_tasks_db.models import DBTaskResult

    return {t.task_path: t.args_kwargs["args"] for t in DBTaskResult.objects.all()}


def test_the_rows_are_those_of_the_orm_path(tree, database_queue, settings, mailoutbox):
    fast = make_request(tree.jepara, email="warga@contoh.id")
    assert fast.number == "0001/PPID/33.20/2026" and fast.sequence == 1
    stored = InformationRequest.objects.get(pk=fast.pk)
    assert (stored.number, stored.sequence) == (fast.number, 1)
    assert stored.tracking_secret_hash and stored.created_at and stored.updated_at

    [event] = RequestEvent.objects.filter(request=stored)
    assert event.kind == EventKind.REGISTERED and "0001/PPID/33.20/2026" in event.text
    [audit] = AuditEvent.objects.filter(object_id=str(stored.pk))
    assert audit.changes["number"] == [None, "0001/PPID/33.20/2026"]
    assert audit.changes["sequence"] == [None, 1] and audit.changes["id"] == [None, stored.pk]
    assert audit.changes["nik"][1].startswith("3320") and "*" in audit.changes["nik"][1]

    [receipt] = OutboxEmail.objects.all()
    assert receipt.subject == "Tanda terima permohonan informasi 0001/PPID/33.20/2026"
    assert "Nomor pendaftaran : 0001/PPID/33.20/2026" in receipt.body
    assert f"/informasi/lacak/0001-PPID-33.20-2026/{fast.secret}/" in receipt.body
    assert _task_rows() == {DELIVER: [receipt.pk], NOTIFY: [stored.pk, None]}
    # No trace of the placeholder the text was written with before the number was drawn.
    for text in (stored.number, event.text, receipt.subject, receipt.body, str(audit.changes)):
        assert not re.search(r"x[0-9a-f]{16}x", text)

    # The same submission through the ORM path (the tests' email backend).
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    orm = make_request(tree.jepara, email="warga@contoh.id")
    assert orm.number == "0002/PPID/33.20/2026"
    orm_event = RequestEvent.objects.get(request=orm)
    assert orm_event.text == event.text.replace("0001/", "0002/")
    assert orm_event.data == event.data
    orm_audit = AuditEvent.objects.get(object_id=str(orm.pk))
    assert set(orm_audit.changes) == set(audit.changes)
    assert (orm_audit.action, orm_audit.actor_label, orm_audit.satker_id) == (
        audit.action, audit.actor_label, audit.satker_id)
    [mail] = mailoutbox
    assert mail.subject == receipt.subject.replace("0001/", "0002/")
    assert mail.body == receipt.body.replace("0001", "0002").replace(fast.secret, orm.secret)


def test_the_write_transaction_holds_only_the_writes(tree, database_queue):
    make_request(tree.jepara)  # the counter exists: the usual case
    with CaptureQueriesContext(connection) as queries:
        make_request(tree.jepara, email="warga@contoh.id")
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    writes = [s for s in statements if s in ("UPDATE", "INSERT", "DELETE")]
    # The number (one UPDATE ... RETURNING), then request, event, audit, email, both tasks.
    assert writes == ["UPDATE", "INSERT", "INSERT", "INSERT", "INSERT", "INSERT"]
    assert "RETURNING" in queries.captured_queries[statements.index("UPDATE")]["sql"]
    # No savepoint inside: one failing write undoes the whole submission (the one savepoint
    # is the registration's transaction, nested in the test's).
    assert statements.count("SAVEPOINT") == 1
    first_write = statements.index("UPDATE")
    assert all(s != "SELECT" for s in statements[first_write:])  # nothing read inside


@pytest.mark.parametrize("model", [InformationRequest, RequestEvent, AuditEvent, OutboxEmail,
                                   "DBTaskResult"])
def test_any_failed_write_leaves_nothing(tree, database_queue, monkeypatch, model):
    from django_tasks_db.models import DBTaskResult

    model = DBTaskResult if model == "DBTaskResult" else model
    insert = rows.insert

    def failing(objs, *args, **kwargs):
        if type(list(objs)[0]) is model:
            raise IntegrityError("disk full")
        return insert(objs, *args, **kwargs)

    monkeypatch.setattr(rows, "insert", failing)
    with pytest.raises(IntegrityError):
        make_request(tree.jepara, email="warga@contoh.id")
    assert not InformationRequest.objects.exists() and not RequestEvent.objects.exists()
    assert not AuditEvent.objects.exists() and not OutboxEmail.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert not Sequence.objects.filter(value__gt=0).exists()  # the number was not used up

    monkeypatch.setattr(rows, "insert", insert)
    assert make_request(tree.jepara).number == "0001/PPID/33.20/2026"  # no gap


def test_a_receipt_that_cannot_be_rendered_keeps_the_request(tree, database_queue,
                                                            monkeypatch):
    def broken(*args):
        raise RuntimeError("template broke")

    monkeypatch.setattr(emails, "receipt_message", broken)
    request = make_request(tree.jepara, email="warga@contoh.id")
    assert InformationRequest.objects.filter(pk=request.pk).exists()
    assert not OutboxEmail.objects.exists()
    assert _task_rows() == {NOTIFY: [request.pk, None]}  # the PPID still hears of it


def test_without_email_only_the_ppid_is_notified(tree, database_queue, people):
    request = make_request(tree.jepara, channel="walk_in", actor=people.ppid, email="")
    assert not OutboxEmail.objects.exists()
    assert _task_rows() == {NOTIFY: [request.pk, people.ppid.pk]}
    assert InformationRequest.objects.get(pk=request.pk).created_by == people.ppid
    assert RequestEvent.objects.get(request=request).actor == people.ppid
    assert AuditEvent.objects.get(object_id=str(request.pk)).actor == people.ppid
