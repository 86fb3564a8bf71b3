import pytest

from .factories import make_survey


@pytest.fixture
def survey(tree, people):
    """An open survey of Jepara for the first quarter of 2020."""
    return make_survey(tree.jepara, people.head)
