"""Walk every staff URL as every kind of actor; a denied write must change nothing."""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils.http import urlencode

from tests.permission_matrix import ACTORS, CASES

PRIMA_APPS = {
    "core",
    "accounts",
    "organisations",
    "inforequests",
    "catalog",
    "reform",
    "services",
    "surveys",
    "assessments",
    "integrity",
}
# Bookkeeping that a denied request may legitimately touch (sessions, login records).
IGNORED_MODELS = {"outboxemail"}


def database_state() -> dict:
    """Every row of every Prima model: the fingerprint a denied write must not change."""
    state = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label in PRIMA_APPS and meta.model_name not in IGNORED_MODELS:
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


@pytest.fixture
def ctx(tree, people, settings, tmp_path):
    from tests.matrix.catalog import catalog_objects
    from tests.matrix.foundation import foundation_objects
    from tests.matrix.inforequests import inforequest_objects
    from tests.matrix.reform_evaluation import reform_evaluation_objects
    from tests.matrix.reform_staff import reform_objects

    settings.MEDIA_ROOT = tmp_path
    context = SimpleNamespace(tree=tree, people=people)
    foundation_objects(context)
    inforequest_objects(context)
    catalog_objects(context)
    reform_objects(context)
    reform_evaluation_objects(context)
    return context


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_permission_matrix(client, login, ctx, case, actor):
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


def test_every_staff_url_is_in_the_matrix():
    """A new staff URL without a matrix row fails here, so none is forgotten."""
    from django.urls import get_resolver

    from tests.permission_matrix import NOT_STAFF_URLS

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
    staff_names = {name for name, path in names if path.startswith("staf/")}
    covered = {c.url_name for c in CASES} | set(NOT_STAFF_URLS)
    missing = sorted(staff_names - covered)
    assert not missing, f"staff URLs without a permission-matrix row: {missing}"
