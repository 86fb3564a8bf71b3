"""Background tasks of the core: email delivery from the outbox; and where a task is queued
from inside a transaction."""

import logging
from functools import partial

from django.db import transaction
from django.db.models.signals import pre_save
from django_tasks import task

from .models import OutboxEmail

logger = logging.getLogger(__name__)


def queues_in_database(a_task) -> bool:
    """Whether ``a_task``'s queue is a table of Prima's database (the embedded default): a task
    queued inside a transaction then commits, or rolls back, with the data it is about, and
    costs no write of its own after the commit (issue 13)."""
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(a_task.get_backend(), DatabaseBackend)


def task_row(a_task, *args, **kwargs):
    """The database queue's row for ``a_task(*args, **kwargs)``, not saved yet (as
    ``django_tasks_db``'s ``DatabaseBackend.enqueue`` makes it), for a caller that writes it with
    its other rows in one short transaction (``core.rows.insert``); ``None`` when ``a_task``'s
    queue is not in the database. Once the row is committed, ``announce_queued`` sends the
    ``task_enqueued`` signal the backend would have sent."""
    if not queues_in_database(a_task):
        return None
    from django_tasks_db.compat import normalize_json
    from django_tasks_db.models import DBTaskResult

    backend = a_task.get_backend()
    backend.validate_task(a_task)
    row = DBTaskResult(
        id=backend._get_id(), args_kwargs=normalize_json({"args": args, "kwargs": kwargs}),
        priority=a_task.priority, task_path=a_task.module_path, queue_name=a_task.queue_name,
        run_after=a_task.run_after, backend_name=backend.alias,
    )
    # django_tasks_db completes the row in a pre_save handler (no run_after: the far future).
    pre_save.send(DBTaskResult, instance=row, raw=False, using="default", update_fields=None)
    return row


def announce_queued(rows) -> None:
    """The ``task_enqueued`` signal for task rows written with ``task_row`` (after the commit)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.compat import task_enqueued

    for row in rows:
        try:
            task_enqueued.send(DatabaseBackend, task_result=row.task_result)
        except Exception:  # noqa: BLE001 - the queued work stands
            logger.exception("task_enqueued failed for %s", row.pk)


def enqueue_safely(a_task, *args, **kwargs) -> None:
    """Queue ``a_task`` inside the current transaction (in a savepoint); a failure is logged,
    never raised: the caller's work must stand (a sweep or the staff pages catch up)."""
    try:
        with transaction.atomic():
            a_task.enqueue(*args, **kwargs)
    except Exception:  # noqa: BLE001 - the caller's work must not become an error
        logger.exception("Could not queue the task %s", getattr(a_task, "name", a_task))


def enqueue_logged(a_task, *args, **kwargs) -> None:
    """Queue ``a_task`` now (after a commit); should the queue be down, the failure is logged
    and the committed work stands (the outbox sweep, ``send_due``, sends a waiting email)."""
    try:
        a_task.enqueue(*args, **kwargs)
    except Exception:  # noqa: BLE001 - the committed work must not become an error
        logger.exception("Could not queue the task %s %s", getattr(a_task, "name", a_task),
                         args)


def enqueue_with_transaction(a_task, *args, **kwargs) -> None:
    """Queue ``a_task`` so it runs only if the current transaction commits: with the database
    queue, inside the transaction (the row commits or rolls back with the data); with the
    immediate backend (tests), now, as a direct call would; with an external queue (RQ), once
    the transaction has committed, so a worker never looks for rows not yet committed. A
    failure to queue is logged, never raised."""
    from django_tasks.backends.immediate import ImmediateBackend

    if transaction.get_connection().in_atomic_block and (
            queues_in_database(a_task) or isinstance(a_task.get_backend(), ImmediateBackend)):
        enqueue_safely(a_task, *args, **kwargs)
    else:
        transaction.on_commit(partial(enqueue_logged, a_task, *args, **kwargs))


@task()
def deliver_outbox_email(email_id: int) -> bool:
    email = OutboxEmail.objects.filter(pk=email_id).first()
    if email is None:
        return False
    from .mail import deliver

    return deliver(email)


@task()
def send_due_outbox() -> int:
    from .mail import send_due

    sent, _failed = send_due()
    return sent
