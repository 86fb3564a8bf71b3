"""One process for all background work: queued tasks and the email outbox."""

from __future__ import annotations

import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import (
    Worker,
    valid_interval,
)

from prima.core.daily import run_due_daily_commands
from prima.core.mail import send_due

logger = logging.getLogger("prima.worker")


class Command(BaseCommand):
    help = (
        "Run Prima's background work in one single-threaded loop: (1) every queued task of the "
        "database task backend (django_tasks_db, as its db_worker would, in batch rounds), and "
        "(2) every --outbox-interval seconds, the sweep of the email outbox (send_due), which "
        "retries emails whose SMTP delivery failed. Emails are leased while sent, so several "
        "workers never send one twice. When the task backend is not the database (RQ in "
        "production, immediate in tests) only the outbox sweep runs here: start that backend's "
        "own worker, or run this command or `send_outbox` from cron instead. With each outbox "
        "sweep it also runs the daily jobs of PRIMA_DAILY_COMMANDS (reminders) once a day."
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
        if not once:
            signal.signal(signal.SIGINT, self._stop)
            signal.signal(signal.SIGTERM, self._stop)
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        runs_tasks = isinstance(backend, DatabaseBackend)
        worker_id = get_random_string(32)
        last_sweep = None
        while not self.stopping:
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
                for name in run_due_daily_commands():
                    self.stdout.write(f"daily: {name}")
            if not connection.in_atomic_block:
                # Drop a broken or expired connection between rounds (never inside a
                # transaction, as when a test runs the worker once).
                close_old_connections()
            if once:
                return
            time.sleep(interval)

    def _stop(self, signum, frame):
        # Finish the current task or email, then leave the loop.
        logger.warning("Received %s: stopping after the current step.", signal.strsignal(signum))
        self.stopping = True
