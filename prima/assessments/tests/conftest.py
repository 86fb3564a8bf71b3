import pytest

from prima.assessments import services
from prima.assessments.choices import Kind


@pytest.fixture
def zi_assessment(tree, people):
    """Jepara's 2024 integrity-zone worksheet, empty, started by its reform team."""
    return services.start_assessment(satker=tree.jepara, year=2024, kind=Kind.ZI,
                                     actor=people.reform)


@pytest.fixture
def fill(people):
    """Save self answers ({key: answer}) as Jepara's reform team."""

    def _fill(assessment, answers, actor=None):
        for key, answer in answers.items():
            services.save_answer(assessment=assessment, item_key=key, answer=answer,
                                 actor=actor or people.reform)
        assessment.refresh_from_db()
        return assessment

    return _fill
