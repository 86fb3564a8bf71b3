"""The demo: Jepara's 2021 integrity-zone worksheet and the 2021 PMPRB of ten provinces."""

from decimal import Decimal

import pytest

from prima.assessments import querysets, scoring, services
from prima.assessments.choices import Kind, Side, Status
from prima.assessments.demo import load_assessments_demo
from prima.assessments.models import Assessment
from prima.organisations.choices import Level
from prima.organisations.tests.factories import SatkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(tree):
    for i in range(10):
        SatkerFactory(code=f"{11 + i}", name=f"KPU Provinsi Uji {i}", level=Level.PROVINCE,
                      parent=tree.root)
    return load_assessments_demo()


def test_jepara_integrity_zone_with_self_and_evaluator_scores(demo):
    zi = Assessment.objects.get(satker__code="33.20", kind=Kind.ZI, year=2021)
    assert zi.status == Status.FINAL
    assert (zi.self_total, zi.evaluator_total) == (Decimal("92.03"), Decimal("88.04"))
    rows = list(zi.answers.all())
    mine = scoring.eligibility(zi.sheet, scoring.score(zi.sheet,
                                                       services.answers_of(rows, Side.SELF)))
    theirs = scoring.eligibility(zi.sheet, scoring.score(
        zi.sheet, services.answers_of(rows, Side.EVALUATOR)))
    assert mine[0].eligible  # Menuju WBK by the self score
    assert not theirs[0].eligible  # the evaluator's IPAK 3.58 is under 3.60
    assert [c.label for c in theirs[0].checks if not c.passed] == [
        "Nilai survei persepsi antikorupsi (IPAK)", "Indeks persepsi antikorupsi"]
    assert "nilai evaluator 88.04" in demo.describe()


def test_ten_provinces_compared_by_kpu_ri(demo, tree):
    result = querysets.compare(Assessment.objects.all(), kind=Kind.RB, year=2021)
    rows = [r for r in result.rows if r.satker.parent_id == tree.root.pk]
    assert len(rows) == 10
    assert [r.rank for r in result.rows] == list(range(1, len(result.rows) + 1))
    for row in rows:
        assert round(sum(float(v[1]) for v in row.areas.values()), 2) == \
            float(row.evaluator_total)


def test_the_demo_is_idempotent(demo):
    assert load_assessments_demo().skipped


def test_kpu_ri_evaluator_compares_the_provinces_on_screen(demo, tree, login):
    from django.urls import reverse

    from prima.organisations.choices import Role
    from prima.organisations.tests.factories import member

    national = member(tree.root, Role.EVALUATOR, full_name="Evaluator KPU RI")
    page = login(national).get(reverse("assessments:staff-compare", args=[tree.root.code]),
                               {"kind": "rb", "year": "2021"})
    assert page.status_code == 200
    body = page.content.decode()
    assert body.count('<tr data-code="') == 10
    assert "KPU Provinsi Jawa Tengah" in body and "<svg" in body
