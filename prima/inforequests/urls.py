from django.urls import include, path  # noqa: F401
from . import urls_public
app_name = "inforequests"
urlpatterns = [*urls_public.urlpatterns]
try:
    from . import urls_staff
    urlpatterns += urls_staff.urlpatterns
except ImportError:
    pass
try:
    from . import urls_reports
    urlpatterns += urls_reports.urlpatterns
except ImportError:
    pass
