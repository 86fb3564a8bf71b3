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

api = NinjaAPI(
    title="Prima API",
    version="1",
    description="API publik Prima KPU: permohonan informasi publik (ajukan, lacak, register).",
    urls_namespace="api",
    docs_url="/docs" if "ninja" in settings.INSTALLED_APPS else None,
)


@api.exception_handler(SchemaValidationError)
def schema_error(request, exc: SchemaValidationError):
    """Malformed JSON or wrong types: 422 with an Indonesian message per field."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [str(p) for p in error.get("loc", ()) if p not in ("body", "payload", "query")]
        field = ".".join(location) or "__all__"
        errors.setdefault(field, []).append(_("Nilai tidak valid atau tidak lengkap."))
    return api.create_response(
        request, {"detail": _("Data tidak valid. Periksa kembali isian Anda."), "errors": errors},
        status=422,
    )


for prefix, router in registry.routers():
    api.add_router(prefix, router)
