"""``core.rows.insert``: a new row written with one prepared INSERT, as ``save()`` writes it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prima.core import rows
from prima.core.models import OutboxEmail, Sequence


@pytest.mark.django_db
def test_one_row_gets_its_key_defaults_and_auto_now_add():
    email = OutboxEmail(subject="Halo", from_email="a@contoh.id", to=["b@contoh.id"],
                        headers={"X-Uji": "1"}, body="isi")
    with CaptureQueriesContext(connection) as queries:
        rows.insert([email])
    assert len(queries) == 1 and queries[0]["sql"].startswith("INSERT")
    assert email.pk is not None and not email._state.adding
    stored = OutboxEmail.objects.get(pk=email.pk)
    assert (stored.subject, stored.to, stored.cc, stored.headers) == (
        "Halo", ["b@contoh.id"], [], {"X-Uji": "1"})
    assert stored.status == OutboxEmail.Status.PENDING and stored.created_at == email.created_at
    # The statement is built once: a second row costs one INSERT too.
    other = OutboxEmail(subject="Lagi", from_email="a@contoh.id", to=["c@contoh.id"])
    rows.insert([other])
    assert other.pk == email.pk + 1 or other.pk > email.pk


@pytest.mark.django_db
def test_several_rows_with_their_own_keys_in_one_statement(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    from prima.core.tasks import deliver_outbox_email, send_due_outbox, task_row

    queued = [task_row(deliver_outbox_email, 7), task_row(send_due_outbox)]
    with CaptureQueriesContext(connection) as queries:
        rows.insert(queued)
    assert len(queries) == 1
    stored = {t.task_path: t for t in DBTaskResult.objects.all()}
    assert stored["prima.core.tasks.deliver_outbox_email"].args_kwargs == {
        "args": [7], "kwargs": {}}
    assert stored["prima.core.tasks.send_due_outbox"].pk == queued[1].pk
    # As the backend's enqueue writes them: ready to run, now (the far-future marker).
    ready = set(DBTaskResult.objects.ready().values_list("pk", flat=True))
    assert ready == {queued[0].pk, queued[1].pk}


@pytest.mark.django_db
def test_refuses_what_it_cannot_do():
    with pytest.raises(ValueError):
        rows.insert([Sequence(key="a"), Sequence(key="b")])  # two keys to read back
    with pytest.raises(TypeError):
        rows.insert([Sequence(key="a"), OutboxEmail(subject="x")])
    rows.insert([])  # nothing: nothing written


def test_task_row_is_none_when_the_queue_is_not_the_database(settings):
    from prima.core.tasks import deliver_outbox_email, task_row

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert task_row(deliver_outbox_email, 1) is None
