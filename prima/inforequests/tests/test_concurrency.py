"""200 parallel submissions to one satker get 200 distinct, gapless registration numbers.

Runs on SQLite and PostgreSQL (``DATABASE_URL``). On PostgreSQL the counter row lock
(``SELECT ... FOR UPDATE`` in ``core.numbering``) serialises the writers. On SQLite the writers
are serialised by ``BEGIN IMMEDIATE`` (``transaction_mode`` in settings) waiting on the
``busy_timeout``, which is how the demo and the production-like SQLite set-up run: on a file.
pytest-django's default SQLite test database is in memory in shared-cache mode, where a blocked
writer fails at once with "database table is locked" (SQLITE_LOCKED ignores busy_timeout) instead
of waiting; so when the test database is in memory, the worker threads use a file copy of it
(made with SQLite's backup API) and the assertions read that file. When the test database is
already a file (``PRIMA_TEST_SQLITE``), the threads use it directly.
"""

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from prima.core.models import OutboxEmail
from prima.inforequests.choices import Channel
from prima.inforequests.models import InformationRequest, RequestEvent
from prima.inforequests.services import register_request
from prima.inforequests.tests.factories import at, request_data

SUBMISSIONS = 200
WORKERS = 20


@pytest.fixture
def threads_database(tmp_path):
    """Make the worker threads' connections use a database they can share with waiting locks."""
    alias = "default"
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield connection.settings_dict["NAME"]
        return
    path = tmp_path / "concurrency.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)  # schema and the committed rows (the satker tree)
    finally:
        target.close()
    original = connections.settings[alias]
    # Connections are created per thread from this dict; the main thread keeps its own
    # (in-memory) connection, whose settings object is the original dict.
    connections.settings[alias] = {**original, "NAME": str(path)}
    try:
        yield str(path)
    finally:
        connections.settings[alias] = original


def in_thread(function):
    """Run ``function`` on a fresh thread (so it reads the same database as the workers)."""
    def run():
        try:
            return function()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("writes", ["orm", "rows"])
def test_parallel_submissions_get_gapless_distinct_numbers(tree, threads_database, settings,
                                                            writes):
    if writes == "rows":
        # The embedded set-up: the registration writes its rows itself (core.rows).
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        settings.EMAIL_BACKEND = "prima.core.mail.OutboxBackend"
    jepara = tree.jepara
    start = threading.Barrier(WORKERS)
    received_at = at(2026, 3, 17, 10)

    def submit(i: int) -> str:
        try:
            if i < WORKERS:
                start.wait(timeout=30)  # the first wave starts together
            request, _secret = register_request(
                satker=jepara, channel=Channel.WEB, received_at=received_at,
                data=request_data(full_name=f"Pemohon {i:03d}", email=f"p{i}@contoh.id"))
            return request.number
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        numbers = list(pool.map(submit, range(SUBMISSIONS)))

    rows, events, emails = in_thread(lambda: (
        list(InformationRequest.objects.filter(satker=jepara, year=2026)
             .order_by("sequence").values_list("sequence", "number")),
        RequestEvent.objects.filter(request__satker=jepara).count(),
        sorted(OutboxEmail.objects.values_list("subject", flat=True)),
    ))
    if writes == "rows":
        # Every request has its receipt, numbered as the request.
        assert emails == sorted(f"Tanda terima permohonan informasi {number}"
                                for _, number in rows)
    assert len(rows) == SUBMISSIONS
    assert [seq for seq, _ in rows] == list(range(1, SUBMISSIONS + 1))
    assert len({number for _, number in rows}) == SUBMISSIONS
    assert sorted(numbers) == sorted(number for _, number in rows)
    assert rows[0][1] == "0001/PPID/33.20/2026"
    assert rows[-1][1] == "0200/PPID/33.20/2026"
    assert events == SUBMISSIONS
