"""Usage counters: create-or-increment with F(), safe under concurrent requests; summaries in
one query."""

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from prima.catalog.choices import DatasetStatus, ResourceKind, UsageKind
from prima.catalog.models import Dataset, Licence, Resource, UsageDaily
from prima.catalog.usage import record_usage, resource_usage_summary, usage_summary
from prima.organisations.tests.factories import UserFactory


def make_dataset(satker, slug="data-uji", **fields):
    Licence.objects.get_or_create(id="CC-BY-4.0", defaults={"title": "CC BY 4.0"})
    fields.setdefault("status", DatasetStatus.PUBLISHED)
    return Dataset.objects.create(satker=satker, slug=slug, title=f"Judul {slug}",
                                  description="Uraian", created_by=UserFactory(), **fields)


def make_resource(dataset, slug="berkas"):
    return Resource.objects.create(dataset=dataset, slug=slug, name=f"Berkas {slug}",
                                   kind=ResourceKind.FILE, format="CSV")


def test_first_event_creates_the_row_and_later_events_increment_it(tree):
    dataset = make_dataset(tree.jepara)

    record_usage(dataset=dataset, kind=UsageKind.VIEW)
    record_usage(dataset=dataset, kind=UsageKind.VIEW)
    record_usage(dataset=dataset, kind=UsageKind.VIEW)

    row = UsageDaily.objects.get()
    assert (row.dataset_id, row.resource_id, row.kind, row.count) == (
        dataset.pk, None, "view", 3)
    assert row.day == timezone.localdate()


def test_dataset_and_resource_rows_are_kept_apart_per_kind(tree):
    dataset = make_dataset(tree.jepara)
    resource = make_resource(dataset)

    record_usage(dataset=dataset, kind=UsageKind.VIEW)
    record_usage(dataset=dataset, resource=resource, kind=UsageKind.DOWNLOAD)
    record_usage(dataset=dataset, resource=resource, kind=UsageKind.DOWNLOAD)
    record_usage(dataset=dataset, resource=resource, kind=UsageKind.VIEW)

    rows = sorted(UsageDaily.objects.values_list("resource_id", "kind", "count"),
                  key=lambda r: (r[0] or 0, r[1]))
    assert rows == [(None, "view", 1), (resource.pk, "download", 2), (resource.pk, "view", 1)]


def test_unknown_kind_is_refused(tree):
    dataset = make_dataset(tree.jepara)

    with pytest.raises(ValueError):
        record_usage(dataset=dataset, kind="like")
    assert UsageDaily.objects.count() == 0


def test_recording_is_one_update_once_the_row_exists(tree, django_assert_num_queries):
    dataset = make_dataset(tree.jepara)
    record_usage(dataset=dataset, kind=UsageKind.VIEW)

    with django_assert_num_queries(1):
        record_usage(dataset=dataset, kind=UsageKind.VIEW)


def test_summary_counts_last_30_days_and_totals_in_one_query(tree, django_assert_num_queries):
    dataset = make_dataset(tree.jepara)
    other = make_dataset(tree.jepara, slug="lain")
    quiet = make_dataset(tree.kudus, slug="sepi")
    resource = make_resource(dataset)
    today = timezone.localdate()
    UsageDaily.objects.bulk_create([
        UsageDaily(dataset=dataset, day=today, kind="view", count=5),
        UsageDaily(dataset=dataset, day=today - timedelta(days=29), kind="view", count=7),
        UsageDaily(dataset=dataset, day=today - timedelta(days=30), kind="view", count=100),
        UsageDaily(dataset=dataset, resource=resource, day=today, kind="download", count=3),
        UsageDaily(dataset=dataset, resource=resource, day=today - timedelta(days=40),
                   kind="download", count=4),
        UsageDaily(dataset=dataset, resource=resource, day=today, kind="api", count=2),
        UsageDaily(dataset=other, day=today, kind="download", count=1),
    ])

    with django_assert_num_queries(1):
        summary = usage_summary([dataset, other, quiet])

    assert summary[dataset.pk] == {
        "views_30d": 12, "views_total": 112, "downloads_30d": 3, "downloads_total": 7,
        "api_30d": 2, "api_total": 2,
    }
    assert summary[other.pk]["downloads_total"] == 1
    assert summary[other.pk]["views_total"] == 0
    assert summary[quiet.pk] == {
        "views_30d": 0, "views_total": 0, "downloads_30d": 0, "downloads_total": 0,
        "api_30d": 0, "api_total": 0,
    }
    with django_assert_num_queries(1):
        per_resource = resource_usage_summary([resource])
    assert per_resource[resource.pk]["downloads_30d"] == 3
    assert per_resource[resource.pk]["downloads_total"] == 7
    assert per_resource[resource.pk]["views_total"] == 0


