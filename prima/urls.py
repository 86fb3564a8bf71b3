"""The site's URLs: the JSON API, every capability's URL modules from the registry
(``Capability.urls`` in each app's ``capability.py``, in INSTALLED_APPS order), then language
switching and the admin."""

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
        # First: every API call would otherwise be tried against all the site's patterns
        # (~0.1-0.2 ms per call); a path under api/v1/ that the API does not know still falls
        # through to the patterns below.
        path("api/v1/", api.urls),
        *registry.url_patterns(),
        path("i18n/", include("django.conf.urls.i18n")),
        path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
        path("admin/", admin.site.urls),
    ]
    # Uploaded and generated files have no URL of their own, in any mode (no MEDIA_URL route):
    # every download goes through a view that checks permission.
    return patterns


urlpatterns = build()
handler500 = "prima.core.health.server_error"
