import pytest

from .factories import build_service


@pytest.fixture
def service(tree, people):
    """Jepara's information-request service with its standard (not yet published)."""
    return build_service(tree.jepara, people.ppid)
