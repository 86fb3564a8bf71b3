"""``prima backup`` then ``prima restore`` gives back every row and every file, exactly."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from prima.ops import backup as ops_backup

# Restore empties every table (TRUNCATE on PostgreSQL), which cannot run inside the test's
# own transaction: these tests commit, like the command does.
pytestmark = pytest.mark.django_db(transaction=True)


def snapshot() -> dict:
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if model._meta.proxy or not model._meta.managed or ops_backup._excluded(label):
            continue
        rows[label] = list(model._base_manager.order_by("pk").values())
    files = {}
    for name in ops_backup.walk(default_storage):
        with default_storage.open(name, "rb") as fh:
            files[name] = hashlib.sha256(fh.read()).hexdigest()
    return {"rows": rows, "files": files}


@pytest.fixture
def filled(people, tree, media):
    """Rows in every app, and files: a decree, a published table (Parquet), a request."""
    from prima.catalog.tests.factories import published_dataset
    from prima.core.models import OutboxEmail
    from prima.inforequests.tests.factories import make_request
    from prima.organisations.tests.factories import DocumentFactory

    DocumentFactory(satker=tree.jepara, is_public=True)
    published_dataset(tree.jepara, people.ppid)
    make_request(tree.jepara)
    OutboxEmail.objects.create(subject="Tanda terima", from_email="a@example.org",
                               to=["b@example.org"],
                               next_attempt_at=dt.datetime(2026, 3, 1, 7, 0, 0, 123456,
                                                           tzinfo=dt.UTC))
    return snapshot()


def test_a_round_trip_gives_back_every_row_and_every_file(filled, tmp_path, media):
    assert len(filled["files"]) == 3  # a decree, an uploaded table, its Parquet file
    assert sum(len(rows) for rows in filled["rows"].values()) > 100
    call_command("backup", str(tmp_path / "backup"))

    # Everything is lost...
    call_command("flush", interactive=False, verbosity=0)
    for name in filled["files"]:
        default_storage.delete(name)
    assert snapshot() != filled

    # ... and comes back.
    call_command("restore", str(tmp_path / "backup"), "--yes")
    after = snapshot()
    assert after["files"] == filled["files"]
    for label, rows in filled["rows"].items():
        assert after["rows"][label] == rows, label
    # Times keep their microseconds.
    from prima.core.models import OutboxEmail

    assert OutboxEmail.objects.get().next_attempt_at.microsecond == 123456


def test_restore_refuses_without_confirmation_or_a_manifest(tmp_path):
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path))
    with pytest.raises(CommandError, match="no manifest.json"):
        call_command("restore", str(tmp_path), "--yes")


def test_a_corrupt_file_in_the_backup_is_refused(filled, tmp_path):
    call_command("backup", str(tmp_path / "b"))
    name = next(iter(filled["files"]))
    (tmp_path / "b" / "files" / name).write_bytes(b"changed")
    with pytest.raises(CommandError, match="checksum mismatch"):
        call_command("restore", str(tmp_path / "b"), "--yes")
