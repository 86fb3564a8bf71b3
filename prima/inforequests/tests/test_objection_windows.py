"""Each objection ground has its own filing window (UU 14/2008 Pasal 35(1), 36(1)); ground b
needs no request; every deadline stores its rule."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from prima.inforequests import deadlines, services
from prima.inforequests.choices import DisputeOutcome, ObjectionOutcome
from prima.inforequests.models import Objection
from prima.inforequests.tests.factories import at, freeze_now, grant, make_request


def _granted(tree, people, monkeypatch):
    """Received Tue 2 June 2026 (due Tue 16 June); granted in full on Wed 3 June."""
    request = make_request(tree.jepara, received_at=at(2026, 6, 2, 9))
    freeze_now(monkeypatch, at(2026, 6, 3, 10))
    grant(request, people.ppid)
    request.refresh_from_db()
    return request


def test_grant_stores_the_delivery_deadline_with_its_rule(tree, people, monkeypatch):
    request = _granted(tree, people, monkeypatch)
    assert request.delivery_due_date == request.due_date
    assert "Pasal 22" in request.delivery_due_rule
    assert "Penyerahan informasi paling lambat" in request.delivery_due_rule


def test_not_fulfilled_opens_only_after_the_delivery_deadline_passes(tree, people,
                                                                     monkeypatch):
    request = _granted(tree, people, monkeypatch)
    due = request.delivery_due_date
    freeze_now(monkeypatch, at(due.year, due.month, due.day, 15))
    with pytest.raises(ValidationError) as early:
        services.file_objection(request=request, grounds=["e"], case_description="Belum ada")
    assert early.value.code == "early"
    assert Objection.objects.count() == 0
    after = due + dt.timedelta(days=1)
    freeze_now(monkeypatch, at(after.year, after.month, after.day, 9))
    objection = services.file_objection(request=request, grounds=["e"],
                                        case_description="Belum diserahkan")
    assert objection.reason_date == due
    assert "batas waktu penyerahan lewat" in objection.filing_rule
    assert "Pasal 36" in objection.filing_rule
    assert objection.filing_deadline > due


def test_delivered_late_counts_from_the_late_delivery(tree, people, monkeypatch):
    request = _granted(tree, people, monkeypatch)
    # Delivered on 1 July, after the delivery deadline (16 June).
    type(request).objects.filter(pk=request.pk).update(
        delivered_at=at(2026, 7, 1, 10), status="delivered")
    request.refresh_from_db()
    window = deadlines.ground_window(request, "g", today=dt.date(2026, 7, 2))
    assert window.start == dt.date(2026, 7, 1)
    # An on-time delivery gives no ground g.
    type(request).objects.filter(pk=request.pk).update(delivered_at=at(2026, 6, 5, 10))
    request.refresh_from_db()
    window = deadlines.ground_window(request, "g", today=dt.date(2026, 7, 2))
    assert window.start is None
    freeze_now(monkeypatch, at(2026, 7, 2, 9))
    with pytest.raises(ValidationError):
        services.file_objection(request=request, grounds=["g"], case_description="Terlambat")


def test_refusal_ground_needs_a_refusal(tree, people, monkeypatch):
    request = _granted(tree, people, monkeypatch)
    with pytest.raises(ValidationError) as error:
        services.file_objection(request=request, grounds=["a"], case_description="Ditolak")
    assert "Pasal 17" in error.value.messages[0]


def test_periodic_information_objection_without_a_request(tree, people, monkeypatch,
                                                          mailoutbox):
    freeze_now(monkeypatch, at(2026, 6, 10, 10))
    objection = services.file_objection(
        satker=tree.jepara, grounds=["b"], case_description="LHKPN 2025 belum diumumkan",
        requester={"full_name": "Budi Santoso", "address": "Jl. Pemuda 1, Jepara",
                   "email": "budi@contoh.id"},
        reason_date=dt.date(2026, 6, 1))
    assert objection.request is None
    assert objection.requester_name == "Budi Santoso"
    assert objection.reason_date == dt.date(2026, 6, 1)
    assert "huruf b" in objection.filing_rule
    assert objection.number.endswith("/KEB/33.20/2026")
    assert any("budi@contoh.id" in m.to for m in mailoutbox)
    decided = services.decide_objection(objection=objection, actor=people.atasan_ppid,
                                        outcome=ObjectionOutcome.UPHELD,
                                        response="Segera diumumkan")
    assert decided.outcome == ObjectionOutcome.UPHELD


def test_without_a_request_only_ground_b_and_an_identity(tree, monkeypatch):
    freeze_now(monkeypatch, at(2026, 6, 10, 10))
    with pytest.raises(ValidationError) as error:
        services.file_objection(satker=tree.jepara, grounds=["c"], case_description="x",
                                requester={})
    assert {"grounds", "full_name", "address", "email"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        services.file_objection(satker=tree.jepara, grounds=["b"], case_description="x",
                                requester={"full_name": "A", "address": "B", "phone": "0812345"},
                                reason_date=dt.date(2026, 3, 1))
    assert error.value.code == "late"
    assert Objection.objects.count() == 0


def test_dispute_stores_its_deadline_rule(tree, people, monkeypatch):
    request = make_request(tree.jepara, received_at=at(2026, 3, 17, 10))
    freeze_now(monkeypatch, at(2026, 4, 9, 9))
    objection = services.file_objection(request=request, grounds=["c"],
                                        case_description="Tidak ditanggapi")
    services.decide_objection(objection=objection, actor=people.atasan_ppid,
                              outcome=ObjectionOutcome.REJECTED, response="Ditolak")
    freeze_now(monkeypatch, at(2026, 4, 10, 9))
    dispute = services.record_dispute(objection=objection, actor=people.ppid,
                                      filed_on=dt.date(2026, 4, 10), commission="KI Jateng",
                                      outcome=DisputeOutcome.PENDING)
    assert "Pasal 37" in dispute.deadline_rule
    assert "14 hari kerja" in dispute.deadline_rule


def test_public_page_files_a_periodic_information_objection(client, tree, people, mailoutbox):
    from django.urls import reverse

    from prima.inforequests.tests.factories import guarded

    url = reverse("inforequests:public-periodic-objection", args=["33.20"])
    assert url in client.get(reverse("inforequests:public-dip", args=["33.20"])).content.decode()
    bad = client.post(url, guarded(full_name="", address="", information="", case_description=""))
    assert bad.status_code == 200 and Objection.objects.count() == 0
    response = client.post(url, guarded(
        full_name="Budi Santoso", address="Jl. Pemuda 1, Jepara", email="budi@contoh.id",
        phone="", information="Laporan keuangan 2025", reason_date="",
        case_description="Belum diumumkan di laman KPU Kabupaten Jepara."))
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert objection.request is None and objection.grounds == ["b"]
    assert objection.requester_name == "Budi Santoso"
    assert any(people.ppid.email in m.to for m in mailoutbox)


def test_reminders_cover_an_objection_without_a_request(tree, people, monkeypatch, mailoutbox):
    from prima.inforequests.tasks import remind_satker

    freeze_now(monkeypatch, at(2026, 6, 10, 10))
    objection = services.file_objection(
        satker=tree.jepara, grounds=["b"], case_description="LHKPN belum diumumkan",
        requester={"full_name": "Budi", "address": "Jepara", "phone": "0812345678"})
    mailoutbox.clear()
    assert remind_satker(tree.jepara, today=objection.due_date) == 1
    assert any(objection.number in m.body for m in mailoutbox)
