"""Walk every staff URL as every kind of actor; a denied write must change nothing.

The rows come from each capability's matrix module (``tests/permission_matrix.py``)."""

from types import SimpleNamespace

import pytest

from tests.permission_matrix import (
    ACTORS,
    BUILDERS,
    CASES,
    check_case,
    prima_apps,
    staff_urls_without_rows,
)


@pytest.fixture
def ctx(tree, people):
    context = SimpleNamespace(tree=tree, people=people)
    for build in BUILDERS:
        before = dict(vars(context))
        build(context)
        # One capability never replaces another's object (``ctx.draft`` of two apps).
        replaced = sorted(name for name, value in before.items()
                          if vars(context).get(name) is not value)
        assert not replaced, f"{build.__module__} replaced matrix objects {replaced}"
    return context


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_permission_matrix(client, login, ctx, case, actor):
    check_case(client, login, ctx, case, actor)


def test_every_staff_url_is_in_the_matrix():
    """A new staff URL without a matrix row fails here, so none is forgotten."""
    missing = staff_urls_without_rows(CASES)
    assert not missing, f"staff URLs without a permission-matrix row: {missing}"


def test_the_database_fingerprint_covers_every_capability():
    assert {"core", "accounts", "organisations", "inforequests", "catalog",
            "reform"} <= prima_apps()
