"""The permission matrix: every staff URL, every kind of actor, allowed or denied.

Each capability keeps its rows in a module of its own (``prima/<app>/tests/matrix.py``) and
names it in its ``capability.py`` (``Capability.matrix``); the modules of every installed
capability are imported at the end of this one, each adding its ``Case`` rows with ``add`` and
the objects its rows need with ``@objects``. Expectations are written out by hand, independent
of the policy code, so a policy change that widens or narrows access makes the test fail.

Actors (``people`` fixture; "this satker" is KPU Kabupaten Jepara, code 33.20):
    anonymous        not signed in
    citizen          signed in, no role anywhere
    other_employee   employee of another satker (KPU Kabupaten Kudus)
    other_admin      administrator of another satker (Kudus)
    other_evaluator  evaluator of another province (Jawa Barat)
    employee         employee of this satker
    officer          the officer of this satker for the capability (``Case.officer``)
    evaluator        evaluator of the province above (Jawa Tengah)
    admin            administrator of this satker
    system_admin     administrator of KPU RI
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.urls import get_resolver, reverse
from django.utils.http import urlencode

from prima.core.registry import registry

ACTORS = [
    "anonymous",
    "citizen",
    "other_employee",
    "other_admin",
    "other_evaluator",
    "employee",
    "officer",
    "evaluator",
    "admin",
    "system_admin",
]

SIGNED_IN = frozenset(ACTORS) - {"anonymous"}
STAFF = SIGNED_IN - {"citizen"}
THIS_SATKER = frozenset({"employee", "officer", "admin", "system_admin"})
MANAGERS = frozenset({"officer", "admin", "system_admin"})
ADMINS = frozenset({"admin", "system_admin"})


@dataclass(frozen=True)
class Case:
    id: str
    url_name: str  # the URL name this row covers, e.g. "organisations:staff-profile"
    args: Callable  # (ctx) -> list of URL arguments
    allowed: frozenset
    method: str = "get"
    data: Callable | None = None  # (ctx) -> dict for POST
    officer: str = "head"  # which person of this satker plays "officer"
    files: bool = False
    setup: Callable | None = None  # (ctx) -> None, extra objects the case needs
    # A form may refuse a satker outside the actor's scope as an invalid choice (200 with the
    # error shown) instead of 404; the database must still be unchanged.
    denial_may_be_form_error: bool = False
    query: Callable | None = None  # (ctx) -> dict of query-string parameters
    # Text (e.g. another satker's request number) that only ``shown_to`` may see on a 200 page.
    private_text: Callable | None = None
    shown_to: frozenset = frozenset()


CASES: list[Case] = []
# Functions building the objects the rows refer to, run before each matrix test (in order).
BUILDERS: list[Callable] = []
# URL names that have no row because they are not staff pages although under /staf/
# (none yet); each entry says why.
NOT_STAFF_URLS: dict[str, str] = {}
# Bookkeeping that a denied request may legitimately touch (sessions, login records).
IGNORED_MODELS = {"outboxemail"}


def add(*cases: Case) -> None:
    CASES.extend(cases)


def objects(builder: Callable) -> Callable:
    """Register ``builder(ctx)``, which creates the objects a module's rows refer to."""
    BUILDERS.append(builder)
    return builder


def load_rows(modules: Iterable[str]) -> None:
    """Import each matrix module (its rows and builders register themselves once)."""
    for module in modules:
        import_module(module)


def prima_apps() -> set[str]:
    """Labels of the apps whose rows a denied write must leave unchanged: every capability."""
    return set(registry.app_labels())


def database_state() -> dict:
    """Every row of every Prima model: the fingerprint a denied write must not change."""
    state = {}
    labels = prima_apps()
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label in labels and meta.model_name not in IGNORED_MODELS:
            state[meta.label] = list(model.objects.order_by("pk").values())
    return state


def _actor(people, case, name):
    if name == "anonymous":
        return None
    if name == "officer":
        return getattr(people, case.officer)
    return getattr(people, name)


def _is_denied(response) -> bool:
    if response.status_code in (403, 404, 405):
        return True
    if response.status_code == 302:
        return response["Location"].startswith(reverse("accounts:login"))
    return False


def check_case(client, login, ctx, case: Case, actor: str) -> None:
    """Request ``case`` as ``actor``: allowed gets through (a write changes the database),
    denied is refused (a write changes nothing)."""
    if case.setup:
        case.setup(ctx)
    user = _actor(ctx.people, case, actor)
    if user is not None:
        login(user)
    url = reverse(case.url_name, args=case.args(ctx))
    if case.query:
        url += "?" + urlencode(case.query(ctx))
    if case.method == "get":
        response = client.get(url)
        if actor in case.allowed:
            assert response.status_code == 200, (url, actor, response.status_code)
            if case.private_text and actor not in case.shown_to:
                body = b"".join(response) if response.streaming else response.content
                assert case.private_text(ctx).encode() not in body, (url, actor)
        else:
            assert _is_denied(response), (url, actor, response.status_code)
        return
    before = database_state()
    response = client.post(url, case.data(ctx) if case.data else {})
    after = database_state()
    if actor in case.allowed:
        assert not _is_denied(response), (url, actor, response.status_code)
        assert response.status_code in (200, 302), (url, actor, response.status_code)
        assert after != before, f"{actor} was allowed {url} but nothing changed"
    else:
        refused_by_form = case.denial_may_be_form_error and response.status_code == 200
        assert refused_by_form or _is_denied(response), (url, actor, response.status_code)
        assert after == before, f"{actor} was denied {url} but the database changed"


def staff_url_names() -> set[str]:
    """Names of every URL under /staf/ of the current URL configuration."""
    names = set()

    def walk(patterns, name_prefix="", path_prefix=""):
        for p in patterns:
            path = path_prefix + str(p.pattern)
            if hasattr(p, "url_patterns"):
                prefix = f"{name_prefix}{p.namespace}:" if p.namespace else name_prefix
                walk(p.url_patterns, prefix, path)
            elif p.name:
                names.add((f"{name_prefix}{p.name}", path))

    walk(get_resolver().url_patterns)
    return {name for name, path in names if path.startswith("staf/")}


def staff_urls_without_rows(cases: Iterable[Case]) -> list[str]:
    """Staff URL names that no row covers (and that are not declared as no staff page)."""
    covered = {c.url_name for c in cases} | set(NOT_STAFF_URLS)
    return sorted(staff_url_names() - covered)


# Each installed capability registers its rows.
load_rows(registry.matrix_modules())
