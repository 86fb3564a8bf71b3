import pytest

from .install import installed


@pytest.fixture
def fixture_capability():
    """The test-only capability, installed for one test."""
    with installed() as capability:
        yield capability
