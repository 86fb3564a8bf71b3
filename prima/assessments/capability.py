"""What self-assessments contribute to the platform (see ``prima.core.registry``): the
assessment purpose, the satker card entry, what waits (worksheets to fill before the national
deadline, assessments below awaiting verification), finalised assessments as evidence, audit
labels, URLs, matrix rows and the demo."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from prima.core.evidence import EvidenceSource
from prima.core.registry import (
    ALL_ROLES,
    AccessPurpose,
    Capability,
    CardLink,
    DemoStep,
    Figure,
    Rule,
    Shortcut,
    UrlMount,
    Workload,
)
from prima.organisations.choices import Role
from prima.organisations.policies import MANAGERS, Purpose, can

from .choices import EDITABLE, AuditAction, Status
from .models import Assessment


def _satker_workload(ctx):
    """One query: per satker, assessments still being filled and those sent back."""
    satkers = ctx.satkers_where(lambda user, s: can(user, Purpose.ASSESSMENT, s, write=True))
    if not satkers:
        return []
    rows = {r["satker"]: r for r in Assessment.objects.filter(
        satker__in=[s.pk for s in satkers], status__in=EDITABLE).values("satker").annotate(
        filling=Count("pk", filter=Q(status=Status.DRAFT)),
        returned=Count("pk", filter=Q(status=Status.RETURNED)))}
    result = []
    for satker in satkers:
        row = rows.get(satker.pk)
        if not row:
            continue
        url = reverse("assessments:staff-list", args=[satker.code])
        figures = tuple(f for f in (
            Figure(row["filling"], ngettext("%(n)d lembar kerja sedang diisi",
                                            "%(n)d lembar kerja sedang diisi", row["filling"])
                   % {"n": row["filling"]}, url, tone="soon"),
            Figure(row["returned"], ngettext("%(n)d penilaian dikembalikan evaluator",
                                             "%(n)d penilaian dikembalikan evaluator",
                                             row["returned"])
                   % {"n": row["returned"]}, url, tone="late"),
        ) if f.count)
        result.append(Workload(_("Penilaian mandiri"), url, satker.pk, figures, order=30))
    return result


def _evaluation_workload(ctx):
    """One query: assessments below the person awaiting verification."""
    if not ctx.evaluates:
        return []
    waiting = Assessment.objects.filter(status=Status.SUBMITTED,
                                        satker__in=ctx.evaluated).count()
    if not waiting:
        return []
    url = reverse("assessments:staff-inbox")
    return [Workload(_("Verifikasi penilaian mandiri"), url, None, order=30, figures=(
        Figure(waiting, ngettext("%(n)d penilaian menunggu verifikasi Anda",
                                 "%(n)d penilaian menunggu verifikasi Anda", waiting)
               % {"n": waiting}, url, tone="soon"),))]


def _workload(ctx):
    return [*_satker_workload(ctx), *_evaluation_workload(ctx)]


def _finalised(satker):
    return (Assessment.objects.filter(satker=satker, status=Status.FINAL)
            .select_related("satker").order_by("-year", "kind"))


def _assessment_title(assessment) -> str:
    total = assessment.evaluator_total if assessment.evaluator_total is not None else "—"
    return _("%(kind)s %(year)s (nilai evaluator %(total)s)") % {
        "kind": assessment.get_kind_display(), "year": assessment.year, "total": total}


def _visible(user, assessment) -> bool:
    from . import policies

    return policies.can_see(user, assessment)


def _demo(stdout=None):
    from .demo import load_assessments_demo

    return load_assessments_demo()


capability = Capability(
    label=_("Penilaian mandiri"),
    purposes=(
        # reform-evaluation.md "PMPRB: who does what": the satker's team fills the worksheet,
        # coordinated by the secretary; everyone in the satker reads it.
        AccessPurpose("ASSESSMENT", "assessment", _("Penilaian mandiri"),
                      Rule(read=ALL_ROLES, write=MANAGERS | {Role.REFORM})),
    ),
    card_links=(
        CardLink(_("Penilaian mandiri"),
                 lambda s: reverse("assessments:staff-list", args=[s.code]),
                 lambda user, s: can(user, Purpose.ASSESSMENT, s), order=85),
    ),
    shortcuts=(
        Shortcut(_("Verifikasi penilaian mandiri"), lambda: reverse("assessments:staff-inbox"),
                 lambda ctx: ctx.evaluates, order=12),
    ),
    workload=_workload,
    audit_actions=AuditAction,
    evidence=(
        EvidenceSource(
            key="assessment", label=_("Penilaian mandiri final"),
            model="assessments.Assessment", records=_finalised,
            search=lambda records, text: records.filter(
                Q(year__icontains=text) | Q(kind__icontains=text)),
            title=_assessment_title,
            staff_url=lambda a: reverse("assessments:staff-detail", args=[a.satker.code, a.pk]),
            visible_to=_visible, related=("satker",), order=40),
    ),
    matrix=("prima.assessments.tests.matrix",),
    demo=DemoStep(run=_demo, order=70),
    urls=(UrlMount("", "prima.assessments.urls"),),
)
