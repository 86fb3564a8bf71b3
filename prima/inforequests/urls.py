"""URLs of public information requests: public pages, the officers' desk, reports and exports."""

from . import urls_public, urls_reports, urls_staff

app_name = "inforequests"

urlpatterns = [*urls_public.urlpatterns, *urls_staff.urlpatterns, *urls_reports.urlpatterns]
