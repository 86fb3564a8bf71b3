"""Fixtures of the accounts tests (the root conftest clears the cache, and so the rate-limit
counters, around every test)."""

import pytest


@pytest.fixture
def outbox(settings, django_capture_on_commit_callbacks):
    """Send email as production does: stored in the outbox, delivered by the (immediate) task.

    Returns a helper that runs ``fn`` and executes its on-commit callbacks (the delivery).
    """
    settings.EMAIL_BACKEND = "prima.core.mail.OutboxBackend"
    settings.PRIMA_DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run
