"""Objections, disputes, consequence tests and the DIP through the services, and the whole
workflow's timeline: happy paths, wrong states and permissions."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from prima.core.models import AuditEvent
from prima.inforequests import services
from prima.inforequests.choices import (
    Decision,
    DisputeOutcome,
    EventKind,
    Exemption,
    InformationClass,
    ObjectionOutcome,
    ObjectionStatus,
)
from prima.inforequests.models import (
    InformationListEntry,
    Objection,
    RequestEvent,
)
from prima.inforequests.tests.factories import (
    at,
    freeze_now,
    grant,
    make_consequence_test,
    make_request,
    pdf_upload,
)


def kinds(request):
    return list(request.events.values_list("kind", flat=True))


# --- Objections and disputes --------------------------------------------------------------------

def _decided_on(request, actor, monkeypatch, moment):
    freeze_now(monkeypatch, moment)
    test = make_consequence_test(request.satker, actor)
    return services.decide_request(request=request, actor=actor, decision=Decision.REFUSED,
                                   notice_data={"exemption": Exemption.H},
                                   consequence_test=test)


def test_objection_within_30_working_days_of_the_notice(tree, people, monkeypatch, mailoutbox):
    request = make_request(tree.jepara, received_at=at(2026, 3, 2, 9))
    _decided_on(request, people.ppid, monkeypatch, at(2026, 3, 10, 10))
    # 30 working days after Tuesday 10 March 2026 (Nyepi, Idul Fitri, cuti bersama, Good
    # Friday skipped) is Wednesday 29 April 2026.
    freeze_now(monkeypatch, at(2026, 4, 29, 15))
    objection = services.file_objection(request=request, grounds=["a"],
                                        case_description="Data tidak bersifat rahasia")
    assert objection.number == "0001/KEB/33.20/2026"
    assert objection.status == ObjectionStatus.FILED
    assert objection.received_on == dt.date(2026, 4, 29)
    assert objection.due_date == dt.date(2026, 6, 19)
    assert objection.grounds == ["a"]
    assert "0001/KEB/33.20/2026" in mailoutbox[-1].body
    assert EventKind.OBJECTION_FILED in kinds(request)

    with pytest.raises(ValidationError):  # one pending objection at a time
        services.file_objection(request=request, grounds=["f"], case_description="Biaya")

    with pytest.raises(PermissionDenied):
        services.decide_objection(objection=objection, actor=people.ppid,
                                  outcome=ObjectionOutcome.REJECTED, response="Tetap")
    objection = services.decide_objection(objection=objection, actor=people.atasan_ppid,
                                          outcome=ObjectionOutcome.REJECTED,
                                          response="Menguatkan putusan PPID")
    assert objection.status == ObjectionStatus.DECIDED
    assert objection.decider_name == "Atasan PPID Jepara"
    assert objection.decider_title == "Atasan PPID KPU Kabupaten Jepara"
    assert "Menguatkan putusan PPID" in mailoutbox[-1].body
    with pytest.raises(ValidationError):
        services.decide_objection(objection=objection, actor=people.atasan_ppid,
                                  outcome=ObjectionOutcome.UPHELD, response="Ubah")

    objection = services.record_requester_response(objection=objection,
                                                   text="Akan ke Komisi Informasi")
    assert objection.requester_response == "Akan ke Komisi Informasi"

    # 14 working days after Wednesday 29 April 2026 (1 May, 14-15 May skipped) is Friday
    # 22 May 2026.
    freeze_now(monkeypatch, at(2026, 5, 25, 9))
    with pytest.raises(ValidationError) as late:
        services.record_dispute(objection=objection, actor=people.ppid,
                                filed_on=dt.date(2026, 5, 25),
                                commission="Komisi Informasi Provinsi Jawa Tengah")
    assert "Jumat, 22 Mei 2026" in str(late.value)
    assert not hasattr(objection, "dispute")

    dispute = services.record_dispute(objection=objection, actor=people.ppid,
                                      filed_on=dt.date(2026, 5, 22),
                                      commission="Komisi Informasi Provinsi Jawa Tengah",
                                      case_number="012/V/KI-JTG-PS/2026",
                                      outcome=DisputeOutcome.PENDING)
    assert dispute.deadline == dt.date(2026, 5, 22)
    assert EventKind.DISPUTE_RECORDED in kinds(request)
    with pytest.raises(ValidationError):
        services.record_dispute(objection=objection, actor=people.ppid,
                                filed_on=dt.date(2026, 5, 22), commission="KI")
    with pytest.raises(PermissionDenied):
        services.record_dispute(objection=objection, actor=people.other_admin,
                                filed_on=dt.date(2026, 5, 22), commission="KI")


def test_objection_after_30_working_days_is_refused_and_nothing_stored(tree, people,
                                                                       monkeypatch):
    request = make_request(tree.jepara, received_at=at(2026, 3, 2, 9))
    _decided_on(request, people.ppid, monkeypatch, at(2026, 3, 10, 10))
    freeze_now(monkeypatch, at(2026, 4, 30, 9))
    with pytest.raises(ValidationError) as late:
        services.file_objection(request=request, grounds=["a"], case_description="Terlambat")
    assert late.value.messages == [
        "Batas waktu pengajuan keberatan telah lewat pada Rabu, 29 April 2026."]
    assert Objection.objects.count() == 0
    assert not request.events.filter(kind=EventKind.OBJECTION_FILED).exists()


def test_objection_for_an_unanswered_request_counts_from_the_due_date(tree, people,
                                                                      monkeypatch):
    request = make_request(tree.jepara, received_at=at(2026, 3, 17, 10))
    assert request.due_date == dt.date(2026, 4, 8)
    freeze_now(monkeypatch, at(2026, 4, 8, 12))
    with pytest.raises(ValidationError) as early:
        services.file_objection(request=request, grounds=["c"], case_description="Belum ada")
    assert "Rabu, 8 April 2026" in str(early.value)
    freeze_now(monkeypatch, at(2026, 4, 9, 9))
    objection = services.file_objection(request=request, grounds=["c", "e"],
                                        case_description="Tidak ditanggapi",
                                        proxy_name="LBH Jepara")
    assert objection.grounds == ["c", "e"]
    assert objection.filed_by_proxy is True


def test_objection_bad_input(tree, people, monkeypatch):
    request = make_request(tree.jepara, received_at=at(2026, 3, 2, 9))
    _decided_on(request, people.ppid, monkeypatch, at(2026, 3, 10, 10))
    with pytest.raises(ValidationError) as error:
        services.file_objection(request=request, grounds=["z"], case_description="")
    assert set(error.value.message_dict) == {"grounds", "case_description"}
    assert Objection.objects.count() == 0


def test_dispute_when_the_atasan_does_not_answer(tree, people, monkeypatch):
    request = make_request(tree.jepara, received_at=at(2026, 3, 2, 9))
    _decided_on(request, people.ppid, monkeypatch, at(2026, 3, 10, 10))
    freeze_now(monkeypatch, at(2026, 3, 11, 10))
    objection = services.file_objection(request=request, grounds=["a"], case_description="x")
    with pytest.raises(ValidationError):  # the atasan's 30 working days still run
        services.record_dispute(objection=objection, actor=people.ppid,
                                filed_on=dt.date(2026, 3, 12), commission="KI Jateng")
    freeze_now(monkeypatch, objection_due := at(2026, 5, 4, 10))
    assert objection.due_date < objection_due.date()
    dispute = services.record_dispute(objection=objection, actor=people.ppid,
                                      filed_on=dt.date(2026, 5, 4), commission="KI Jateng")
    assert dispute.objection == objection


# --- Consequence tests and DIP ------------------------------------------------------------------

def test_consequence_test_and_information_list(tree, people):
    test = make_consequence_test(tree.jepara, people.ppid)
    assert test.decided_by == people.ppid
    with pytest.raises(PermissionDenied):
        make_consequence_test(tree.jepara, people.head)
    with pytest.raises(ValidationError):
        make_consequence_test(tree.jepara, people.ppid, harm="")

    with pytest.raises(ValidationError) as exempt:
        services.save_information_list_entry(
            satker=tree.jepara, actor=people.ppid, title="C1 Plano",
            information_class=InformationClass.EXEMPT, owner="Subbag Teknis")
    assert "consequence_test" in exempt.value.message_dict
    entry = services.save_information_list_entry(
        satker=tree.jepara, actor=people.ppid, title="C1 Plano",
        information_class=InformationClass.EXEMPT, owner="Subbag Teknis",
        consequence_test=test)
    entry = services.save_information_list_entry(satker=tree.jepara, actor=people.ppid,
                                                 entry=entry, title="Formulir C1 Plano")
    assert entry.title == "Formulir C1 Plano"
    with pytest.raises(PermissionDenied):
        services.save_information_list_entry(satker=tree.kudus, actor=people.ppid,
                                             title="x", information_class="berkala",
                                             owner="y")
    with pytest.raises(ValidationError):
        services.save_information_list_entry(satker=tree.jepara, actor=people.ppid,
                                             title="", information_class="berkala", owner="")
    with pytest.raises(PermissionDenied):
        services.delete_information_list_entry(entry=entry, actor=people.other_admin)
    services.delete_information_list_entry(entry=entry, actor=people.ppid)
    assert InformationListEntry.objects.count() == 0
    assert AuditEvent.objects.filter(action="inforequests.dip_entry_deleted").count() == 1


def test_every_event_of_the_full_workflow_is_on_the_timeline(tree, people):
    request = make_request(tree.jepara)
    services.assign_request(request=request, officer=people.ppid, actor=people.ppid)
    grant(request, people.ppid)
    services.add_delivered_file(request=request, actor=people.ppid, title="SK",
                                upload=pdf_upload())
    services.deliver_request(request=request, actor=people.ppid)
    public = list(RequestEvent.objects.filter(request=request, is_public=True)
                  .values_list("kind", flat=True))
    assert public == [EventKind.REGISTERED, EventKind.DECIDED, EventKind.DELIVERED]
    actions = list(AuditEvent.objects.filter(object_id=str(request.pk),
                                             content_type__model="informationrequest")
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["inforequests.request_registered", "inforequests.request_assigned",
                       "inforequests.request_decided", "inforequests.request_delivered"]
