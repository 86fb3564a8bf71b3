from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from prima.api import api
from prima.catalog import ckan_api
from prima.core import health, metrics
from prima.core.admin_site import otp_admin_login_required

admin.site.site_header = "Prima KPU"
admin.site.site_title = "Prima KPU"
otp_admin_login_required(admin.site)

urlpatterns = [
    path("", include("prima.core.urls")),
    path("akun/", include("prima.accounts.urls")),
    path("", include("prima.organisations.urls")),
    path("", include("prima.inforequests.urls")),
    path("", include("prima.catalog.urls")),
    path("", include("prima.reform.urls")),
    path("api/3/action/", include("prima.catalog.ckan_urls")),
    # ckanapi and older CKAN clients call the unversioned path.
    path("api/action/<str:action>", ckan_api.action_view),
    path("staf/", include("prima.accounts.staff_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("siap/", health.readiness, name="readiness"),
    path("metrics", metrics.metrics, name="metrics"),
]
# Uploaded and generated files have no URL of their own, in any mode (no MEDIA_URL route):
# every download goes through a view that checks permission.

handler500 = "prima.core.health.server_error"
