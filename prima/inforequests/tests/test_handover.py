"""A hard copy handed over, information viewed at the office or a copy picked up is recorded
as delivered without a file, with a receipt printed as a PDF (domain "Deadlines": delivery
with a proof of handover)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from prima.core.models import AuditEvent
from prima.inforequests import services
from prima.inforequests.choices import EventKind, Status
from prima.inforequests.models import HandoverReceipt
from prima.inforequests.tests.factories import grant, make_request


def _url(name, ir, *args):
    return reverse(f"inforequests:{name}", args=[ir.number_slug, *args])


def test_hard_copy_handover_delivers_without_a_file(tree, people):
    ir = make_request(tree.jepara, copy_form="hard", delivery_method="pick_up")
    grant(ir, people.ppid)
    receipt = services.record_handover(
        request=ir, actor=people.ppid, method="hard_copy", received_by_name="Siti Rahmawati",
        confirmation="signature")
    ir.refresh_from_db()
    assert ir.status == Status.DELIVERED
    assert ir.delivered_at == receipt.handed_over_at
    assert not ir.delivered_files.exists()
    assert ir.events.filter(kind=EventKind.DELIVERED).exists()
    assert AuditEvent.objects.filter(action="inforequests.handover_recorded").exists()


def test_handover_bad_input_changes_nothing(tree, people):
    ir = make_request(tree.jepara)
    with pytest.raises(ValidationError):  # not decided yet
        services.record_handover(request=ir, actor=people.ppid, method="viewed",
                                 received_by_name="Siti", confirmation="signature")
    grant(ir, people.ppid)
    with pytest.raises(ValidationError) as error:
        services.record_handover(
            request=ir, actor=people.ppid, method="fax", received_by_name="",
            confirmation="attestation",
            handed_over_at=timezone.now() + dt.timedelta(days=1))
    assert set(error.value.message_dict) == {"method", "received_by_name", "attestation",
                                             "handed_over_at"}
    with pytest.raises(ValidationError) as error:
        services.record_handover(request=ir, actor=people.ppid, method="viewed",
                                 received_by_name="Siti", confirmation="attestation")
    assert "attestation" in error.value.message_dict
    ir.refresh_from_db()
    assert ir.status == Status.DECIDED
    assert HandoverReceipt.objects.count() == 0


def test_staff_records_a_handover_and_prints_the_receipt(tree, people, login):
    ir = make_request(tree.jepara, obtain_method="view", copy_form="", delivery_method="")
    grant(ir, people.ppid)
    c = login(people.ppid)
    page = c.get(_url("staff-detail", ir))
    assert _url("staff-handover", ir) in page.content.decode()
    moment = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = c.post(_url("staff-handover", ir), {
        "method": "viewed", "received_by_name": "Siti Rahmawati", "handed_over_at": moment,
        "confirmation": "attestation",
        "attestation": "Pemohon membaca dokumen di ruang PPID didampingi petugas."})
    assert response.status_code == 302
    receipt = HandoverReceipt.objects.get()
    pdf = c.get(_url("staff-handover-pdf", ir, receipt.pk))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert _url("staff-handover-pdf", ir, receipt.pk) in c.get(
        _url("staff-detail", ir)).content.decode()


def test_handover_receipt_is_404_outside_the_scope(tree, people, login, kudus_ppid):
    ir = make_request(tree.jepara)
    grant(ir, people.ppid)
    receipt = services.record_handover(request=ir, actor=people.ppid, method="picked_up",
                                       received_by_name="Siti", confirmation="signature")
    assert login(kudus_ppid).get(_url("staff-handover-pdf", ir, receipt.pk)).status_code == 404
