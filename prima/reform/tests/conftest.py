"""Fixtures the reform tests share. The root ``conftest.py`` gives the satker tree, people in
every role, ``login`` and a fresh MEDIA_ROOT per test."""

import pytest

from prima.reform.choices import PlanStatus

from .factories import build_plan


@pytest.fixture
def plan(tree):
    """Jepara's running 2020 plan: 2 areas × 1 activity × 2 indicators, targets 100 with
    quarterly targets 10/40/70/100."""
    return build_plan(tree.jepara, year=2020, areas=2, activities=1, indicators=2,
                      status=PlanStatus.RUNNING, quarterly=True)
