"""``core.numbering.next_number``: one statement per number, gapless, and safe with threads
(each on its own connection) on SQLite (a file database) and PostgreSQL."""

import sqlite3
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from prima.core.models import Sequence
from prima.core.numbering import next_number


@pytest.mark.django_db
def test_first_use_then_one_statement_each():
    with transaction.atomic():
        assert next_number("demo:a") == 1
        with CaptureQueriesContext(connection) as queries:
            assert next_number("demo:a") == 2
        assert len(queries) == 1 and "RETURNING" in queries[0]["sql"]
        assert next_number("demo:b") == 1
    assert dict(Sequence.objects.values_list("key", "value")) == {"demo:a": 2, "demo:b": 1}


@pytest.mark.django_db
def test_a_rolled_back_number_is_given_again():
    with transaction.atomic():
        assert next_number("demo:c") == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_number("demo:c") == 2
        raise RuntimeError("the registration failed")
    with transaction.atomic():
        assert next_number("demo:c") == 2


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        next_number("demo:d")


@pytest.fixture
def shared_database(tmp_path):
    """Threads' connections on a database where a writer waits for the lock: a file copy of
    SQLite's in-memory test database (see inforequests' test_concurrency), or PostgreSQL."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    path = tmp_path / "numbering.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    original = connections.settings["default"]
    connections.settings["default"] = {**original, "NAME": str(path)}
    try:
        yield
    finally:
        connections.settings["default"] = original


@pytest.mark.django_db(transaction=True)
def test_threads_get_distinct_gapless_numbers_and_create_the_counter_once(shared_database):
    # Two counters, both new: the threads race to create them (INSERT ... ON CONFLICT).
    def draw(i: int) -> tuple[str, int]:
        key = f"demo:race:{i % 2}"
        try:
            with transaction.atomic():
                return key, next_number(key)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=12) as pool:
        drawn = list(pool.map(draw, range(120)))
    for key in ("demo:race:0", "demo:race:1"):
        assert sorted(n for k, n in drawn if k == key) == list(range(1, 61))

    def stored():
        try:
            return dict(Sequence.objects.filter(key__startswith="demo:race:")
                        .values_list("key", "value"))
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(stored).result() == {"demo:race:0": 60, "demo:race:1": 60}
