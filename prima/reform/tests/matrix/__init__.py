"""Matrix rows of reform: the staff pages (``staff``), then evaluation and dashboards
(``evaluation``); their objects are built in that order."""

from importlib import import_module

for _module in ("staff", "evaluation", "answers_events"):
    import_module(f"{__name__}.{_module}")
