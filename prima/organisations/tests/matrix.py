"""Matrix rows of the foundation: dashboard, calendar, satker staff pages, members, documents."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from prima.accounts.models import Invitation
from prima.core.audit import record
from prima.core.models import CalendarOverride
from prima.organisations.models import Division, Document
from prima.organisations.tests.factories import pdf_bytes
from tests.permission_matrix import (
    ADMINS,
    MANAGERS,
    SIGNED_IN,
    STAFF,
    THIS_SATKER,
    Case,
    add,
)

JEPARA = "33.20"
EVALUATED = THIS_SATKER | {"evaluator"}
UPLOADERS = MANAGERS  # head (officer), admin, system admin; PPID and reform team too


def satker_args(ctx):
    return [JEPARA]


def division_args(ctx):
    return [JEPARA, ctx.division.pk]


def document_args(ctx):
    return [JEPARA, ctx.document.pk]


def no_args(ctx):
    return []


def upload_data(ctx):
    return {
        "kind": "sk",
        "number": "99/SK/2026",
        "date": "2026-01-05",
        "subject": "Uji matriks",
        "is_public": "",
        "file": SimpleUploadedFile("sk.pdf", pdf_bytes(), "application/pdf"),
    }


def member_args(ctx):
    return [JEPARA, ctx.target.pk]


def invitation_args(ctx):
    return [JEPARA, ctx.invitation.pk]


def audit_record_args(ctx):
    from django.contrib.contenttypes.models import ContentType

    return [JEPARA, ContentType.objects.get_for_model(Division).pk, ctx.division.pk]


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
    Case("dashboard", "core:dashboard", no_args, SIGNED_IN),
    Case("calendar", "core:calendar", no_args, STAFF),
    Case(
        "calendar-add-closure",
        "core:calendar-override-add",
        no_args,
        ADMINS,
        method="post",
        data=lambda ctx: {
            "satker": JEPARA,
            "date": "2026-06-10",
            "kind": "day_off",
            "name": "Kantor ditutup",
            "legal_basis": "SK Sekretaris 1/2026",
        },
        denial_may_be_form_error=True,
    ),
    Case("staff-satker", "organisations:staff-satker", satker_args, EVALUATED),
    Case("staff-profile", "organisations:staff-profile", satker_args, MANAGERS),
    Case(
        "staff-profile-post",
        "organisations:staff-profile",
        satker_args,
        MANAGERS,
        method="post",
        data=lambda ctx: {
            "description": "Profil baru",
            "address": "Jl. Baru 1",
            "phone": "0291 1",
            "email": "baru@kpu.test",
            "website": "",
            "office_hours": "Senin–Jumat",
        },
    ),
    Case("staff-divisions", "organisations:staff-divisions", satker_args, EVALUATED),
    Case(
        "staff-division-create",
        "organisations:staff-division-create",
        satker_args,
        MANAGERS,
        method="post",
        data=lambda ctx: {"kind": "divisi", "name": "Divisi Baru", "description": "", "order": 9},
    ),
    Case(
        "staff-division-edit",
        "organisations:staff-division-edit",
        division_args,
        MANAGERS,
        method="post",
        data=lambda ctx: {"kind": "divisi", "name": "Divisi Diubah", "description": "", "order": 1},
    ),
    Case(
        "staff-division-delete",
        "organisations:staff-division-delete",
        division_args,
        MANAGERS,
        method="post",
        data=lambda ctx: {},
    ),
    Case("staff-documents", "organisations:staff-documents", satker_args, EVALUATED),
    Case(
        "staff-document-download", "organisations:staff-document-download", document_args, EVALUATED
    ),
    Case(
        "staff-document-upload",
        "organisations:staff-document-upload",
        satker_args,
        UPLOADERS,
        method="post",
        data=upload_data,
        files=True,
    ),
    Case("staff-audit", "organisations:staff-audit", satker_args, MANAGERS),
    Case("staff-audit-record", "organisations:staff-audit-record", audit_record_args, MANAGERS),
    Case(
        "calendar-remove",
        "core:calendar-override-remove",
        lambda ctx: [ctx.closure.pk],
        ADMINS,
        method="post",
        data=lambda ctx: {},
    ),
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


def foundation_objects(ctx):
    """Objects the foundation rows refer to, created before each matrix test."""
    from prima.organisations.tests.factories import DocumentFactory

    ctx.division = Division.objects.create(
        satker=ctx.tree.jepara, kind="divisi", name="Divisi Teknis", order=1
    )
    ctx.document = DocumentFactory(satker=ctx.tree.jepara, date=dt.date(2026, 1, 2))
    record(ctx.division, actor=ctx.people.system_admin, action="created")
    ctx.closure = CalendarOverride.objects.create(
        satker=ctx.tree.jepara,
        date=dt.date(2026, 7, 1),
        kind="day_off",
        name="Kantor ditutup",
        legal_basis="SK Sekretaris 2/2026",
    )
    assert isinstance(ctx.document, Document)
