"""The site's URLs: every capability's URL modules from the registry (``Capability.urls`` in each
app's ``capability.py``, in INSTALLED_APPS order), then language switching, the admin and the
JSON API."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from prima.api import api
from prima.core import registry
from prima.core.admin_site import otp_admin_login_required

admin.site.site_header = "Prima KPU"
admin.site.site_title = "Prima KPU"
otp_admin_login_required(admin.site)



def build() -> list:
    """The site's URL patterns for the capabilities installed now (read once at start-up)."""
    patterns = [
        *registry.url_patterns(),
        path("i18n/", include("django.conf.urls.i18n")),
        path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
        path("admin/", admin.site.urls),
        path("api/v1/", api.urls),
    ]
    # Uploaded and generated files have no URL of their own, in any mode (no MEDIA_URL route):
    # every download goes through a view that checks permission.
    return patterns


urlpatterns = build()
handler500 = "prima.core.health.server_error"
