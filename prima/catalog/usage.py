"""Usage statistics of the catalog: views, downloads and API calls per dataset and resource.

One row per (dataset, resource, day, kind) in ``UsageDaily``, counted with ``F()`` so that
concurrent requests never lose an increment. Call ``record_usage`` exactly once per event:
with ``resource`` when the event concerns one resource (a download, a table view, a
``datastore_search``), without it when it concerns the dataset as a whole (its page, its
metadata through an API). Dataset totals therefore sum both kinds of rows.
"""

from datetime import timedelta

from django.db import IntegrityError, connections, router, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from .choices import UsageKind
from .models import UsageDaily

SUMMARY_DAYS = 30
_KEYS = {UsageKind.VIEW: "views", UsageKind.DOWNLOAD: "downloads", UsageKind.API: "api"}


def record_usage(*, dataset, resource=None, kind: str, day=None) -> None:
    """Count one event of ``kind`` for today (create-or-increment, safe under concurrency).

    The common case is a single UPDATE. The first event of the day creates the row inside a
    savepoint; when a concurrent request created it first, the unique constraint refuses the
    insert and the increment is applied to that row instead.
    """
    if kind not in _KEYS:
        raise ValueError(f"unknown usage kind {kind!r}")
    key = {
        "dataset_id": dataset.pk if hasattr(dataset, "pk") else dataset,
        "resource_id": resource.pk if hasattr(resource, "pk") else resource,
        "day": day or timezone.localdate(),
        "kind": kind,
    }
    if _increment(key):
        return
    rows = UsageDaily.objects.filter(**key)  # resource_id=None filters IS NULL
    try:
        with transaction.atomic():
            UsageDaily.objects.create(count=1, **key)
    except IntegrityError:
        rows.update(count=F("count") + 1)


def _increment(key: dict) -> int:
    """``UPDATE ... SET count = count + 1`` for the key, as one prepared statement (the ORM
    builds and compiles the same UPDATE on every call: this is the hot path of every API
    request). Returns the number of rows updated."""
    meta = UsageDaily._meta
    connection = connections[router.db_for_write(UsageDaily)]
    quote = connection.ops.quote_name
    resource_clause = (f"{quote('resource_id')} IS NULL" if key["resource_id"] is None
                       else f"{quote('resource_id')} = %s")
    # Identifiers from the model's meta only; every value is a bound parameter.
    sql = " ".join([f"UPDATE {quote(meta.db_table)}",
                    f"SET {quote('count')} = {quote('count')} + 1",
                    f"WHERE {quote('dataset_id')} = %s AND {resource_clause}",
                    f"AND {quote('day')} = %s AND {quote('kind')} = %s"])
    params = [key["dataset_id"], *([key["resource_id"]] if key["resource_id"] is not None
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
