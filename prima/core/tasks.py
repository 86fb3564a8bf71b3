"""Background tasks of the core: email delivery from the outbox; and where a task is queued
from inside a transaction."""

import logging
from functools import partial

from django.db import transaction
from django_tasks import task

from .models import OutboxEmail

logger = logging.getLogger(__name__)


def queues_in_database(a_task) -> bool:
    """Whether ``a_task``'s queue is a table of Prima's database (the embedded default): a task
    queued inside a transaction then commits, or rolls back, with the data it is about, and
    costs no write of its own after the commit (issue 13)."""
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(a_task.get_backend(), DatabaseBackend)


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
