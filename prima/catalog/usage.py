"""Usage statistics of the catalog: views, downloads and API calls per dataset and resource.

One row per (dataset, resource, day, kind) in ``UsageDaily``, counted with ``F()`` so that
concurrent requests never lose an increment. Call ``record_usage`` exactly once per event:
with ``resource`` when the event concerns one resource (a download, a table view, a
``datastore_search``), without it when it concerns the dataset as a whole (its page, its
metadata through an API). Dataset totals therefore sum both kinds of rows.
"""

import atexit
import logging
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connections, router, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from .choices import UsageKind
from .models import UsageDaily

logger = logging.getLogger(__name__)
SUMMARY_DAYS = 30
_KEYS = {UsageKind.VIEW: "views", UsageKind.DOWNLOAD: "downloads", UsageKind.API: "api"}


def flush_seconds() -> float:
    """How long counts may wait in this process before they are written (0: at once)."""
    return float(getattr(settings, "CATALOG_USAGE_FLUSH_SECONDS", 10))


class _Buffer:
    """Counts of this process not yet written, one entry per (dataset, resource, day, kind).

    A busy API answers in well under a millisecond, and one UPDATE per request would cost
    more than the answer. Counts are written together when the oldest is ``flush_seconds()``
    old (by the request that finds them due), when a staff page shows usage, and when the
    process exits; a process killed outright loses at most those seconds of statistics,
    never anything a user submitted.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.counts: dict[tuple, int] = {}
        self.since = 0.0

    def add(self, key: tuple) -> bool:
        """Count one event; ``True`` when the buffer is due to be written."""
        now = time.monotonic()
        with self.lock:
            if not self.counts:
                self.since = now
            self.counts[key] = self.counts.get(key, 0) + 1
            return now - self.since >= flush_seconds()

    def take(self) -> dict[tuple, int]:
        with self.lock:
            counts, self.counts = self.counts, {}
            return counts


_buffer = _Buffer()


def record_usage(*, dataset, resource=None, kind: str, day=None) -> None:
    """Count one event of ``kind`` for today (create-or-increment, safe under concurrency;
    buffered in the process for up to ``flush_seconds()``, see ``_Buffer``)."""
    if kind not in _KEYS:
        raise ValueError(f"unknown usage kind {kind!r}")
    key = (dataset.pk if hasattr(dataset, "pk") else dataset,
           resource.pk if hasattr(resource, "pk") else resource,
           day or timezone.localdate(), str(kind))
    if flush_seconds() <= 0:
        _write(key, 1)
    elif _buffer.add(key):
        flush_usage()


def flush_usage() -> None:
    """Write every buffered count now (counts that fail to be written are kept)."""
    pending = _buffer.take()
    for number, (key, count) in enumerate(pending.items()):
        try:
            _write(key, count)
        except DatabaseError:
            logger.exception("Usage counts could not be written; they are kept for later")
            for rest_key, rest in list(pending.items())[number:]:
                with _buffer.lock:
                    _buffer.counts[rest_key] = _buffer.counts.get(rest_key, 0) + rest
            return


atexit.register(flush_usage)


def _write(key: tuple, count: int) -> None:
    """The UPDATE of the day's row by ``count``; the first event of the day creates the row
    inside a savepoint, and when a concurrent request created it first, the unique
    constraint refuses the insert and the increment is applied to that row instead."""
    fields = dict(zip(("dataset_id", "resource_id", "day", "kind"), key, strict=True))
    if _increment(fields, count):
        return
    rows = UsageDaily.objects.filter(**fields)  # resource_id=None filters IS NULL
    try:
        with transaction.atomic():
            UsageDaily.objects.create(count=count, **fields)
    except IntegrityError:
        rows.update(count=F("count") + count)


def _increment(key: dict, count: int = 1) -> int:
    """``UPDATE ... SET count = count + <count>`` for the key, as one prepared statement (the ORM
    builds and compiles the same UPDATE on every call: this is the hot path of every API
    request). Returns the number of rows updated."""
    meta = UsageDaily._meta
    connection = connections[router.db_for_write(UsageDaily)]
    quote = connection.ops.quote_name
    resource_clause = (f"{quote('resource_id')} IS NULL" if key["resource_id"] is None
                       else f"{quote('resource_id')} = %s")
    # Identifiers from the model's meta only; every value is a bound parameter.
    sql = " ".join([f"UPDATE {quote(meta.db_table)}",
                    f"SET {quote('count')} = {quote('count')} + %s",
                    f"WHERE {quote('dataset_id')} = %s AND {resource_clause}",
                    f"AND {quote('day')} = %s AND {quote('kind')} = %s"])
    params = [count, key["dataset_id"], *([key["resource_id"]] if key["resource_id"] is not None
                                   else []),
              meta.get_field("day").get_db_prep_value(key["day"], connection), str(key["kind"])]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _empty() -> dict[str, int]:
    return {f"{name}_{span}": 0 for name in _KEYS.values() for span in ("30d", "total")}


def _sums(since) -> dict[str, Sum]:
    sums = {}
    for kind, name in _KEYS.items():
        sums[f"{name}_30d"] = Sum("count", filter=Q(kind=kind, day__gte=since))
        sums[f"{name}_total"] = Sum("count", filter=Q(kind=kind))
    return sums


def _summary(field: str, ids: list[int]) -> dict[int, dict[str, int]]:
    flush_usage()  # this process's own recent counts
    since = timezone.localdate() - timedelta(days=SUMMARY_DAYS - 1)
    result = {pk: _empty() for pk in ids}
    rows = (UsageDaily.objects.filter(**{f"{field}__in": ids}).values(field)
            .annotate(**_sums(since)).order_by())
    for row in rows:
        pk = row.pop(field)
        result[pk] = {name: value or 0 for name, value in row.items()}
    return result


def _ids(objects) -> list[int]:
    return [obj.pk if hasattr(obj, "pk") else int(obj) for obj in objects]


def usage_summary(datasets) -> dict[int, dict[str, int]]:
    """Per dataset id: ``views_30d``, ``downloads_30d``, ``api_30d`` and their ``*_total``.

    One query for any number of datasets (instances or ids); the last 30 days include today.
    Datasets without any usage get zeros.
    """
    return _summary("dataset_id", _ids(datasets))


def resource_usage_summary(resources) -> dict[int, dict[str, int]]:
    """The same figures per resource id (events recorded with that resource), in one query."""
    return _summary("resource_id", _ids(resources))
