import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


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
