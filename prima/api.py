"""The project's JSON API (django-ninja) at /api/v1/, with its OpenAPI document.

Each capability declares its routers (``Capability.api`` in its ``capability.py``); they are
mounted here in INSTALLED_APPS order. The interactive docs page is served only when "ninja" is in
INSTALLED_APPS, because then its Swagger UI assets come from the app's own static files; without
it django-ninja would load them from a CDN, which Prima never does.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError as SchemaValidationError

from prima.core import registry
from prima.core.params import BadParameter

# Answers any operation may give besides its own: 400 (a parameter out of range,
# ``prima.core.params``), 422 (a value of the wrong type or choice), 429 (rate limit); with a
# body also 413 (too large) and 415 (not JSON), both from ``prima.core.http_errors``.
COMMON_ERRORS = {
    "400": "Parameter di luar rentangnya",
    "422": "Nilai tidak valid: jenis, rentang atau pilihan salah",
    "429": "Terlalu banyak permintaan",
}
BODY_ERRORS = {
    "413": "Isi permintaan terlalu besar",
    "415": "Isi permintaan bukan application/json",
}
ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "Pesan untuk manusia"},
        "error": {"type": "string", "description": "Kode galat (mis. payload_too_large)"},
        "errors": {"type": "object", "description": "Pesan per isian",
                   "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    },
    "required": ["detail"],
}


class PrimaAPI(NinjaAPI):
    """django-ninja, with the error answers every operation can give in its document, so
    clients (and the fuzzing test) know them."""

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        error = {"content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Error"}}}}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                declared = {str(status) for status in responses}  # ninja's keys are ints
                extra = {**COMMON_ERRORS, **(BODY_ERRORS if "requestBody" in operation else {})}
                for status, description in extra.items():
                    if status not in declared:
                        responses[status] = {"description": description, **error}
        return schema


api = PrimaAPI(
    title="Prima API",
    version="1",
    description=("API publik Prima KPU: permohonan informasi publik (ajukan, lacak, register), "
                 "katalog data, standar pelayanan, survei kepuasan dan zona integritas. "
                 "[Kembali ke situs Prima](/) · [Indeks API](/api/v1/) · "
                 "[API CKAN](/api/3/action/package_list)"),
    urls_namespace="api",
    docs_url="/docs" if "ninja" in settings.INSTALLED_APPS else None,
)


def _message(error: dict) -> str:
    """An Indonesian message for one pydantic error, naming the bound or choices it broke."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind in ("less_than_equal", "less_than") and ("le" in ctx or "lt" in ctx):
        return _("Nilai paling besar %(n)s.") % {"n": ctx.get("le", ctx.get("lt"))}
    if kind in ("greater_than_equal", "greater_than") and ("ge" in ctx or "gt" in ctx):
        return _("Nilai paling kecil %(n)s.") % {"n": ctx.get("ge", ctx.get("gt"))}
    if kind in ("int_parsing", "int_from_float", "int_parsing_size"):
        return _("Harus bilangan bulat.")
    if kind in ("enum", "literal_error"):
        return _("Pilihan tidak dikenal; pilihan yang sah: %(choices)s.") % {
            "choices": ctx.get("expected", "")}
    if kind == "string_too_long":
        return _("Paling banyak %(n)s karakter.") % {"n": ctx.get("max_length")}
    return _("Nilai tidak valid atau tidak lengkap.")


@api.exception_handler(SchemaValidationError)
def schema_error(request, exc: SchemaValidationError):
    """Malformed JSON or wrong types: 422 with an Indonesian message per field."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [str(p) for p in error.get("loc", ()) if p not in ("body", "payload", "query")]
        field = ".".join(location) or "__all__"
        errors.setdefault(field, []).append(_message(error))
    return api.create_response(
        request, {"detail": _("Data tidak valid. Periksa kembali isian Anda."), "errors": errors},
        status=422,
    )


@api.exception_handler(BadParameter)
def bad_parameter(request, exc: BadParameter):
    """An integer parameter out of its range (``prima.core.params``): 400 naming it."""
    return api.create_response(
        request, {"detail": exc.messages[0], "errors": {exc.name: exc.messages}}, status=400)


for prefix, router in registry.routers():
    api.add_router(prefix, router)


@api.get("/", include_in_schema=False)
def index(request):
    """``/api/v1/`` answers what is here (not a 404): the document, the docs, the site and each
    capability's routes."""
    base = request.build_absolute_uri("/api/v1/")
    return {
        "name": "Prima API", "version": "1",
        "openapi": base + "openapi.json",
        "documentation": base + "docs" if api.docs_url else None,
        "site": request.build_absolute_uri("/"),
        "ckan": request.build_absolute_uri("/api/3/action/"),
        "endpoints": [base + prefix.strip("/") + "/" for prefix, _router in registry.routers()],
    }
