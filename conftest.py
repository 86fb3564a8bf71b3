"""Shared fixtures: a small satker tree (KPU RI → Jawa Tengah → Jepara, Kudus; Jawa Barat → Bogor)
and people in every role, as the permission matrix needs them."""

import pytest


@pytest.fixture(autouse=True)
def _default_language():
    """A request in English activates English in the test's thread (LocaleMiddleware does not
    undo it): every test starts and ends in the default language."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached data (calendar years, rate-limit counters, and each capability's per-process
    state, ``Capability.process_caches``) must not outlive a test."""
    from django.core.cache import cache

    from prima.core.registry import registry

    cache.clear()
    yield
    cache.clear()
    for forget in registry.process_caches():
        forget()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Every test stores uploaded and generated files in its own temporary directory."""
    root = tmp_path / "media"
    root.mkdir(exist_ok=True)
    settings.MEDIA_ROOT = root
    return root


# Reference rows created by data migrations (licences, topics, the reform regime: each
# capability declares its own, ``Capability.reference_data``). A transactional test (browser
# tests, concurrency tests) ends with a flush that removes them. pytest-django runs
# transactional tests after all the others, so only they can find the rows gone: each one puts
# them back first.
def reference_data() -> list[tuple[str, str]]:
    from prima.core.registry import registry

    return registry.reference_data()


def load_reference_data() -> None:
    from importlib import import_module

    from django.apps import apps

    for module, function in reference_data():
        getattr(import_module(module), function)(apps, None)


@pytest.fixture(autouse=True)
def _reference_data_for_transactional_tests(request, django_db_blocker):
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server"))
    if transactional:
        request.getfixturevalue("django_db_setup")
        with django_db_blocker.unblock():
            load_reference_data()


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