def test_summary_accepts_a_queryset_and_a_fixed_day(tree):
    dataset = make_dataset(tree.jepara)
    record_usage(dataset=dataset, kind=UsageKind.DOWNLOAD, day=date(2020, 1, 1))

    summary = usage_summary(Dataset.objects.all())

    assert summary[dataset.pk]["downloads_total"] == 1
    assert summary[dataset.pk]["downloads_30d"] == 0


@contextmanager
def threads_database(tmp_path):
    """Worker threads need a database file: SQLite's shared in-memory test database fails a
    blocked writer at once instead of waiting on busy_timeout (see inforequests'
    test_concurrency for the same set-up). Enter it after the rows the threads need exist."""
    alias = "default"
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    path = tmp_path / "usage.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    original = connections.settings[alias]
    connections.settings[alias] = {**original, "NAME": str(path)}
    try:
        yield
    finally:
        connections.settings[alias] = original


def in_thread(function):
    def run():
        try:
            return function()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


@pytest.mark.django_db(transaction=True)
def test_concurrent_first_events_of_the_day_lose_no_increment(tree, tmp_path):
    dataset = make_dataset(tree.jepara)
    resource = make_resource(dataset)
    events, workers = 120, 12
    start = threading.Barrier(workers)

    def hit(i):
        try:
            if i < workers:
                start.wait(timeout=30)  # the first wave races for the first row of the day
            record_usage(dataset=dataset, resource=resource if i % 2 else None,
                         kind=UsageKind.DOWNLOAD)
        finally:
            connections.close_all()

    with threads_database(tmp_path):
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(hit, range(events)))
        rows = in_thread(lambda: sorted(
            UsageDaily.objects.values_list("resource_id", "count"), key=lambda r: r[0] or 0))
        summary = in_thread(lambda: usage_summary([dataset]))

    assert rows == [(None, 60), (resource.pk, 60)]
    assert summary[dataset.pk]["downloads_total"] == events


# --- the per-process buffer (production: counts wait up to CATALOG_USAGE_FLUSH_SECONDS) -------

@pytest.fixture
def buffered(settings):
    from prima.catalog import usage

    usage.flush_usage()
    settings.CATALOG_USAGE_FLUSH_SECONDS = 60
    yield usage
    usage._buffer.take()


def test_buffered_counts_are_written_together_when_due(tree, buffered, monkeypatch,
                                                       django_assert_num_queries):
    dataset = make_dataset(tree.jepara)
    resource = make_resource(dataset)

    with django_assert_num_queries(0):
        for _n in range(5):
            record_usage(dataset=dataset, resource=resource, kind=UsageKind.API)
        record_usage(dataset=dataset, kind=UsageKind.VIEW)
    assert UsageDaily.objects.count() == 0

    # A minute later the next event finds the buffer due and writes every count at once.
    clock = buffered.time.monotonic() + 61
    monkeypatch.setattr(buffered.time, "monotonic", lambda: clock)
    record_usage(dataset=dataset, resource=resource, kind=UsageKind.API)

    rows = sorted(UsageDaily.objects.values_list("resource_id", "kind", "count"),
                  key=lambda r: (r[0] or 0, r[1]))
    assert rows == [(None, "view", 1), (resource.pk, "api", 6)]
    assert buffered._buffer.counts == {}


def test_a_usage_summary_includes_this_process_buffered_counts(tree, buffered):
    dataset = make_dataset(tree.jepara)
    record_usage(dataset=dataset, kind=UsageKind.DOWNLOAD)
    record_usage(dataset=dataset, kind=UsageKind.DOWNLOAD)

    assert usage_summary([dataset])[dataset.pk]["downloads_total"] == 2
    assert UsageDaily.objects.get().count == 2


def test_counts_that_cannot_be_written_are_kept_for_the_next_flush(tree, buffered,
                                                                   monkeypatch):
    from django.db import OperationalError

    dataset = make_dataset(tree.jepara)
    other = make_dataset(tree.jepara, slug="lain")
    record_usage(dataset=dataset, kind=UsageKind.VIEW)
    record_usage(dataset=other, kind=UsageKind.VIEW)
    real = buffered._write

    def failing(key, count):
        raise OperationalError("database is locked")

    monkeypatch.setattr(buffered, "_write", failing)
    buffered.flush_usage()
    assert UsageDaily.objects.count() == 0
    assert sum(buffered._buffer.counts.values()) == 2

    monkeypatch.setattr(buffered, "_write", real)
    buffered.flush_usage()
    assert sorted(UsageDaily.objects.values_list("count", flat=True)) == [1, 1]
