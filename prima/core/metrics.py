"""Prometheus metrics at ``/metrics``: requests by route and status, latency, task queue depth,
failed tasks, the email outbox backlog.

Request counters live in each process; with several gunicorn workers set
``PROMETHEUS_MULTIPROC_DIR`` (``prima serve`` and the systemd unit do) so a scrape adds up
every worker of the node. Queue, failure and outbox figures are read from the shared stores
(database, Redis) at scrape time, so every node reports the same. The page answers only to
``Authorization: Bearer <PRIMA_METRICS_TOKEN>`` or to a client in
``PRIMA_METRICS_ALLOWED_NETWORKS`` (loopback by default); anyone else gets a 404.
"""

from __future__ import annotations

import ipaddress
import os
import time

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily

REQUESTS = Counter("prima_http_requests", "HTTP requests answered, by route, method and status",
                   ["route", "method", "status"])
LATENCY = Histogram("prima_http_request_duration_seconds", "Time to answer a request, by route",
                    ["route"], buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))


def _route(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    return match.view_name or match.route or "unnamed"


class MetricsMiddleware:
    """Counts every request and its duration under its route's name (bounded cardinality)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        route = _route(request)
        REQUESTS.labels(route, request.method, str(response.status_code)).inc()
        LATENCY.labels(route).observe(time.perf_counter() - started)
        return response


def queue_state() -> dict:
    """Depth and failures of the configured task backend's queue (raises when unreachable)."""
    backend = settings.TASKS["default"]["BACKEND"]
    if backend.startswith("django_tasks_rq"):
        import django_rq
        from rq.registry import FailedJobRegistry, StartedJobRegistry

        queue = django_rq.get_queue("default")
        queue.connection.ping()
        return {"backend": "rq", "queued": queue.count,
                "running": StartedJobRegistry(queue=queue).count,
                "failed": FailedJobRegistry(queue=queue).count}
    if backend.startswith("django_tasks_db"):
        from django.db.models import Count
        from django_tasks_db.models import DBTaskResult

        counts = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id"))
                      .values_list("status", "n"))
        return {"backend": "database", "queued": counts.get("READY", 0),
                "running": counts.get("RUNNING", 0), "failed": counts.get("FAILED", 0)}
    return {"backend": backend.rsplit(".", 1)[-1], "queued": 0, "running": 0, "failed": 0}


class SharedStateCollector:
    """Gauges read from the shared stores at scrape time."""

    def collect(self):
        from django.db.models import Count

        from prima.core.models import OutboxEmail

        try:
            state = queue_state()
        except Exception:  # an unreachable queue is reported by /siap/, not here
            state = None
        if state is not None:
            for name, key, text in (("prima_task_queue_depth", "queued", "Tasks waiting"),
                                    ("prima_tasks_running", "running", "Tasks being run"),
                                    ("prima_task_failures", "failed", "Tasks that failed")):
                gauge = GaugeMetricFamily(name, text, labels=["backend"])
                gauge.add_metric([state["backend"]], state[key])
                yield gauge
        outbox = dict(OutboxEmail.objects.values_list("status").annotate(n=Count("id"))
                      .values_list("status", "n"))
        gauge = GaugeMetricFamily("prima_outbox_emails", "Emails in the outbox, by status",
                                  labels=["status"])
        for status in OutboxEmail.Status.values:
            gauge.add_metric([status], outbox.get(status, 0))
        yield gauge
        backlog = GaugeMetricFamily("prima_outbox_backlog", "Emails not delivered yet")
        backlog.add_metric([], outbox.get(OutboxEmail.Status.PENDING, 0))
        yield backlog


def _allowed(request) -> bool:
    token = getattr(settings, "PRIMA_METRICS_TOKEN", "")
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if token and header.startswith("Bearer ") and constant_time_compare(header[7:], token):
        return True
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    networks = getattr(settings, "PRIMA_METRICS_ALLOWED_NETWORKS", ["127.0.0.1/32", "::1/128"])
    return any(address in ipaddress.ip_network(net, strict=False) for net in networks)


def registry() -> CollectorRegistry:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        reg = CollectorRegistry()
        multiprocess.MultiProcessCollector(reg)
    else:
        reg = CollectorRegistry()
        for collector in (REQUESTS, LATENCY):
            reg.register(collector)
    reg.register(SharedStateCollector())
    return reg


@never_cache
def metrics(request):
    if not _allowed(request):
        raise Http404
    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)
