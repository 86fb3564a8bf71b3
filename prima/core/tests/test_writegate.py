"""The SQLite write gate: writers queue (threads on a lock, processes on a file lock) instead of
polling SQLite's busy handler."""

import fcntl
import os
import threading
import time

import pytest
from django.db import connection, transaction

from prima.core import writegate

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")


def test_threads_take_turns():
    order = []
    first_inside = threading.Event()

    def first():
        with writegate.write_gate():
            first_inside.set()
            time.sleep(0.2)
            order.append("first leaves")

    def second():
        first_inside.wait()
        with writegate.write_gate():
            order.append("second enters")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert order == ["first leaves", "second enters"]


@pytest.mark.django_db
def test_inside_a_transaction_or_a_gate_it_does_not_wait_on_itself():
    with writegate.write_gate(), writegate.write_gate():
        pass
    with transaction.atomic(), writegate.write_gate():
        pass


def test_processes_queue_on_a_file_beside_the_database(tmp_path, monkeypatch):
    database = tmp_path / "prima.sqlite3"
    monkeypatch.setitem(connection.settings_dict, "NAME", str(database))
    other_process = os.open(f"{database}.write-gate", os.O_RDWR | os.O_CREAT)
    try:
        with writegate.write_gate():
            with pytest.raises(BlockingIOError):
                fcntl.flock(other_process, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(other_process, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free again
        fcntl.flock(other_process, fcntl.LOCK_UN)
    finally:
        os.close(other_process)


def test_an_in_memory_database_has_no_lock_file():
    assert writegate._lock_file(":memory:") is None
    assert writegate._lock_file("file:memorydb_default?mode=memory&cache=shared") is None
