"""Catalog URLs (app "catalog"): public pages, DCAT harvesting feeds and the staff pages."""

from . import urls_public, urls_staff
from .dcat import dcat_urlpatterns

app_name = "catalog"

urlpatterns = [*dcat_urlpatterns, *urls_public.urlpatterns, *urls_staff.urlpatterns]
