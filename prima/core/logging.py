"""Structured logs: one JSON object per line in production, each with the request's id.

The id comes from the front server (nginx sends ``X-Request-ID: $request_id``) or is made here,
is returned in the response's ``X-Request-ID`` and is added to every log record written while
the request is handled, so one request can be followed from nginx's log to the app's.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

_request_id: ContextVar[str] = ContextVar("prima_request_id", default="")
VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def current_request_id() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = given if VALID_ID.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (empty outside a request)."""

    def filter(self, record):
        if not getattr(record, "request_id", ""):
            record.request_id = _request_id.get()
        return True


class JsonFormatter(_JsonFormatter):
    """``{"time", "level", "logger", "message", "request_id", ...extra}``, one per line."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level",
                                            "name": "logger"})
        kwargs.setdefault("timestamp", False)
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
                         *args[1:], **kwargs)
