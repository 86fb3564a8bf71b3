"""Readiness (/siap/), Prometheus metrics (/metrics), request ids in logs, and 503 (never a
traceback) when the database or the storage fails."""

from __future__ import annotations

import errno
import json
import logging

import pytest
from django.db import OperationalError
from django.test import Client

from prima.core import health

pytestmark = pytest.mark.django_db


def test_liveness_stays_trivial(client):
    assert client.get("/sehat/").json() == {"status": "ok"}


def test_readiness_checks_every_dependency(client):
    response = client.get("/siap/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert set(body["checks"]) == {"database", "cache", "storage", "queue"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["database"]["vendor"] in ("sqlite", "postgresql")
    assert body["checks"]["storage"]["backend"] == "FileSystemStorage"


def test_readiness_answers_503_with_the_failing_dependency(client, monkeypatch):
    def down():
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6390. Connection refused.")

    monkeypatch.setitem(health.CHECKS, "cache", down)
    response = client.get("/siap/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"] == {"ok": False, "ms": body["checks"]["cache"]["ms"],
                                       "error": "ConnectionError: Error 111 connecting to "
                                                "127.0.0.1:6390. Connection refused."}
    assert body["checks"]["database"]["ok"] is True


def test_metrics_count_requests_by_route_and_report_shared_state(client):
    from prima.core.models import OutboxEmail

    OutboxEmail.objects.create(subject="s", from_email="a@example.org", to=["b@example.org"])
    client.get("/sehat/")
    client.get("/sehat/")
    client.get("/tidak-ada/")
    text = client.get("/metrics").content.decode()
    assert 'prima_http_requests_total{method="GET",route="core:health",status="200"}' in text
    assert 'route="unmatched",status="404"' in text
    assert 'prima_http_request_duration_seconds_bucket{le="0.005",route="core:health"}' in text
    assert "prima_outbox_backlog 1.0" in text
    assert 'prima_task_queue_depth{backend="ImmediateBackend"} 0.0' in text


def test_metrics_are_not_public(settings):
    settings.PRIMA_METRICS_TOKEN = "s3cret-token-value"
    outsider = Client(REMOTE_ADDR="203.0.113.7")
    assert outsider.get("/metrics").status_code == 404
    assert outsider.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert outsider.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token-value"
                        ).status_code == 200
    settings.PRIMA_METRICS_ALLOWED_NETWORKS = ["203.0.113.0/24"]
    assert outsider.get("/metrics").status_code == 200


def test_every_response_carries_a_request_id_that_logs_repeat(client, caplog):
    from prima.core.logging import JsonFormatter, RequestIdFilter

    given = client.get("/sehat/", HTTP_X_REQUEST_ID="nginx-0123456789abcdef")
    assert given["X-Request-ID"] == "nginx-0123456789abcdef"
    made = client.get("/sehat/", HTTP_X_REQUEST_ID="bad id\r\nX-Injected: 1")
    assert len(made["X-Request-ID"]) == 32 and "\n" not in made["X-Request-ID"]

    record = logging.LogRecord("prima.test", logging.WARNING, __file__, 1, "hello %s", ("x",),
                               None)
    from prima.core.logging import _request_id

    token = _request_id.set("req-12345678")
    try:
        RequestIdFilter().filter(record)
    finally:
        _request_id.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line == {"time": line["time"], "level": "WARNING", "logger": "prima.test",
                    "message": "hello x", "request_id": "req-12345678"}


@pytest.fixture
def failing_view(monkeypatch):
    """The home page fails as it would with the database or the disk gone."""
    from prima.core import views

    def install(exc):
        def broken(request, *args, **kwargs):
            raise exc

        monkeypatch.setattr(views, "home", broken)
        from django.urls import clear_url_caches

        import prima.core.urls
        import prima.urls

        monkeypatch.setattr(prima.core.urls.urlpatterns[0], "callback", broken)
        clear_url_caches()
    return install


@pytest.mark.parametrize("exc", [
    OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused"),
    OSError(errno.ENOSPC, "No space left on device"),
], ids=["database-down", "disk-full"])
def test_an_outage_answers_503_not_a_traceback(failing_view, exc, settings):
    settings.DEBUG = False
    failing_view(exc)
    response = Client(raise_request_exception=False).get("/", HTTP_ACCEPT="text/html")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"Traceback" not in response.content
    assert "tidak tersedia" in response.content.decode() or "penuh" in response.content.decode()
    api = Client(raise_request_exception=False).get("/", HTTP_ACCEPT="application/json")
    assert api.status_code == 503 and api.json()["error"] == "service_unavailable"


def test_an_outage_outside_a_view_answers_503(rf):
    request = rf.get("/api/v1/anything")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = health.server_error(request)
    assert response.status_code == 503
    assert json.loads(response.content)["error"] == "service_unavailable"
    try:
        raise ValueError("a bug")
    except ValueError:
        response = health.server_error(rf.get("/"))
    assert response.status_code == 500 and b"Traceback" not in response.content
