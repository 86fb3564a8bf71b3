"""Hostile or oversized requests answered cleanly: the right status, and JSON on JSON endpoints.

``JsonErrorMiddleware``:

- a body larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (Django's ``RequestDataTooBig``, which
  Django itself answers 400, or 500 when a view reads the body) is answered **413** before any
  view runs, and nothing is read further;
- a ``BadParameter`` (``prima.core.params``) escaping a view is answered **400** with its
  message;
- on JSON endpoints (``/api/``: the django-ninja API at /api/v1/ and CKAN's /api/3/) every error
  answer that is not JSON already (Django's 404 page, 405 from ``require_http_methods``, the
  CSRF 403 page, the 400 page) is replaced by ``{"error": ..., "detail": ...}`` with the same
  status and headers (``Allow``, ``Retry-After``...);
- a body sent to the JSON API (/api/v1/) that is not ``application/json`` is answered **415**.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

from .params import BadParameter

JSON_PREFIXES = ("/api/",)
# The project's own JSON API (prima/urls.py): a body sent to it must be JSON. A text/plain or
# form body is what a cross-site page can post without a CORS preflight, so it is refused 415
# whatever it contains.
JSON_API_PREFIX = "/api/v1/"
JSON_TYPES = ("application/json",)

# Headers of the original error answer that the JSON answer keeps.
_KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate", "Cache-Control", "Vary",
                 "Access-Control-Allow-Origin", "X-Request-ID")


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: ("bad_request", _("Permintaan tidak valid.")),
        401: ("unauthorized", _("Perlu masuk terlebih dahulu.")),
        403: ("forbidden", _("Akses ditolak.")),
        404: ("not_found", _("Alamat tidak ditemukan.")),
        405: ("method_not_allowed", _("Metode HTTP ini tidak diizinkan untuk alamat ini.")),
        413: ("payload_too_large", _("Isi permintaan terlalu besar.")),
        415: ("unsupported_media_type", _("Jenis isi permintaan tidak didukung; kirim "
                                          "application/json.")),
        429: ("too_many_requests", _("Terlalu banyak permintaan. Silakan coba lagi nanti.")),
        500: ("server_error", _("Terjadi galat pada server.")),
        503: ("service_unavailable", _("Layanan sedang tidak tersedia sementara.")),
    }


def is_json_path(request) -> bool:
    return request.path.startswith(JSON_PREFIXES)


def error_response(request, status: int, detail: str | None = None) -> HttpResponse:
    """An error answer: JSON on JSON endpoints (and ``.json`` pages), a short page elsewhere."""
    code, message = _messages().get(status, ("error", _("Permintaan tidak valid.")))
    detail = detail or message
    if is_json_path(request) or request.path.endswith(".json"):
        return JsonResponse({"error": code, "detail": detail}, status=status,
                            json_dumps_params={"ensure_ascii": False})
    return HttpResponse(
        f'<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{status}</title>'
        f"</head><body><h1>{escape(message)}</h1><p>{escape(detail)}</p></body></html>",
        status=status)


def _body_too_big(request) -> bool:
    """Read the body (or the multipart form) now, so an oversized one is known before any
    view or middleware half-handles it. The read is cached on the request as usual."""
    if request.method in ("GET", "HEAD", "OPTIONS") and not request.META.get("CONTENT_LENGTH"):
        return False
    try:
        if request.content_type == "multipart/form-data":
            request.POST  # noqa: B018 - parses (and caches) the form; files go to disk
        else:
            request.body  # noqa: B018 - reads (and caches) the body
    except RequestDataTooBig:
        return True
    # Any other error of the body (a malformed multipart form, too many fields or files) goes
    # on to Django's own handling (400), as it did when a later reader met it.
    return False


class JsonErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(JSON_API_PREFIX) \
                and request.method in ("POST", "PUT", "PATCH", "DELETE") \
                and request.META.get("CONTENT_LENGTH") not in (None, "", "0") \
                and request.content_type not in JSON_TYPES:
            return error_response(request, 415)
        # A NUL character is never in a real parameter, and PostgreSQL refuses it in a text:
        # answer 400 rather than let it reach a query.
        if "%00" in request.META.get("QUERY_STRING", "") or any(
                "\x00" in value for values in request.GET.lists() for value in values[1]):
            return error_response(request, 400, _("Isian memuat karakter yang tidak diizinkan."))
        if _body_too_big(request):
            return error_response(request, 413, _(
                "Isi permintaan terlalu besar (paling banyak %(mb)s MB di luar berkas "
                "unggahan).") % {"mb": _max_mb()})
        response = self.get_response(request)
        if response.status_code >= 400 and is_json_path(request) \
                and "json" not in response.get("Content-Type", ""):
            replacement = error_response(request, response.status_code)
            for header in _KEPT_HEADERS:
                if header in response:
                    replacement[header] = response[header]
            return replacement
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, BadParameter):
            return error_response(request, 400, exception.messages[0])
        if isinstance(exception, RequestDataTooBig):
            return error_response(request, 413)
        return None


def _max_mb() -> str:
    return f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024):g}"
