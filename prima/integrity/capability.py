"""What the integrity zone contributes to the platform (see ``prima.core.registry``): the
integrity purpose, the satker's integrity page on the staff home with the employees who have
not signed the pact in force, the person's own unsigned pact, the public page per satker and
the public verification of printed pacts, declarations as evidence, audit labels, URLs and the
demo (Jepara's declaration with every employee's signed pact)."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from prima.core.evidence import EvidenceSource
from prima.core.registry import (
    ALL_ROLES,
    AccessPurpose,
    ApiMount,
    Capability,
    CardLink,
    DemoStep,
    Figure,
    NavEntry,
    Rule,
    SatkerLink,
    Shortcut,
    UrlMount,
    Workload,
)
from prima.core.scope import ROOT_CODE
from prima.organisations.choices import Role
from prima.organisations.policies import (
    MANAGERS,
    RULES,
    Purpose,
    can,
    is_system_admin,
    memberships_of,
)

from . import choices
from .models import Declaration, PactVersion, Signature
from .querysets import completion_rows


def _national_writer(user) -> bool:
    """Whether the person drafts and publishes the pact text (writers of KPU RI), no query."""
    rule = RULES[Purpose.INTEGRITY]
    return is_system_admin(user) or any(
        m.satker.code == ROOT_CODE and m.role in rule.write for m in memberships_of(user))


def _workload(ctx):
    """Two queries at most: the pact in force with whether the person signed it, then the
    unsigned count of every satker the person manages for the integrity zone."""
    current = (PactVersion.objects.published().order_by("-published_at", "-number")
               .annotate(mine=Exists(Signature.objects.filter(version=OuterRef("pk"),
                                                              user=ctx.user)))
               .values("pk", "mine")[:1])
    current = next(iter(current), None)
    if current is None:
        return []
    result = []
    pact_url = reverse("integrity:staff-pact")
    if ctx.satkers and not current["mine"]:
        result.append(Workload(
            _("Pakta integritas"), pact_url, None, order=5,
            figures=(Figure(1, str(_("Pakta integritas belum Anda tanda tangani")), pact_url,
                            tone="soon"),)))
    managed = ctx.satkers_where(lambda user, s: can(user, Purpose.INTEGRITY, s, write=True))
    if managed:
        rows = {r["satker_id"]: r for r in completion_rows(current["pk"], managed)}
        for satker in managed:
            row = rows.get(satker.pk)
            unsigned = (row["active"] - row["signed"]) if row else 0
            if not unsigned:
                continue
            url = reverse("integrity:staff-satker", args=[satker.code])
            result.append(Workload(_("Zona integritas"), url, satker.pk, order=40, figures=(
                Figure(unsigned, ngettext(
                    "%(n)d pegawai belum menandatangani pakta integritas",
                    "%(n)d pegawai belum menandatangani pakta integritas", unsigned)
                    % {"n": unsigned}, url, tone="soon"),)))
    return result


def _declarations(satker):
    return Declaration.objects.filter(satker=satker).select_related("satker")


def _demo(stdout=None):
    from .demo import load_integrity_demo

    load_integrity_demo()


capability = Capability(
    label=_("Zona integritas"),
    purposes=(
        # integrity-zone.md stage 1: the head declares the zone; the satker's leadership and
        # reform team keep the declaration and units; everyone in the satker reads them.
        AccessPurpose("INTEGRITY", "integrity", _("Zona integritas"),
                      Rule(read=ALL_ROLES, write=MANAGERS | {Role.REFORM})),
    ),
    card_links=(
        CardLink(_("Zona integritas"),
                 lambda s: reverse("integrity:staff-satker", args=[s.code]),
                 lambda user, s: can(user, Purpose.INTEGRITY, s), order=85),
    ),
    shortcuts=(
        Shortcut(_("Teks pakta integritas"), lambda: reverse("integrity:staff-versions"),
                 lambda ctx: _national_writer(ctx.user), order=40),
    ),
    workload=_workload,
    nav=(NavEntry(_("Verifikasi pakta"), "integrity:public-verify-form", order=90),),
    satker_links=(
        SatkerLink(_("Zona integritas"),
                   lambda s: reverse("integrity:public-satker", args=[s.code]), order=40),
    ),
    audit_actions=choices.AuditAction,
    evidence=(
        EvidenceSource(
            key="zi_declaration", label=_("Pencanangan zona integritas"),
            model="integrity.Declaration", records=_declarations,
            title=lambda d: f"{d.event} ({d.date:%d-%m-%Y})",
            staff_url=lambda d: reverse("integrity:staff-satker", args=[d.satker.code]),
            public_url=lambda d: (reverse("integrity:public-satker", args=[d.satker.code])
                                  if d.is_public else ""),
            visible_to=lambda user, d: can(user, Purpose.INTEGRITY, d.satker),
            related=("satker",), order=40),
    ),
    matrix=("prima.integrity.tests.matrix",),
    demo=DemoStep(run=_demo, order=60),
    urls=(UrlMount("", "prima.integrity.urls"),),
    api=(ApiMount("/integritas/", "prima.integrity.api:router"),),
)
