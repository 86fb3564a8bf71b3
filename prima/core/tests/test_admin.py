"""Audit events, outbox emails and calendar overrides are read-only in the Django admin."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from prima.core.models import AuditEvent, CalendarOverride, OutboxEmail


@pytest.mark.django_db
@pytest.mark.parametrize("model", [AuditEvent, OutboxEmail, CalendarOverride],
                         ids=["audit", "outbox", "calendar"])
def test_nobody_adds_changes_or_deletes(superuser, model):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    model_admin = admin.site._registry[model]

    assert model_admin.has_add_permission(request) is False
    assert model_admin.has_change_permission(request) is False
    assert model_admin.has_delete_permission(request) is False
    assert model_admin.has_view_permission(request) is True
    assert "delete_selected" not in model_admin.get_actions(request)


@pytest.mark.django_db
def test_superuser_can_list_but_not_add_through_the_admin(superuser, login, people):
    client = login(superuser)
    OutboxEmail.objects.create(subject="Uji", from_email="a@kpu.test", to=["b@kpu.test"])

    assert client.get("/admin/core/auditevent/").status_code == 200
    assert client.get("/admin/core/outboxemail/").status_code == 200
    assert client.get("/admin/core/outboxemail/add/").status_code == 403
    email = OutboxEmail.objects.get()
    response = client.post(f"/admin/core/outboxemail/{email.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert OutboxEmail.objects.filter(pk=email.pk).exists()


@pytest.mark.django_db
def test_satker_admin_has_no_view(people):
    request = RequestFactory().get("/admin/")
    request.user = people.admin

    assert admin.site._registry[AuditEvent].has_view_permission(request) is False
