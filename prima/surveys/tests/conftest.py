import pytest

from .factories import make_survey


@pytest.fixture
def survey(tree, people):
    """An open survey of Jepara for the first quarter of 2020."""
    return make_survey(tree.jepara, people.head)


@pytest.fixture
def current_survey(tree, people):
    """An open survey of Jepara for the current quarter (public answers are dated today)."""
    from django.utils import timezone

    from prima.surveys.services import quarter_of

    today = timezone.localdate()
    return make_survey(tree.jepara, people.head, year=today.year, quarter=quarter_of(today))
