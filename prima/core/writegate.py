"""One write transaction at a time on SQLite, queued instead of polled (infrastructure only).

SQLite has a single write lock per database. A connection that finds it taken is put to sleep by
SQLite's busy handler for growing intervals (1, 2, 5 … up to 100 ms) and polls again, so with
many concurrent writers the lock often sits free while every waiter sleeps, and one process's
threads can starve another's (issue 13: submissions of the public form). ``write_gate()`` makes
writers queue instead: the threads of a process on a Python lock, the processes on an advisory
lock of a file beside the database (``flock``); both hand the turn over as soon as it is free.
Writers that do not use the gate are unaffected (they meet the busy handler as before). On
PostgreSQL (row locks, no single write lock) it does nothing.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager

from django.db import connections

try:
    import fcntl
except ImportError:  # not POSIX: the threads of each process still queue
    fcntl = None

_guard = threading.Lock()
_gates: dict[str, threading.Lock] = {}
_files: dict[tuple[int, str], int] = {}  # (pid, lock file) -> descriptor, opened once
_held = threading.local()


def _gate(alias: str) -> threading.Lock:
    with _guard:
        return _gates.setdefault(alias, threading.Lock())


def _lock_file(name) -> int | None:
    """A descriptor of ``<database>.write-gate`` (``None`` for an in-memory database)."""
    name = str(name or "")
    if fcntl is None or not name or name == ":memory:" or name.startswith("file:"):
        return None
    path = f"{name}.write-gate"
    key = (os.getpid(), path)  # a forked process opens its own description
    with _guard:
        if key not in _files:
            try:
                _files[key] = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:
                return None
        return _files[key]


@contextmanager
def write_gate(using: str = "default"):
    """Hold the write turn for the database ``using`` (SQLite only) around the
    ``transaction.atomic()`` block of a write that many visitors make at once. Inside an open
    transaction, or a gate already held by this thread, it does not wait again."""
    connection = connections[using]
    held = getattr(_held, "aliases", set())
    if connection.vendor != "sqlite" or connection.in_atomic_block or using in held:
        yield
        return
    with _gate(using):
        descriptor = _lock_file(connection.settings_dict.get("NAME"))
        if descriptor is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        _held.aliases = held | {using}
        try:
            yield
        finally:
            _held.aliases = held
            if descriptor is not None:
                fcntl.flock(descriptor, fcntl.LOCK_UN)
