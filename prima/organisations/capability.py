"""What organisations contributes to the platform (see ``prima.core.registry``): the satker
tree's access purposes and the staff roles, the satker workspace on the staff home, the
documents (SK) as evidence, its audit actions, matrix rows and the foundation demo."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prima.core.evidence import EvidenceSource
from prima.core.registry import (
    ALL_ROLES,
    AccessPurpose,
    Capability,
    CardLink,
    DemoStep,
    NavEntry,
    Rule,
    StaffRole,
    UrlMount,
)

from .choices import AuditAction, Role
from .policies import MANAGERS, Purpose, can


def _documents(satker):
    return satker.documents.order_by("-date", "-id")


def _search_documents(records, text):
    return records.filter(Q(number__icontains=text) | Q(subject__icontains=text))


def _document_visible(user, document) -> bool:
    return document.is_public or can(user, Purpose.DOCUMENTS, document.satker)


def _document_public_url(document) -> str:
    if not document.is_public:
        return ""
    return reverse("organisations:document-download", args=[document.satker.code, document.pk])


def _demo(stdout=None):
    from .demo import load_demo

    return load_demo()


capability = Capability(
    label=_("Satuan kerja"),
    purposes=(
        AccessPurpose("STAFF", "staff", _("Ruang kerja staf"), Rule(read=ALL_ROLES)),
        AccessPurpose("ORGANISATION", "organisation", _("Profil, divisi dan kontak satker"),
                      Rule(read=ALL_ROLES, write=MANAGERS)),
        AccessPurpose("MEMBERS", "members", _("Pengguna dan peran"),
                      Rule(read=MANAGERS, write=frozenset({Role.ADMIN}),
                           evaluator_reads_below=False)),
        AccessPurpose("DOCUMENTS", "documents", _("Dokumen dan SK"),
                      Rule(read=ALL_ROLES, write=MANAGERS | {Role.PPID, Role.REFORM})),
        AccessPurpose("AUDIT", "audit", _("Jejak audit"),
                      Rule(read=MANAGERS, evaluator_reads_below=False)),
        # The level above evaluates the satkers below it (every capability that evaluates:
        # reform reports today, self-assessments later).
        AccessPurpose("EVALUATION", "evaluation", _("Evaluasi satker di bawahnya"),
                      Rule(evaluator_reads_below=True, evaluator_writes_below=True)),
    ),
    roles=tuple(StaffRole(role.value, role.label) for role in Role),
    card_links=(
        CardLink(_("Ruang kerja satker"),
                 lambda s: reverse("organisations:staff-satker", args=[s.code]),
                 lambda user, s: True, order=10),
        CardLink(_("Ubah profil"), lambda s: reverse("organisations:staff-profile", args=[s.code]),
                 lambda user, s: can(user, Purpose.ORGANISATION, s, write=True), order=20),
        CardLink(_("Divisi"), lambda s: reverse("organisations:staff-divisions", args=[s.code]),
                 lambda user, s: can(user, Purpose.ORGANISATION, s, write=True), order=21),
        CardLink(_("Dokumen & SK"),
                 lambda s: reverse("organisations:staff-documents", args=[s.code]),
                 lambda user, s: can(user, Purpose.DOCUMENTS, s), order=30),
        CardLink(_("Jejak audit"), lambda s: reverse("organisations:staff-audit", args=[s.code]),
                 lambda user, s: can(user, Purpose.AUDIT, s), order=900),
    ),
    nav=(NavEntry(_("Satuan kerja"), "organisations:satker-tree", order=10),),
    audit_actions=AuditAction,
    evidence=(
        EvidenceSource(
            key="document", label=_("Dokumen satker"), model="organisations.Document",
            records=_documents, search=_search_documents, title=str,
            staff_url=lambda d: reverse("organisations:staff-document-download",
                                        args=[d.satker.code, d.pk]),
            public_url=_document_public_url, visible_to=_document_visible,
            related=("satker",), order=10),
    ),
    matrix=("prima.organisations.tests.matrix",),
    demo=DemoStep(run=_demo, order=10),
    urls=(UrlMount("", "prima.organisations.urls"),),
)
