"""Leases with a heartbeat: how background work shows it is still alive.

A worker takes the lease of a piece of work (``held(key)``), a thread renews it every third of
``seconds`` while the work runs, and the work's end releases it. A worker killed mid-way (OOM,
SIGKILL, a lost node) stops renewing: once ``expires_at`` has passed, a sweeper knows the work
was interrupted and retries it or marks it failed (``expired()``). The attempt count survives
across workers, so a piece of work that kills its worker every time is not retried forever.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from contextlib import contextmanager
from datetime import timedelta

from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from .models import Lease

logger = logging.getLogger(__name__)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def take(key: str, seconds: float) -> Lease:
    now = timezone.now()
    with transaction.atomic():
        lease, _created = Lease.objects.select_for_update().get_or_create(
            key=key, defaults={"heartbeat_at": now, "expires_at": now})
        lease.owner = worker_name()
        lease.attempts += 1
        lease.heartbeat_at = now
        lease.expires_at = now + timedelta(seconds=seconds)
        lease.save()
    return lease


def renew(key: str, seconds: float) -> bool:
    now = timezone.now()
    return bool(Lease.objects.filter(key=key, owner=worker_name()).update(
        heartbeat_at=now, expires_at=now + timedelta(seconds=seconds)))


def release(key: str) -> None:
    Lease.objects.filter(key=key).delete()


def expired(prefix: str, now=None):
    return Lease.objects.filter(key__startswith=prefix, expires_at__lt=now or timezone.now())


class _Heartbeat(threading.Thread):
    def __init__(self, key: str, seconds: float):
        super().__init__(name=f"lease-heartbeat-{key}", daemon=True)
        self.key, self.seconds = key, seconds
        self.stopped = threading.Event()

    def run(self):
        try:
            while not self.stopped.wait(self.seconds / 3):
                try:
                    renew(self.key, self.seconds)
                except Exception:  # a database hiccup: the next beat tries again
                    logger.warning("Lease %s: heartbeat failed", self.key, exc_info=True)
                    close_old_connections()
        finally:
            connection.close()  # this thread's own connection


@contextmanager
def held(key: str, seconds: float):
    """Hold the lease of ``key`` while the block runs; released when it ends (also on error:
    an error is the work's own result, recorded by the work)."""
    lease = take(key, seconds)
    beat = _Heartbeat(key, seconds)
    beat.start()
    try:
        yield lease
    finally:
        beat.stopped.set()
        beat.join()
        release(key)
