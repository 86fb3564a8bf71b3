"""Objections on the officer's pages: register, the atasan's decision, the requester's response
and the dispute record."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from prima.core import calendar
from prima.inforequests import deadlines, services
from prima.inforequests.choices import DisputeOutcome, ObjectionOutcome, ObjectionStatus
from prima.inforequests.models import Dispute, Objection
from prima.inforequests.numbers import number_to_slug
from prima.inforequests.tests.factories import grant, make_request

OBJECTIONS = reverse("inforequests:staff-objections")


def make_objection(satker, officer, **overrides):
    request = make_request(satker, **overrides)
    grant(request, officer)
    return services.file_objection(request=request, grounds=["d", "f"],
                                   case_description="Salinan tidak lengkap")


def url(name, objection):
    return reverse(f"inforequests:{name}", args=[number_to_slug(objection.number)])


def snapshot(objection):
    o = Objection.objects.get(pk=objection.pk)
    return (o.status, o.outcome, o.response, o.requester_response,
            Dispute.objects.filter(objection=o).count())


def test_register_shows_only_own_satker(tree, people, login, kudus_ppid):
    jepara = make_objection(tree.jepara, people.ppid, full_name="Pemohon Jepara")
    kudus = make_objection(tree.kudus, kudus_ppid, full_name="Pemohon Kudus")
    response = login(people.ppid).get(OBJECTIONS)
    rows = response.context["page_obj"].object_list
    assert [r.objection.number for r in rows] == [jepara.number]
    assert rows[0].requester == "Pemohon Jepara"
    assert rows[0].countdown.state in ("ok", "soon")
    html = response.content.decode()
    assert "Pemohon Kudus" not in html
    assert jepara.request.number in html

    response = login(kudus_ppid, Client()).get(OBJECTIONS)
    assert [r.objection.number for r in response.context["page_obj"].object_list] == \
        [kudus.number]
    assert login(people.evaluator, Client()).get(OBJECTIONS).status_code == 404


def test_register_masks_the_name_for_non_ppid_readers(tree, people, login):
    make_objection(tree.jepara, people.ppid, full_name="Siti Rahmawati")
    html = login(people.head).get(OBJECTIONS).content.decode()
    assert "Siti Rahmawati" not in html
    assert "S*** R***" in html


def test_register_filters(tree, people, login):
    first = make_objection(tree.jepara, people.ppid, full_name="Ani")
    second = make_objection(tree.jepara, people.ppid, full_name="Budi")
    services.decide_objection(objection=second, actor=people.atasan_ppid,
                              outcome=ObjectionOutcome.REJECTED, response="Sudah sesuai")
    c = login(people.ppid)

    def numbers(**params):
        return [r.objection.number for r in c.get(OBJECTIONS, params).context["page_obj"]]

    assert numbers(status=ObjectionStatus.FILED) == [first.number]
    assert numbers(outcome=ObjectionOutcome.REJECTED) == [second.number]
    assert numbers(q="budi") == [second.number]
    assert numbers(q=first.request.number) == [first.number]


def test_register_query_count(tree, people, login, django_assert_max_num_queries):
    for _ in range(6):
        make_objection(tree.jepara, people.ppid)
    c = login(people.ppid)
    c.get(OBJECTIONS)
    with django_assert_max_num_queries(10):
        response = c.get(OBJECTIONS)
    assert len(response.context["page_obj"].object_list) == 6


def test_atasan_decides_but_the_ppid_officer_cannot(tree, people, login):
    objection = make_objection(tree.jepara, people.ppid)
    ppid = login(people.ppid)
    assert "decide" not in ppid.get(url("staff-objection-detail", objection)).context["forms"]
    before = snapshot(objection)
    response = ppid.post(url("staff-objection-decide", objection),
                         {"outcome": ObjectionOutcome.UPHELD, "response": "Diberikan"})
    assert response.status_code == 404
    assert snapshot(objection) == before

    atasan = login(people.atasan_ppid, Client())
    page = atasan.get(url("staff-objection-detail", objection))
    assert "decide" in page.context["forms"]
    response = atasan.post(url("staff-objection-decide", objection),
                           {"outcome": ObjectionOutcome.UPHELD_IN_PART,
                            "response": "Diberikan sebagian"})
    assert response.status_code == 302
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.DECIDED
    assert objection.outcome == ObjectionOutcome.UPHELD_IN_PART
    assert objection.decided_by == people.atasan_ppid
    assert objection.decider_name == "Atasan PPID Jepara"


def test_atasan_decision_needs_a_response(tree, people, login):
    objection = make_objection(tree.jepara, people.ppid)
    before = snapshot(objection)
    response = login(people.atasan_ppid).post(url("staff-objection-decide", objection),
                                              {"outcome": ObjectionOutcome.UPHELD})
    assert response.status_code == 400
    assert "response" in response.context["forms"]["decide"].errors
    assert snapshot(objection) == before


@pytest.mark.parametrize("actor", ["kudus_ppid", "employee", "evaluator", "other_admin",
                                   "citizen"])
def test_outside_the_scope_everything_is_404(tree, people, login, kudus_ppid, actor):
    objection = make_objection(tree.jepara, people.ppid)
    user = kudus_ppid if actor == "kudus_ppid" else getattr(people, actor)
    c = login(user)
    before = snapshot(objection)
    assert c.get(url("staff-objection-detail", objection)).status_code == 404
    assert c.post(url("staff-objection-decide", objection),
                  {"outcome": ObjectionOutcome.UPHELD, "response": "x"}).status_code == 404
    assert c.post(url("staff-objection-response", objection),
                  {"text": "x"}).status_code == 404
    assert c.post(url("staff-dispute", objection),
                  {"filed_on": "2024-10-01", "commission": "KI Jateng",
                   "outcome": DisputeOutcome.PENDING}).status_code == 404
    assert snapshot(objection) == before


def test_head_reads_but_cannot_record(tree, people, login):
    objection = make_objection(tree.jepara, people.ppid)
    services.decide_objection(objection=objection, actor=people.atasan_ppid,
                              outcome=ObjectionOutcome.REJECTED, response="Sesuai")
    c = login(people.head)
    page = c.get(url("staff-objection-detail", objection))
    assert page.status_code == 200
    assert page.context["forms"] == {}
    before = snapshot(objection)
    assert c.post(url("staff-objection-response", objection), {"text": "x"}).status_code == 404
    assert snapshot(objection) == before


def test_requester_response_and_dispute_after_the_decision(tree, people, login, monkeypatch):
    objection = make_objection(tree.jepara, people.ppid)
    c = login(people.ppid)
    forms = c.get(url("staff-objection-detail", objection)).context["forms"]
    assert "response" not in forms and "dispute" not in forms  # not yet decided

    services.decide_objection(objection=objection, actor=people.atasan_ppid,
                              outcome=ObjectionOutcome.REJECTED, response="Sesuai")
    response = c.post(url("staff-objection-response", objection),
                      {"text": "Pemohon tidak puas"})
    assert response.status_code == 302
    objection.refresh_from_db()
    assert objection.requester_response == "Pemohon tidak puas"

    decided_on = deadlines.local_today(tree.jepara)
    # Too late: 20 working days after the decision (limit 14).
    late = calendar.add_working_days(decided_on, 20, satker=tree.jepara)
    monkeypatch.setattr(deadlines, "local_today", lambda satker=None: late)
    before = snapshot(objection)
    response = c.post(url("staff-dispute", objection), {
        "filed_on": late.isoformat(), "commission": "Komisi Informasi Provinsi Jawa Tengah",
        "outcome": DisputeOutcome.PENDING})
    assert response.status_code == 400
    assert "Batas waktu pengajuan sengketa ke Komisi Informasi telah lewat" in \
        response.content.decode()
    assert snapshot(objection) == before

    in_time = calendar.add_working_days(decided_on, 14, satker=tree.jepara)
    response = c.post(url("staff-dispute", objection), {
        "filed_on": in_time.isoformat(), "commission": "Komisi Informasi Provinsi Jawa Tengah",
        "case_number": "012/REG-PSI/X/2024", "outcome": DisputeOutcome.PENDING})
    assert response.status_code == 302
    dispute = Dispute.objects.get(objection=objection)
    assert dispute.filed_on == in_time
    assert dispute.recorded_by == people.ppid
    assert dispute.deadline == in_time
    page = c.get(url("staff-objection-detail", objection))
    assert "dispute" not in page.context["forms"]
    assert "012/REG-PSI/X/2024" in page.content.decode()


def test_dispute_date_must_be_valid(tree, people, login):
    objection = make_objection(tree.jepara, people.ppid)
    services.decide_objection(objection=objection, actor=people.atasan_ppid,
                              outcome=ObjectionOutcome.REJECTED, response="Sesuai")
    before = snapshot(objection)
    response = login(people.ppid).post(url("staff-dispute", objection), {
        "filed_on": (deadlines.local_today(tree.jepara) - dt.timedelta(days=30)).isoformat(),
        "commission": "KI Jateng", "outcome": DisputeOutcome.PENDING})
    assert response.status_code == 400
    assert "filed_on" in response.context["forms"]["dispute"].errors
    assert snapshot(objection) == before


def test_request_file_links_its_objections(tree, people, login):
    objection = make_objection(tree.jepara, people.ppid)
    html = login(people.ppid).get(objection.request.get_absolute_url()).content.decode()
    assert url("staff-objection-detail", objection) in html
