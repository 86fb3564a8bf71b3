"""Leases and the recovery of ingestions whose worker died (never "in progress" forever)."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from prima.catalog.tasks import LEASE_PREFIX, recover_interrupted_ingestions
from prima.catalog.tests.test_engine_support import make_version
from prima.ops import leases
from prima.ops.models import Lease

pytestmark = pytest.mark.django_db


def interrupted(version, attempts: int):
    """The state a killed worker leaves: the version in progress, its lease left to expire."""
    type(version).objects.filter(pk=version.pk).update(status="ingesting", progress=45)
    Lease.objects.create(key=f"{LEASE_PREFIX}{version.pk}", owner="node-a:123",
                         attempts=attempts, heartbeat_at=timezone.now() - timedelta(minutes=10),
                         expires_at=timezone.now() - timedelta(minutes=5))


def test_a_lease_is_held_while_the_work_runs_and_released_after(db):
    with leases.held("work:1", 60) as lease:
        row = Lease.objects.get(key="work:1")
        assert row.attempts == 1 and row.owner == leases.worker_name()
        assert row.expires_at > timezone.now() + timedelta(seconds=50)
        assert lease.pk == row.pk
        assert leases.renew("work:1", 120)
    assert not Lease.objects.filter(key="work:1").exists()
    assert not leases.expired("work:").exists()


def test_an_interrupted_ingestion_is_retried_and_completes(tree, media,
                                                          django_capture_on_commit_callbacks):
    version = make_version(b"kode,nilai\n01,5\n02,7\n")
    interrupted(version, attempts=1)
    with django_capture_on_commit_callbacks(execute=True):
        result = recover_interrupted_ingestions()
    assert result == {"retried": [version.pk], "failed": []}
    version.refresh_from_db()
    # The retry ran (immediate backend in tests) and took the lease as its second attempt.
    assert version.status == "review" and version.row_count == 2
    assert not Lease.objects.exists()


def test_an_ingestion_interrupted_too_often_is_marked_failed_with_a_message(tree, media):
    version = make_version(b"kode,nilai\n01,5\n")
    interrupted(version, attempts=2)
    assert recover_interrupted_ingestions() == {"retried": [], "failed": [version.pk]}
    version.refresh_from_db()
    assert version.status == "failed" and version.progress == 100
    assert version.problems[0]["message"].startswith(
        "Pemrosesan berkas terhenti 2 kali karena pekerja latar berhenti")
    assert not Lease.objects.exists()


def test_a_live_lease_is_left_alone(tree, media):
    version = make_version(b"kode,nilai\n01,5\n")
    type(version).objects.filter(pk=version.pk).update(status="ingesting")
    leases.take(f"{LEASE_PREFIX}{version.pk}", 300)
    assert recover_interrupted_ingestions() == {"retried": [], "failed": []}
    version.refresh_from_db()
    assert version.status == "ingesting"


def test_a_retry_that_no_worker_took_is_queued_again(tree, media, monkeypatch,
                                                     django_capture_on_commit_callbacks):
    from prima.catalog import tasks

    queued = []
    monkeypatch.setattr(tasks, "ingest_resource_version", SimpleNamespace(enqueue=queued.append))
    version = make_version(b"kode,nilai\n01,5\n")
    interrupted(version, attempts=1)
    with django_capture_on_commit_callbacks(execute=True):  # queued on commit
        assert recover_interrupted_ingestions()["retried"] == [version.pk]
    assert queued == [version.pk]
    # The queue lost it (its Redis was flushed): once the lease's waiting time has passed,
    # the sweeper queues it again instead of forgetting it.
    Lease.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert recover_interrupted_ingestions()["retried"] == [version.pk]
    assert queued == [version.pk, version.pk]
    version.refresh_from_db()
    assert version.status == "uploaded" and Lease.objects.get().attempts == 1
