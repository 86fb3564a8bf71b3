import pytest

from prima.organisations.policies import Purpose, can, satkers_for


@pytest.mark.parametrize(
    ("who", "purpose", "write", "expected"),
    [
        ("employee", Purpose.STAFF, False, {"33.20"}),
        ("employee", Purpose.ORGANISATION, True, set()),
        ("admin", Purpose.MEMBERS, True, {"33.20"}),
        ("head", Purpose.ORGANISATION, True, {"33.20"}),
        ("evaluator", Purpose.STAFF, False, {"33", "33.19", "33.20"}),
        ("evaluator", Purpose.EVALUATION, True, {"33.19", "33.20"}),
        ("evaluator", Purpose.AUDIT, False, set()),
        ("other_admin", Purpose.MEMBERS, True, {"33.19"}),
        ("citizen", Purpose.STAFF, False, set()),
        ("ppid", Purpose.INFORMATION, True, {"33.20"}),
    ],
    ids=lambda v: ",".join(sorted(v)) if isinstance(v, set) else str(v),
)
def test_satkers_for_scopes_roles(people, who, purpose, write, expected):
    user = getattr(people, who)
    codes = set(satkers_for(user, purpose, write=write).values_list("code", flat=True))
    assert codes == expected


def test_system_admin_covers_every_satker(tree, people):
    assert satkers_for(people.system_admin, Purpose.MEMBERS, write=True).count() == 7


def test_can_agrees_with_satkers_for(tree, people):
    for who in vars(people):
        user = getattr(people, who)
        for purpose in Purpose.values:
            for write in (False, True):
                allowed = set(satkers_for(user, purpose, write=write).values_list("pk", flat=True))
                for satker in vars(tree).values():
                    assert can(user, purpose, satker, write=write) == (satker.pk in allowed), (
                        who, purpose, write, satker.code)


def test_anonymous_sees_nothing(tree):
    from django.contrib.auth.models import AnonymousUser

    assert satkers_for(AnonymousUser(), Purpose.STAFF).count() == 0
    assert not can(AnonymousUser(), Purpose.STAFF, tree.jepara)


@pytest.mark.parametrize(
    ("who", "purpose", "write", "expected"),
    [
        ("ppid", Purpose.INFORMATION, False, True),
        ("employee", Purpose.INFORMATION, False, False),
        ("evaluator", Purpose.INFORMATION, False, False),
        ("evaluator", Purpose.REFORM, False, True),
        ("admin", Purpose.INFORMATION, True, False),
        ("system_admin", Purpose.INFORMATION, True, True),
        ("citizen", Purpose.STAFF, False, False),
    ],
)
def test_has_any_scope_agrees_with_satkers_for(people, who, purpose, write, expected):
    from prima.organisations.policies import has_any_scope

    user = getattr(people, who)
    assert has_any_scope(user, purpose, write=write) is expected
    assert satkers_for(user, purpose, write=write).exists() is expected
