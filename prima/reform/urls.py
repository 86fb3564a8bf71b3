"""Reform URLs (app "reform"): staff pages, evaluation and dashboards, the public pages."""

from importlib import import_module

app_name = "reform"
urlpatterns = []
# Each part is its own module; a part not written yet is simply absent.
for _name in ("urls_staff", "urls_evaluation", "urls_public"):
    try:
        urlpatterns += import_module(f"{__package__}.{_name}").urlpatterns
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}.{_name}":
            raise
