"""The current request's client address, for the audit trail, and a memo living as long as
the request (infrastructure only)."""

from contextvars import ContextVar

_ip: ContextVar[str | None] = ContextVar("prima_client_ip", default=None)
_memo: ContextVar[dict | None] = ContextVar("prima_request_memo", default=None)


def current_ip() -> str | None:
    return _ip.get()


def request_memo() -> dict | None:
    """A dict for the current request only (``None`` outside a request): values a request
    reads several times from the shared cache are kept here after the first read."""
    return _memo.get()


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _ip.set(request.META.get("REMOTE_ADDR") or None)
        memo = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(memo)
            _ip.reset(token)
