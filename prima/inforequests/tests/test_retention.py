"""Personal data retention (UU 27/2022): NIK, address, phone and attachments are anonymised
a configurable number of days after the request ends, by a daily job, audited; the register
keeps its non-personal columns."""

from django.core.files.storage import default_storage
from django.core.management import call_command

from prima.core.models import AuditEvent
from prima.inforequests import services
from prima.inforequests.models import InformationRequest
from prima.inforequests.services.retention import anonymise_expired
from prima.inforequests.tests.factories import at, freeze_now, grant, make_request, pdf_upload


def _ended_request(tree, people, monkeypatch):
    freeze_now(monkeypatch, at(2026, 1, 5, 9))
    request = make_request(tree.jepara, received_at=at(2026, 1, 5, 9),
                           attachments=[("identity", pdf_upload())])
    grant(request, people.ppid)
    return InformationRequest.objects.get(pk=request.pk)


def test_personal_data_is_anonymised_after_the_retention_period(tree, people, monkeypatch,
                                                                settings):
    settings.PRIMA_INFOREQUESTS_PERSONAL_DATA_RETENTION_DAYS = 30
    request = _ended_request(tree, people, monkeypatch)
    stored = request.attachments.get().file.name
    assert default_storage.exists(stored)

    assert anonymise_expired(now=at(2026, 2, 1, 9)) == 0  # 27 days: kept
    request.refresh_from_db()
    assert request.nik and request.anonymised_at is None

    assert anonymise_expired(now=at(2026, 2, 10, 9)) == 1
    request.refresh_from_db()
    assert (request.nik, request.address, request.phone) == ("", "", "")
    assert request.anonymised_at is not None
    assert not request.attachments.exists()
    assert not default_storage.exists(stored)
    # The register's non-personal columns stay.
    assert request.number and request.information_requested and request.decision
    event = AuditEvent.objects.get(action="inforequests.personal_data_anonymised")
    assert event.actor is None
    assert anonymise_expired(now=at(2026, 3, 10, 9)) == 0  # idempotent


def test_a_pending_objection_keeps_the_data(tree, people, monkeypatch, settings):
    settings.PRIMA_INFOREQUESTS_PERSONAL_DATA_RETENTION_DAYS = 1
    request = _ended_request(tree, people, monkeypatch)
    freeze_now(monkeypatch, at(2026, 1, 7, 9))
    services.file_objection(request=request, grounds=["d"], case_description="Tidak sesuai")
    assert anonymise_expired(now=at(2026, 6, 1, 9)) == 0
    request.refresh_from_db()
    assert request.nik


def test_open_requests_are_never_anonymised(tree, monkeypatch, settings):
    settings.PRIMA_INFOREQUESTS_PERSONAL_DATA_RETENTION_DAYS = 1
    freeze_now(monkeypatch, at(2026, 1, 5, 9))
    make_request(tree.jepara, received_at=at(2026, 1, 5, 9))
    assert anonymise_expired(now=at(2027, 1, 5, 9)) == 0


def test_daily_command_runs_the_job(tree, people, monkeypatch, settings, capsys):
    settings.PRIMA_INFOREQUESTS_PERSONAL_DATA_RETENTION_DAYS = 0
    _ended_request(tree, people, monkeypatch)
    freeze_now(monkeypatch, at(2026, 1, 6, 9))
    call_command("anonymise_inforequests")
    assert "anonymised=1" in capsys.readouterr().out
    assert "anonymise_inforequests" in settings.PRIMA_DAILY_COMMANDS
