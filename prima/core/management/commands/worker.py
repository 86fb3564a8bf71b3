"""One process for all background work: queued tasks, the email outbox, the daily jobs and the
recovery of interrupted work."""

from __future__ import annotations

import logging
import signal
import threading
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections, connection
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import (
    Worker,
    valid_interval,
)

from prima.core.daily import run_due_daily_commands
from prima.core.mail import send_due
from prima.core.registry import registry

logger = logging.getLogger("prima.worker")


class Command(BaseCommand):
    help = (
        "Run Prima's background work: (1) every queued task of the configured backend: the "
        "database backend (django_tasks_db) in batch rounds of this loop, or, with the RQ "
        "backend (PRIMA_TASKS_BACKEND=rq), an RQ worker on Redis in this process while the "
        "loop runs in a thread beside it; and (2) every --outbox-interval seconds, the sweep "
        "of the email outbox (send_due), which retries emails whose SMTP delivery failed "
        "(emails are leased while sent, so several workers never send one twice), the "
        "recovery of ingestions whose worker died (their lease expired: retried or failed), "
        "and the daily jobs of PRIMA_DAILY_COMMANDS (reminders) once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=valid_interval, default=1.0,
                            help="Seconds to wait when no task is queued (default: 1).")
        parser.add_argument("--outbox-interval", type=valid_interval, default=60.0,
                            help="Seconds between two sweeps of the outbox (default: 60).")
        parser.add_argument("--queue-name", default="*",
                            help="Queues to process, comma-separated; '*' for all (default).")
        parser.add_argument("--once", action="store_true",
                            help="Run the queued tasks and one outbox sweep, then exit.")

    def handle(self, *, interval, outbox_interval, queue_name, once, **options):
        self.stopping = False
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        if type(backend).__module__.startswith("django_tasks_rq") and not once:
            return self._run_rq(queue_name, interval, outbox_interval)
        if not once:
            signal.signal(signal.SIGINT, self._stop)
            signal.signal(signal.SIGTERM, self._stop)
        self._loop(isinstance(backend, DatabaseBackend), interval, outbox_interval, queue_name,
                   once)

    def _run_rq(self, queue_name, interval, outbox_interval):
        """The RQ worker in this (main) thread, which handles its own signals (a warm
        shutdown finishes the current job); the outbox loop in a daemon thread beside it."""
        import django_rq
        from django_tasks_rq.backend import Job

        loop = threading.Thread(target=self._loop, name="outbox-loop", daemon=True,
                                args=(False, interval, outbox_interval, queue_name, False))
        loop.start()
        queues = ["default"] if queue_name == "*" else queue_name.split(",")
        worker = django_rq.get_worker(*queues, job_class=Job)
        self.stdout.write(f"RQ worker {worker.name} on {', '.join(queues)}")
        try:
            worker.work(with_scheduler=True)
        finally:
            self.stopping = True

    def _loop(self, runs_tasks, interval, outbox_interval, queue_name, once):
        worker_id = get_random_string(32)
        last_sweep = None
        while not self.stopping:
            try:
                last_sweep = self._round(runs_tasks, outbox_interval, queue_name, once,
                                         worker_id, last_sweep)
            except (DatabaseError, OSError) as exc:
                if once:
                    raise
                # The database (or a file system) is unavailable: nothing is lost (tasks and
                # emails stay queued); wait and try again.
                logger.error("Background round failed, retrying: %s", exc)
            if not connection.in_atomic_block:
                # Drop a broken or expired connection between rounds (never inside a
                # transaction, as when a test runs the worker once).
                close_old_connections()
            if once:
                return
            time.sleep(interval)

    def _round(self, runs_tasks, outbox_interval, queue_name, once, worker_id, last_sweep):
        if runs_tasks:
            # Batch mode: run what is queued (at most 100 tasks), then sweep the outbox.
            Worker(queue_names=queue_name.split(","), interval=0, batch=True,
                   backend_name=DEFAULT_TASK_BACKEND_ALIAS, startup_delay=False,
                   max_tasks=100, worker_id=worker_id, excluded_queue_names=[]).run()
        now = time.monotonic()
        if last_sweep is None or now - last_sweep >= outbox_interval:
            sent, failed = send_due()
            last_sweep = now
            if sent or failed or once:
                self.stdout.write(f"outbox: sent={sent} failed={failed}")
            # Each capability's housekeeping (the catalog retries ingestions whose worker died).
            for label, sweep in registry.sweeps():
                done = sweep()
                if any(done.values()):
                    self.stdout.write(f"{label}: " + " ".join(
                        f"{name}={count}" for name, count in done.items()))
            for name in run_due_daily_commands():
                self.stdout.write(f"daily: {name}")
        return last_sweep

    def _stop(self, signum, frame):
        # Finish the current task or email, then leave the loop.
        logger.warning("Received %s: stopping after the current step.", signal.strsignal(signum))
        self.stopping = True
