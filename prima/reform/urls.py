"""Reform URLs (app "reform"): evaluation and dashboards, staff pages, the public pages."""

from . import urls_evaluation, urls_public, urls_staff

app_name = "reform"

# The evaluation and dashboard paths (staf/rb/evaluasi/, staf/rb/dasbor/...) come before the
# staff pages, whose staf/rb/<code>/ would otherwise catch them.
urlpatterns = [*urls_evaluation.urlpatterns, *urls_staff.urlpatterns, *urls_public.urlpatterns]
