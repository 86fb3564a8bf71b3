"""DuckDB connections that can read one Parquet file and nothing else, identifiers, time limits.

A query connection is created with ``allowed_paths`` set to the version's Parquet file, then
``enable_external_access=false`` and ``lock_configuration=true``: it can read that file (through
the view ``t``) but no other file, no network, no extension, no ``ATTACH`` or ``COPY ... TO``,
and the settings cannot be changed back. One such database is kept per process and Parquet
file (keyed by path, modification time and size) and each thread queries it through its own
cursor, so repeated queries skip the set-up and share DuckDB's Parquet metadata cache.
"""
# SQL is built here from schema identifiers (validated, quoted) and bound parameters only.
# ruff: noqa: S608

from __future__ import annotations

import os
import re
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager

import duckdb
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import files

PARQUET_DIR = files.PARQUET_DIR
ROW_ID = "__row"  # hidden row number column in every Parquet file (1 = first data row)
NAME_RE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
CONNECTIONS_PER_THREAD = 6

_local = threading.local()


def query_seconds() -> float:
    return float(getattr(settings, "CATALOG_QUERY_SECONDS", 10))


def duckdb_threads() -> int:
    return int(getattr(settings, "CATALOG_DUCKDB_THREADS", 2))


def duckdb_memory() -> str:
    return str(getattr(settings, "CATALOG_DUCKDB_MEMORY", "1GB"))


def parquet_name(version) -> str:
    """The storage name of a version's Parquet file (``files.py``)."""
    return files.stored_name(version)


def parquet_location(version) -> str:
    """A local path of the version's Parquet file that DuckDB can read: the stored file with
    a local storage directory, else this node's cached copy (``files.location``)."""
    return files.location(version)


def quote_ident(name: str) -> str:
    """Quote an identifier that already passed ``NAME_RE`` (belt and braces: escape quotes)."""
    return '"' + str(name).replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def new_connection(*, readable: list[str] = (), writable_dir: str | None = None,
                   lock: bool = True) -> duckdb.DuckDBPyConnection:
    """A fresh in-memory connection restricted to ``readable`` files (and ``writable_dir``)."""
    conn = duckdb.connect(":memory:", config={"threads": duckdb_threads(),
                                              "memory_limit": duckdb_memory(),
                                              "autoinstall_known_extensions": False,
                                              "autoload_known_extensions": False})
    conn.execute("SET parquet_metadata_cache = true")
    if lock:
        paths = ", ".join(quote_literal(p) for p in readable)
        conn.execute(f"SET allowed_paths = [{paths}]")
        if writable_dir:
            conn.execute(f"SET allowed_directories = [{quote_literal(writable_dir)}]")
        conn.execute("SET enable_external_access = false")
        conn.execute("SET lock_configuration = true")
    return conn


def _open_view(path: str) -> duckdb.DuckDBPyConnection:
    conn = new_connection(readable=[path])
    conn.execute(f"CREATE VIEW t AS SELECT * FROM read_parquet({quote_literal(path)})")
    return conn


_bases: OrderedDict = OrderedDict()
_bases_lock = threading.Lock()
BASES_PER_PROCESS = 16


def _base_connection(key: tuple) -> duckdb.DuckDBPyConnection:
    """The process-wide database with the view ``t`` over one Parquet file (shared by every
    thread through its own cursor, so the Parquet metadata cache is shared too)."""
    with _bases_lock:
        base = _bases.get(key)
        if base is not None:
            _bases.move_to_end(key)
            return base
        for old in [k for k in _bases if k[0] == key[0]]:
            _bases.pop(old)  # a rewritten file: threads' cursors of the old one are dropped
        base = _bases[key] = _open_view(key[0])
        while len(_bases) > BASES_PER_PROCESS:
            _bases.popitem(last=False)
        return base


def table_connection(path: str) -> duckdb.DuckDBPyConnection:
    """This thread's cursor on the view ``t`` over the Parquet file at ``path``."""
    try:
        stat = os.stat(path)
    except FileNotFoundError as exc:
        raise ValidationError(_("Data tabel untuk versi ini belum tersedia."),
                              code="no_data") from exc
    key = (path, stat.st_mtime_ns, stat.st_size)
    cache = getattr(_local, "connections", None)
    if cache is None:
        cache = _local.connections = OrderedDict()
    conn = cache.get(key)
    if conn is not None:
        cache.move_to_end(key)
        return conn
    for old in [k for k in cache if k[0] == path]:
        cache.pop(old).close()
    conn = cache[key] = _base_connection(key).cursor()
    while len(cache) > CONNECTIONS_PER_THREAD:
        _key, oldest = cache.popitem(last=False)
        oldest.close()
    return conn


def close_thread_connections() -> None:
    cache = getattr(_local, "connections", None) or {}
    for conn in cache.values():
        conn.close()
    cache.clear()


class _Watchdog:
    """One daemon thread per process that interrupts queries past their deadline (cheaper
    than a timer thread per query)."""

    def __init__(self):
        self.cond = threading.Condition()
        self.entries: dict[int, _Deadline] = {}
        self.thread: threading.Thread | None = None

    def add(self, entry: _Deadline) -> None:
        with self.cond:
            self.entries[id(entry)] = entry
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="catalog-query-watchdog",
                                               daemon=True)
                self.thread.start()
            self.cond.notify()

    def remove(self, entry: _Deadline) -> None:
        with self.cond:
            self.entries.pop(id(entry), None)

    def _run(self) -> None:
        with self.cond:
            while True:
                if not self.entries:
                    self.cond.wait()
                    continue
                now = time.monotonic()
                due = [e for e in self.entries.values() if e.deadline <= now]
                for entry in due:
                    self.entries.pop(id(entry), None)
                    entry.fire()
                if not due:
                    self.cond.wait(min(e.deadline for e in self.entries.values()) - now)


_watchdog = _Watchdog()


class _Deadline:
    """Interrupts the connection's running query once ``seconds`` have passed."""

    def __init__(self, conn, seconds: float):
        self.conn = conn
        self.deadline = time.monotonic() + seconds
        self.lock = threading.Lock()
        self.done = False
        self.fired = False

    def fire(self):
        with self.lock:
            if not self.done:
                self.fired = True
                self.conn.interrupt()

    def __enter__(self):
        _watchdog.add(self)
        return self

    def __exit__(self, *exc):
        with self.lock:
            self.done = True
        _watchdog.remove(self)
        return False


def too_slow(seconds: float) -> ValidationError:
    return ValidationError(
        _("Kueri terlalu lama (lebih dari %(seconds)s detik) dan dihentikan. Persempit filter "
          "atau unduh berkas lengkapnya.") % {"seconds": f"{seconds:g}"},
        code="timeout")


@contextmanager
def time_limit(conn, seconds: float | None = None):
    """Run the block's queries on ``conn`` under the catalog's time limit."""
    seconds = query_seconds() if seconds is None else seconds
    deadline = _Deadline(conn, seconds)
    try:
        with deadline:
            yield
    except duckdb.InterruptException as exc:
        raise too_slow(seconds) from exc
    except duckdb.Error as exc:
        if deadline.fired:
            raise too_slow(seconds) from exc
        raise


def run(conn, sql: str, params: list | tuple = (), seconds: float | None = None) -> list[tuple]:
    """Execute ``sql`` with bound ``params`` under the time limit and fetch every row."""
    with time_limit(conn, seconds):
        return conn.execute(sql, list(params)).fetchall()
