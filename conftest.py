"""Shared fixtures: a small satker tree (KPU RI → Jawa Tengah → Jepara, Kudus; Jawa Barat → Bogor)
and people in every role, as the permission matrix needs them."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached data (calendar years, rate-limit counters) must not outlive a test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tree(db):
    from prima.organisations.tests.factories import build_small_tree

    return build_small_tree()


@pytest.fixture
def people(tree):
    from prima.organisations.tests.factories import build_people

    return build_people(tree)


@pytest.fixture
def login(client):
    """Log ``client`` in as ``user``, passing two-factor verification where the role needs it."""
    from prima.accounts.tests.helpers import force_login_verified

    def _login(user, c=None):
        c = c or client
        force_login_verified(c, user)
        return c

    return _login
