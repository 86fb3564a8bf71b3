"""The staff home: open surveys and late follow-up actions, in a fixed number of queries."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from prima.core.dashboard import dashboard_for
from prima.organisations.choices import Role
from prima.organisations.tests.factories import MembershipFactory
from prima.surveys.models import FollowUp

from .factories import make_survey

TITLE = "Survei kepuasan masyarakat"


def _surveys_workload(user, satker):
    card = next(c for c in dashboard_for(user).cards if c.satker == satker)
    return [w for w in card.workloads if str(w.title) == TITLE]


def test_writers_see_open_surveys_and_late_follow_ups(tree, people):
    survey = make_survey(tree.jepara, people.head)
    FollowUp.objects.create(survey=survey, element="U3", action="SLA", owner="PPID",
                            deadline=dt.date(2020, 6, 30))
    FollowUp.objects.create(survey=survey, element="U8", action="Ruang", owner="PPID",
                            deadline=dt.date(2020, 6, 30), status="done")
    [workload] = _surveys_workload(people.ppid, tree.jepara)
    assert [str(f.label) for f in workload.figures] == [
        "1 survei kepuasan sedang dibuka", "1 tindak lanjut survei lewat batas waktu"]
    assert not _surveys_workload(people.employee, tree.jepara)


def test_workload_asks_one_query_whatever_the_satkers(tree, people):
    from django.utils import timezone

    from prima.core.registry import WorkContext
    from prima.surveys.capability import _workload

    satkers = (tree.jepara, tree.kudus, tree.bogor)
    for satker in satkers:
        make_survey(satker, people.head)
    for satker in satkers[1:]:
        MembershipFactory(satker=satker, role=Role.PPID, user=people.ppid)
    people.ppid._prima_memberships = None
    ctx = WorkContext(user=people.ppid, satkers=satkers, today=timezone.localdate(),
                      evaluated=None)
    _workload(ctx)  # memberships cached
    with CaptureQueriesContext(connection) as captured:
        result = _workload(ctx)
    assert len(captured.captured_queries) == 1
    assert len(result) == 3
