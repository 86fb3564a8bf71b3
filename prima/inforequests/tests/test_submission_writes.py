"""Issue 13: a submission is one write transaction. Everything it queues (the receipt's
delivery, the PPID's notification) commits or rolls back with the request, the public page
cache is left alone (a new request is on no public page), and the PPID's email is composed by
the worker."""

import pytest
from django.core.cache import cache
from django.db import transaction

from prima.core import pagecache
from prima.core.models import OutboxEmail
from prima.inforequests.models import InformationRequest
from prima.inforequests.tasks import notify_staff_of_new_request
from prima.inforequests.tests.factories import make_request

DELIVER = "prima.core.tasks.deliver_outbox_email"
NOTIFY = "prima.inforequests.tasks.notify_staff_of_new_request"


def test_everything_is_queued_inside_the_transaction(tree, people, database_queue,
                                                     django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    cache.set(pagecache.GENERATION_KEY, 1, None)
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        request = make_request(tree.jepara, email="warga@contoh.id")
    assert after_commit == []  # nothing left to write after the commit
    assert cache.get(pagecache.GENERATION_KEY) == 1  # the kept public pages stay valid

    [receipt] = OutboxEmail.objects.all()
    assert receipt.to == ["warga@contoh.id"] and request.number in receipt.subject
    queued = {t.task_path: t.args_kwargs["args"] for t in DBTaskResult.objects.all()}
    assert queued == {DELIVER: [receipt.pk], NOTIFY: [request.pk, None]}

    # The worker composes the PPID's email.
    assert notify_staff_of_new_request.call(request.pk, None) == 1
    staff = OutboxEmail.objects.exclude(pk=receipt.pk).get()
    assert people.ppid.email in staff.to and request.number in staff.subject


def test_a_rolled_back_submission_queues_nothing(tree, database_queue, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    from prima.inforequests.services import registration

    def broken_audit(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(registration, "masked_snapshot", broken_audit)
    with pytest.raises(RuntimeError), transaction.atomic():
        make_request(tree.jepara, email="warga@contoh.id")
    assert not InformationRequest.objects.exists()
    assert (OutboxEmail.objects.count(), DBTaskResult.objects.count()) == (0, 0)


def test_the_officer_who_entered_it_is_not_emailed(tree, people, database_queue):
    request = make_request(tree.jepara, channel="walk_in", actor=people.ppid, email="")
    assert notify_staff_of_new_request.call(request.pk, people.ppid.pk) == 1
    [staff] = OutboxEmail.objects.all()
    assert people.ppid.email not in staff.to and people.atasan_ppid.email in staff.to
    assert notify_staff_of_new_request.call(request.pk + 1000, None) == 0  # gone: nothing
