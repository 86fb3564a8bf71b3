"""Signatures, printed lists and published pact texts never change: not through save(),
delete(), queryset update()/delete(), nor the admin, superusers included."""

import pytest
from django.urls import reverse

from prima.integrity import services
from prima.integrity.models import ImmutableRecord, PactVersion, Roster, Signature


@pytest.fixture
def signature(pact, people, sign):
    return sign(people.employee, pact, ip_address="10.0.0.1")


def _fields(obj):
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_save_on_an_existing_signature_is_refused(signature):
    before = _fields(Signature.objects.get(pk=signature.pk))
    signature.signer_name = "Orang Lain"
    with pytest.raises(ImmutableRecord):
        signature.save()
    assert _fields(Signature.objects.get(pk=signature.pk)) == before


def test_delete_of_a_signature_is_refused(signature):
    with pytest.raises(ImmutableRecord):
        signature.delete()
    assert Signature.objects.filter(pk=signature.pk).exists()


@pytest.mark.parametrize("call", [
    lambda: Signature.objects.update(signer_name="X"),
    lambda: Signature.objects.filter(pk__gt=0).update(ip_address="1.2.3.4"),
    lambda: Signature.objects.all().delete(),
    lambda: Signature.objects.filter(pk__gt=0).delete(),
    lambda: Signature.objects.bulk_update(list(Signature.objects.all()), ["signer_name"]),
], ids=["manager-update", "filtered-update", "all-delete", "filtered-delete", "bulk-update"])
def test_queryset_writes_on_signatures_are_refused(signature, call):
    before = _fields(Signature.objects.get(pk=signature.pk))
    with pytest.raises(ImmutableRecord):
        call()
    assert _fields(Signature.objects.get(pk=signature.pk)) == before


def test_rosters_are_immutable_too(signature, pact, tree, people):
    roster = services.issue_roster(satker=tree.jepara, version=pact, actor=people.admin)
    with pytest.raises(ImmutableRecord):
        Roster.objects.update(active_count=0)
    with pytest.raises(ImmutableRecord):
        Roster.objects.all().delete()
    assert (roster.active_count, len(roster.entries)) == (7, 1)
    roster.active_count = 0
    with pytest.raises(ImmutableRecord):
        roster.save()
    assert Roster.objects.get(pk=roster.pk).active_count == 7
    assert services.verify(roster.code).valid


def test_a_published_pact_text_never_changes(pact):
    pact.body = "Teks lain"
    with pytest.raises(ImmutableRecord):
        pact.save()
    with pytest.raises(ImmutableRecord):
        PactVersion.objects.filter(pk=pact.pk).update(body="Teks lain")
    with pytest.raises(ImmutableRecord):
        PactVersion.objects.filter(pk=pact.pk).update(status="draft")
    with pytest.raises(ImmutableRecord):
        PactVersion.objects.filter(pk=pact.pk).delete()
    with pytest.raises(ImmutableRecord):
        PactVersion.objects.get(pk=pact.pk).delete()
    stored = PactVersion.objects.get(pk=pact.pk)
    assert stored.body.startswith("Saya berjanji") and stored.computed_sha256() == \
        stored.text_sha256


def test_a_superuser_cannot_change_or_delete_a_signature_in_the_admin(
        client, login, signature, people):
    superuser = people.system_admin
    superuser.is_staff = superuser.is_superuser = True
    superuser.save()
    login(superuser)
    before = _fields(Signature.objects.get(pk=signature.pk))
    change = reverse("admin:integrity_signature_change", args=[signature.pk])
    page = client.get(change)
    assert page.status_code == 200  # read-only view
    assert b'name="signer_name"' not in page.content
    response = client.post(change, {"signer_name": "Orang Lain", "signer_email": "x@x.test"})
    assert response.status_code == 403
    delete = reverse("admin:integrity_signature_delete", args=[signature.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:integrity_signature_changelist")
    response = client.post(changelist, {"action": "delete_selected",
                                        "_selected_action": [signature.pk], "post": "yes"})
    assert response.status_code in (200, 302, 403)
    assert _fields(Signature.objects.get(pk=signature.pk)) == before
