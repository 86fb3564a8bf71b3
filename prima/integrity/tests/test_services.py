"""Signing, versions, completion and verification, without HTTP."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from prima.core.models import AuditEvent
from prima.integrity import completion, services
from prima.integrity.choices import AuditAction, UnitStatus
from prima.integrity.models import PactVersion, Signature, sha256_text
from prima.integrity.querysets import completion_rows
from prima.organisations.choices import Role
from prima.organisations.models import Membership
from prima.organisations.policies import forget_memberships
from prima.organisations.tests.factories import member


def test_signing_records_the_hash_of_the_text_the_signer_identity_time_and_address(
        pact, people, sign):
    signature = sign(people.employee, pact, ip_address="10.1.2.3")
    assert signature.text_sha256 == sha256_text(pact.signed_text()) == pact.text_sha256
    assert (signature.user, signature.satker.code, signature.signer_email,
            signature.ip_address) == (people.employee, "33.20", people.employee.email,
                                      "10.1.2.3")
    assert signature.signer_name == "Pegawai Jepara"
    assert signature.signed_at is not None and len(signature.code) == 12
    assert signature.digest == signature.computed_digest()
    assert AuditEvent.objects.filter(action=AuditAction.PACT_SIGNED,
                                     object_id=str(signature.pk)).count() == 1


@pytest.mark.parametrize("kwargs, code", [
    ({"password": "salah"}, "wrong_password"),
    ({"password": ""}, "wrong_password"),
    ({"text_sha256": "0" * 64}, "text_changed"),
], ids=["wrong-password", "no-password", "other-text"])
def test_bad_signing_input_is_refused_and_changes_nothing(pact, people, sign, kwargs, code):
    with pytest.raises(ValidationError) as exc:
        sign(people.employee, pact, **kwargs)
    assert exc.value.code == code
    assert not Signature.objects.exists()


def test_signing_twice_is_refused(pact, people, sign):
    sign(people.employee, pact)
    with pytest.raises(ValidationError) as exc:
        sign(people.employee, pact)
    assert exc.value.code == "already_signed"
    assert "sudah menandatangani" in exc.value.messages[0]
    assert Signature.objects.count() == 1


def test_an_unpublished_version_cannot_be_signed(people, sign):
    draft = services.create_version(actor=people.system_admin, period=2026, title="Draf",
                                    body="Teks draf")
    with pytest.raises(ValidationError) as exc:
        sign(people.employee, draft)
    assert exc.value.code == "unpublished"
    assert not Signature.objects.exists()


def test_a_person_without_membership_has_no_pact_to_sign(pact, people, sign):
    with pytest.raises(ValidationError) as exc:
        sign(people.citizen, pact)
    assert exc.value.code == "no_membership"


def test_a_new_version_asks_everyone_to_sign_again(pact, people, sign):
    sign(people.employee, pact)
    assert not services.pending_for(people.employee, pact)
    draft = services.create_version(actor=people.system_admin, period=2027,
                                    title="Pakta Integritas 2027", body="Teks periode baru.")
    new = services.publish_version(version=draft, actor=people.system_admin)
    assert PactVersion.objects.current() == new
    assert services.pending_for(people.employee, new)
    with pytest.raises(ValidationError) as exc:  # the old version is no longer signed
        sign(people.head, pact)
    assert exc.value.code == "superseded"
    sign(people.employee, new)
    assert not services.pending_for(people.employee, new)


def test_publishing_twice_and_editing_a_published_version_are_refused(pact, people):
    with pytest.raises(ValidationError):
        services.publish_version(version=pact, actor=people.system_admin)
    with pytest.raises(ValidationError):
        services.update_version(version=pact, actor=people.system_admin, period=2026,
                                title="X", body="Y")
    assert PactVersion.objects.get(pk=pact.pk).title == "Pakta Integritas"


def test_completion_is_signed_over_active_employees(pact, tree, people, sign):
    # Jepara: admin, head, secretary, ppid, atasan_ppid, reform, employee = 7 people.
    sign(people.employee, pact)
    sign(people.head, pact)
    figure = completion.satker_completion(tree.jepara, pact)
    assert (figure.active, figure.signed, figure.unsigned, figure.percent) == (
        7, 2, 5, Decimal("28.6"))
    Membership.objects.filter(user=people.ppid).update(is_active=False)
    assert completion.satker_completion(tree.jepara, pact).active == 6


def test_completion_rolls_up_to_province_and_nation(pact, tree, people, sign):
    sign(people.employee, pact)
    sign(people.other_employee, pact)  # Kudus
    sign(people.evaluator, pact)  # Jawa Tengah itself
    own, total, children = completion.rollup_below(tree.jateng, pact)
    assert (own.active, own.signed) == (1, 1)
    by_code = {c.code: (c.active, c.signed) for c in children}
    assert by_code == {"33.19": (2, 1), "33.20": (7, 1)}
    assert (total.active, total.signed) == (10, 3)
    _own, national, provinces = completion.rollup_below(tree.root, pact)
    assert {p.code: (p.active, p.signed) for p in provinces}["33"] == (10, 3)
    # KPU RI's administrator + Jawa Barat's evaluator + Jateng's subtree
    assert (national.active, national.signed) == (12, 3)


def test_a_pending_pact_follows_an_employee_who_moves(pact, tree, people, sign):
    mover = member(tree.jepara, Role.EMPLOYEE, full_name="Pegawai Pindah")
    assert services.pending_for(mover, pact)
    jepara_before = completion.satker_completion(tree.jepara, pact)
    # Moved to Kudus: the Jepara membership ends, a Kudus one begins.
    Membership.objects.filter(user=mover).update(is_active=False)
    Membership.objects.create(user=mover, satker=tree.kudus, role=Role.EMPLOYEE)
    forget_memberships(mover)
    assert services.pending_for(mover, pact)
    assert completion.satker_completion(tree.jepara, pact).unsigned == \
        jepara_before.unsigned - 1
    assert completion.satker_completion(tree.kudus, pact).unsigned == 3
    signature = sign(mover, pact)
    assert signature.satker == tree.kudus
    assert completion.satker_completion(tree.kudus, pact).unsigned == 2


def test_completion_rows_take_one_query(pact, tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        completion_rows(pact)


def test_verification_recomputes_hashes(pact, tree, people, sign):
    signature = sign(people.employee, pact)
    result = services.verify(signature.display_code.lower())
    assert (result.kind, result.valid, result.record) == ("signature", True, signature)
    roster = services.issue_roster(satker=tree.jepara, version=pact, actor=people.admin)
    result = services.verify(roster.code)
    assert (result.kind, result.valid, result.signatures) == ("roster", True, [signature])
    assert services.verify("TIDAK-ADA").kind == ""


def test_a_tampered_signature_fails_verification(pact, people, sign):
    """A row changed behind the application's back (raw SQL) no longer verifies."""
    from django.db import connection

    signature = sign(people.employee, pact)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE integrity_signature SET signer_name = %s WHERE id = %s",
                       ["Orang Lain", signature.pk])
    result = services.verify(signature.code)
    assert (result.kind, result.valid, result.problems) == ("signature", False, ["signature"])


def test_units_move_through_the_stages(tree, people):
    unit = services.add_unit(satker=tree.jepara, actor=people.head, target="wbk", year=2026)
    with pytest.raises(ValidationError):
        services.move_unit(unit=unit, actor=people.head, to=UnitStatus.AWARDED)
    unit = services.move_unit(unit=unit, actor=people.head, to=UnitStatus.INTERNAL)
    assert unit.status == UnitStatus.INTERNAL
    with pytest.raises(ValidationError) as exc:
        services.add_unit(satker=tree.jepara, actor=people.head, target="wbk", year=2026)
    assert exc.value.code == "duplicate"


def test_declaration_readiness_follows_the_pact_signatures(pact, tree, people, sign):
    """integrity-zone.md stage 1: the head and all (or most) employees sign before the
    declaration."""
    readiness = completion.declaration_readiness(tree.jepara, pact)
    assert not readiness.ready and readiness.heads_unsigned == [people.head]
    for person in (people.admin, people.head, people.secretary, people.ppid,
                   people.atasan_ppid, people.reform, people.employee):
        sign(person, pact)
    readiness = completion.declaration_readiness(tree.jepara, pact)
    assert readiness.ready and readiness.completion.signed == 7
