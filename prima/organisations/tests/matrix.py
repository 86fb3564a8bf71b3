"""Matrix rows of organisations: the satker staff pages (profile, divisions, documents, audit)."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from prima.core.audit import record
from prima.organisations.models import Division, Document
from prima.organisations.tests.factories import pdf_bytes
from tests.permission_matrix import MANAGERS, THIS_SATKER, Case, add, objects

JEPARA = "33.20"
EVALUATED = THIS_SATKER | {"evaluator"}
UPLOADERS = MANAGERS  # head (officer), admin, system admin; PPID and reform team too


def satker_args(ctx):
    return [JEPARA]


def division_args(ctx):
    return [JEPARA, ctx.division.pk]


def document_args(ctx):
    return [JEPARA, ctx.document.pk]


def upload_data(ctx):
    return {
        "kind": "sk",
        "number": "99/SK/2026",
        "date": "2026-01-05",
        "subject": "Uji matriks",
        "is_public": "",
        "file": SimpleUploadedFile("sk.pdf", pdf_bytes(), "application/pdf"),
    }


def audit_record_args(ctx):
    from django.contrib.contenttypes.models import ContentType

    return [JEPARA, ContentType.objects.get_for_model(Division).pk, ctx.division.pk]


add(
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
)


@objects
def foundation_objects(ctx):
    """Objects the organisations rows refer to, created before each matrix test."""
    from prima.organisations.tests.factories import DocumentFactory

    ctx.division = Division.objects.create(
        satker=ctx.tree.jepara, kind="divisi", name="Divisi Teknis", order=1
    )
    ctx.document = DocumentFactory(satker=ctx.tree.jepara, date=dt.date(2026, 1, 2))
    record(ctx.division, actor=ctx.people.system_admin, action="created")
    assert isinstance(ctx.document, Document)
