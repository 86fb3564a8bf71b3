"""What assessments contribute to the staff home and to evidence."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from prima.assessments import services
from prima.assessments.capability import _workload
from prima.assessments.choices import Kind
from prima.core.dashboard import dashboard_for
from prima.core.evidence import EvidenceRef, check_citable
from prima.core.registry import WorkContext
from prima.organisations.policies import Purpose, satkers_for
from prima.organisations.tests.factories import SatkerFactory

pytestmark = pytest.mark.django_db


def _context(user, satkers):
    evaluated = satkers_for(user, Purpose.EVALUATION, write=True)
    return WorkContext(user=user, satkers=tuple(satkers), today=timezone.localdate(),
                       evaluated=evaluated, evaluates=evaluated.exists())


@pytest.mark.parametrize("extra", [0, 6])
def test_workload_queries_do_not_grow_with_satkers(tree, people, extra):
    satkers = [tree.jepara] + [SatkerFactory(code=f"33.{60 + i}", parent=tree.jateng)
                               for i in range(extra)]
    for satker in satkers:
        services.start_assessment(satker=satker, year=2024, kind=Kind.ZI, actor=None)
    people.system_admin._prima_memberships = None
    ctx = _context(people.system_admin, satkers)
    with CaptureQueriesContext(connection) as queries:
        result = _workload(ctx)
    assert len(queries) <= 3
    assert sum(1 for w in result if w.satker_id) == len(satkers)


def test_the_evaluator_sees_assessments_waiting_and_the_team_its_draft(zi_assessment, people,
                                                                       tree):
    services.submit(assessment=zi_assessment, actor=people.reform)
    evaluator_home = dashboard_for(people.evaluator)
    assert any("menunggu verifikasi" in f.label for w in evaluator_home.workloads
               for f in w.figures)
    team_home = dashboard_for(people.reform)
    card = next(c for c in team_home.cards if c.satker.pk == tree.jepara.pk)
    assert any(a.label == "Penilaian mandiri" for a in card.actions)


def test_only_final_assessments_are_citable(zi_assessment, people, tree):
    ref = EvidenceRef("assessment", str(zi_assessment.pk))
    with pytest.raises(ValidationError):
        check_citable(ref, satker=tree.jepara, user=people.reform)
    services.submit(assessment=zi_assessment, actor=people.reform)
    services.finalise(assessment=zi_assessment, actor=people.evaluator)
    assert check_citable(ref, satker=tree.jepara, user=people.reform) == zi_assessment
    with pytest.raises(ValidationError):  # not Kudus's to cite
        check_citable(ref, satker=tree.kudus, user=people.other_admin)
