"""Readiness (``/siap/``) and the answer given when a dependency is down (503, never a traceback).

``/sehat/`` (liveness) stays trivial: the process answers. ``/siap/`` (readiness) checks what a
node needs to serve requests: the database, the cache (rate limits), file storage and the task
queue; it answers 200 when all are up and 503 otherwise, with JSON details, so a load balancer
takes a node out of rotation while its PostgreSQL, Redis or object storage is unreachable.

When the database or the storage fails during a request, the client gets a clear 503 page (JSON
for the APIs) with ``Retry-After``, never a traceback: nothing was accepted, so resubmitting is
safe. Services write in one transaction, so a failed request changes nothing.
"""

from __future__ import annotations

import errno
import logging
import sys
import time

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

logger = logging.getLogger("prima.health")

RETRY_AFTER_SECONDS = 30


def _timed(check):
    started = time.perf_counter()
    try:
        detail = check() or {}
        ok = True
    except Exception as exc:  # every failure is a "not ready", described, never raised
        first_line = str(exc).splitlines()[0][:200] if str(exc) else ""
        detail = {"error": f"{type(exc).__name__}: {first_line}"}
        ok = False
    detail.update(ok=ok, ms=round((time.perf_counter() - started) * 1000, 1))
    return detail


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def check_cache():
    key = f"prima:ready:{get_random_string(8)}"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)
    return {"backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def check_storage():
    name = f"health/ready-{get_random_string(12)}.txt"
    saved = default_storage.save(name, ContentFile(b"ok"))
    try:
        with default_storage.open(saved, "rb") as fh:
            if fh.read() != b"ok":
                raise RuntimeError("the storage returned other bytes")
    finally:
        default_storage.delete(saved)
    return {"backend": default_storage.__class__.__name__}  # the wrapped class


def check_queue():
    from prima.core.metrics import queue_state

    return queue_state()


CHECKS = {"database": check_database, "cache": check_cache, "storage": check_storage,
          "queue": check_queue}


@never_cache
def readiness(request):
    """200 when every dependency answers, else 503; each check with its duration."""
    checks = {name: _timed(check) for name, check in CHECKS.items()}
    ready = all(item["ok"] for item in checks.values())
    response = JsonResponse({"status": "ready" if ready else "unavailable", "checks": checks},
                            status=200 if ready else 503)
    if not ready:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


# --- 503 instead of a traceback ----------------------------------------------------------------

def is_outage(exc: BaseException | None) -> bool:
    """A failure of a dependency (database unreachable, storage full), not of the code."""
    if exc is None:
        return False
    if isinstance(exc, OperationalError | InterfaceError):
        return True
    if isinstance(exc, DatabaseError) and "connection" in str(exc).lower():
        return True
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    from prima.core.storage import StorageFull

    if isinstance(exc, StorageFull):
        return True
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # pragma: no cover - boto3 is a dependency
        return False
    return isinstance(exc, BotoCoreError | ClientError)


def _wants_json(request) -> bool:
    path = request.path
    accept = request.META.get("HTTP_ACCEPT", "")
    return (path.startswith(("/api/", "/siap/", "/metrics"))
            or path.endswith(".json")
            or ("application/json" in accept and "text/html" not in accept))


def service_unavailable(request, exc: BaseException | None = None) -> HttpResponse:
    storage_full = isinstance(exc, OSError) and getattr(exc, "errno", None) in (
        errno.ENOSPC, errno.EDQUOT)
    if storage_full:
        message = _("Penyimpanan berkas sedang penuh; berkas Anda tidak disimpan dan tidak ada "
                    "yang berubah. Coba lagi nanti.")
    else:
        message = _("Layanan sedang tidak tersedia sementara; permintaan Anda tidak disimpan. "
                    "Coba lagi dalam beberapa saat.")
    if _wants_json(request):
        response = JsonResponse({"error": "service_unavailable", "detail": message}, status=503)
    else:
        response = HttpResponse(render_to_string("503.html", {"message": message}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class ServiceUnavailableMiddleware:
    """A view that fails because the database or the storage is unavailable answers 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_outage(exception):
            logger.error("Dependency unavailable during %s %s: %s", request.method,
                         request.path, exception, exc_info=exception)
            return service_unavailable(request, exception)
        return None


def server_error(request, *args, **kwargs):
    """``handler500``: an outage met outside a view (a middleware saving the session, ...) is
    answered 503 like one inside; any other error gets the 500 page (no traceback)."""
    exc = sys.exc_info()[1]
    if is_outage(exc):
        return service_unavailable(request, exc)
    if _wants_json(request):
        return JsonResponse({"error": "server_error",
                             "detail": _("Terjadi galat pada server.")}, status=500)
    return HttpResponse(render_to_string("500.html"), status=500)
