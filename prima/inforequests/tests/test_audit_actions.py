"""Audit actions of information requests: one declared, labelled name per step, every one of them
recorded by a step, and the renaming of the actions recorded before the naming scheme."""

import datetime as dt
from importlib import import_module
from types import SimpleNamespace

from django.db import connection
from django.utils import timezone
from django.utils.translation import override

from prima.core import audit
from prima.core.models import AuditEvent
from prima.inforequests import services
from prima.inforequests.choices import AuditAction, Decision, ObjectionGround
from prima.inforequests.services.retention import anonymise_expired
from prima.inforequests.tests.factories import (
    freeze_now,
    grant,
    make_consequence_test,
    make_request,
    pdf_upload,
)

RENAME = import_module("prima.inforequests.migrations.0002_rename_audit_actions")


def test_actions_follow_the_naming_scheme_and_read_as_indonesian_sentences():
    for action in AuditAction:
        app, _, name = action.value.partition(".")
        assert app == "inforequests"
        assert name.replace("_", "").isalpha() and name == name.lower()
        with override("id"):
            label = str(action.label)
        assert label[0].isupper() and not label.endswith(".")
        assert label != action.value


def test_every_step_records_a_declared_action_and_every_action_is_recorded(tree, people,
                                                                           monkeypatch,
                                                                           settings):
    ppid, atasan = people.ppid, people.atasan_ppid
    request = make_request(tree.jepara)
    services.assign_request(request=request, officer=ppid, actor=ppid)
    services.add_note(request=request, text="Cek arsip", actor=ppid)
    services.ask_clarification(request=request, question="Tahun berapa?", actor=ppid)
    services.answer_clarification(request=request, answer="2024")
    services.extend_request(request=request, days=3, reasons="Arsip di gudang", actor=ppid)
    grant(request, ppid, decision=Decision.GRANTED_IN_PART)
    services.add_delivered_file(request=request, actor=ppid, title="SK", upload=pdf_upload())
    services.deliver_request(request=request, actor=ppid)
    services.publish_answer(request=request, actor=ppid, answer="SK diberikan")
    services.record_handover(request=request, actor=ppid, method="hard_copy",
                             received_by_name="Siti", confirmation="signature")
    objection = services.file_objection(request=request, grounds=[ObjectionGround.D],
                                        case_description="Tidak lengkap")
    services.decide_objection(objection=objection, actor=atasan, outcome="rejected",
                              response="Sudah lengkap")
    services.record_requester_response(objection=objection, text="Saya ke Komisi Informasi")
    make_consequence_test(tree.jepara, ppid)
    services.save_report_notes(satker=tree.jepara, year=2026, actor=ppid,
                               recommendations="Digitalisasi arsip")
    entry = services.save_information_list_entry(
        satker=tree.jepara, actor=ppid, title="Profil", information_class="berkala",
        owner="Sekretariat")
    services.save_information_list_entry(satker=tree.jepara, actor=ppid, entry=entry,
                                         title="Profil satker")
    services.delete_information_list_entry(entry=entry, actor=ppid)
    services.withdraw_request(request=make_request(tree.jepara), reason="Tidak perlu")
    services.resend_tracking_links(email=request.email)
    freeze_now(monkeypatch, timezone.now() + dt.timedelta(days=1))
    services.record_dispute(objection=objection, actor=ppid,
                            filed_on=timezone.localdate(), commission="KI Jawa Tengah")

    settings.PRIMA_INFOREQUESTS_PERSONAL_DATA_RETENTION_DAYS = 0
    anonymise_expired(now=timezone.now() + dt.timedelta(days=60))

    recorded = set(AuditEvent.objects.values_list("action", flat=True))

    assert recorded == set(AuditAction.values)


def rename(function) -> None:
    function(None, SimpleNamespace(connection=connection))


def test_recorded_actions_are_renamed_and_back(tree):
    old = {"inforequest_registered", "objection_requester_response", "information_list_deleted"}
    for action in sorted(old):
        audit.record(tree.jepara, actor=None, action=action)
    audit.record(tree.jepara, actor=None, action="satker_profile_updated")

    rename(RENAME.forwards)

    assert set(AuditEvent.objects.values_list("action", flat=True)) == {
        AuditAction.REQUEST_REGISTERED, AuditAction.REQUESTER_RESPONSE_RECORDED,
        AuditAction.DIP_ENTRY_DELETED, "satker_profile_updated"}

    rename(RENAME.backwards)

    assert set(AuditEvent.objects.values_list("action", flat=True)) == old | {
        "satker_profile_updated"}


def test_the_migration_renames_every_old_action_to_a_declared_one():
    # Actions added after the renaming never had an old name.
    assert set(RENAME.RENAMED.values()) <= set(AuditAction.values)
    assert len(set(RENAME.RENAMED.values())) == len(RENAME.RENAMED)
