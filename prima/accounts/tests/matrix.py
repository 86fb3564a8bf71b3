"""Matrix rows of accounts: the member pages of a satker (people, roles, invitations)."""

from prima.accounts.models import Invitation
from tests.permission_matrix import ADMINS, MANAGERS, Case, add

JEPARA = "33.20"


def satker_args(ctx):
    return [JEPARA]


def member_args(ctx):
    return [JEPARA, ctx.target.pk]


def invitation_args(ctx):
    return [JEPARA, ctx.invitation.pk]


def make_invitation(ctx):
    from prima.accounts.services import invite_member

    ctx.invitation, _token = invite_member(
        actor=ctx.people.system_admin,
        satker=ctx.tree.jepara,
        email="calon@kpu.test",
        full_name="Calon Pegawai",
        role="employee",
    )
    assert isinstance(ctx.invitation, Invitation)


def target_membership(ctx):
    ctx.target = ctx.people.employee.memberships.get(satker=ctx.tree.jepara)


add(
    Case("members", "members:list", satker_args, MANAGERS),
    Case(
        "members-invite",
        "members:invite",
        satker_args,
        ADMINS,
        method="post",
        data=lambda ctx: {"email": "baru@kpu.test", "full_name": "Orang Baru", "role": "employee"},
    ),
    Case(
        "members-revoke",
        "members:invitation-revoke",
        invitation_args,
        ADMINS,
        method="post",
        data=lambda ctx: {},
        setup=make_invitation,
    ),
    Case(
        "members-deactivate",
        "members:membership-deactivate",
        member_args,
        ADMINS,
        method="post",
        data=lambda ctx: {},
        setup=target_membership,
    ),
    Case(
        "members-role",
        "members:membership-role",
        member_args,
        ADMINS,
        method="post",
        data=lambda ctx: {"role": "reform"},
        setup=target_membership,
    ),
)
