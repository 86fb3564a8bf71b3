"""Catalog URLs: the public pages and the staff pages (app "catalog")."""

from django.urls import include, path  # noqa: F401

app_name = "catalog"
urlpatterns = []
try:
    from . import urls_public

    urlpatterns += urls_public.urlpatterns
except ImportError:
    pass
try:
    from . import urls_staff

    urlpatterns += urls_staff.urlpatterns
except ImportError:
    pass
