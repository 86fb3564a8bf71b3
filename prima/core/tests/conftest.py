import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """Year tables are cached across requests; a rolled-back test must not leave its own."""
    cache.clear()
    yield
    cache.clear()
