"""The audit trail is append-only and records who, what, before/after and from where."""

import datetime as dt

import pytest
from django.test import RequestFactory

from prima.core import audit
from prima.core.models import AuditEvent, CalendarOverride
from prima.core.request_context import RequestContextMiddleware, current_ip


@pytest.mark.django_db
def test_an_event_cannot_be_changed_or_deleted(event):
    event.action = "forged"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()

    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.action == "created"


@pytest.mark.django_db
def test_the_queryset_cannot_update_or_delete(event):
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().update(action="forged")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()

    assert AuditEvent.objects.get().action == "created"


@pytest.mark.django_db
def test_record_stores_the_before_after_diff(people):
    override = CalendarOverride.objects.create(date=dt.date(2026, 3, 26), kind="day_off",
                                               name="Libur", legal_basis="Keppres 1/2026")
    before = audit.snapshot(override)
    override.name = "Cuti bersama"
    override.legal_basis = "SKB 3 Menteri 2/2026"
    override.save()

    event = audit.record(override, actor=people.system_admin, action="changed", before=before)

    assert event.changes == {
        "legal_basis": ["Keppres 1/2026", "SKB 3 Menteri 2/2026"],
        "name": ["Libur", "Cuti bersama"],
    }
    assert event.actor_label == str(people.system_admin)
    assert event.object_repr == "2026-03-26 Hari libur / cuti bersama tambahan: Cuti bersama"
    assert list(AuditEvent.objects.for_object(override)) == [event]


@pytest.mark.django_db
def test_record_without_a_user_is_labelled_as_system(tree):
    event = audit.record(tree.jepara, actor=None, action="imported")

    assert event.actor is None
    assert event.actor_label == "sistem / publik"
    assert event.satker == tree.jepara


@pytest.mark.django_db
def test_record_takes_the_ip_from_the_request_context_middleware(people):
    override = CalendarOverride.objects.create(date=dt.date(2026, 3, 26), kind="day_off",
                                               name="Libur", legal_basis="Keppres 1/2026")
    seen = {}

    def view(request):
        seen["event"] = audit.record(override, actor=people.admin, action="viewed")
        return "ok"

    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.23")
    RequestContextMiddleware(view)(request)

    assert seen["event"].ip_address == "198.51.100.23"
    assert AuditEvent.objects.get().ip_address == "198.51.100.23"
    assert current_ip() is None  # reset after the request
