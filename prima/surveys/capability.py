"""What the satisfaction survey (SKM/IKM) contributes to the platform (see
``prima.core.registry``): the surveys purpose, the satker card link, the public results link
and the IKM section of the satker page, the roll-up shortcut, survey reports as evidence, audit
labels, matrix rows, URLs and the demo."""

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
    SatkerLink,
    SatkerSection,
    UrlMount,
    Workload,
)
from prima.organisations.choices import Role
from prima.organisations.policies import MANAGERS, Purpose, can

from . import choices


def _reports(satker):
    from .models import Survey

    return (Survey.objects.filter(satker=satker).exclude(status=choices.SurveyStatus.DRAFT)
            .select_related("satker").order_by("-year", "-period_number", "-id"))


def _published_surveys(satker_ids):
    """Per satker: whether it has a published survey (every satker's when ``satker_ids`` is
    None)."""
    from .models import Survey

    rows = Survey.objects.filter(is_published=True).exclude(status=choices.SurveyStatus.DRAFT)
    if satker_ids is not None:
        rows = rows.filter(satker_id__in=satker_ids)
    return dict.fromkeys(rows.values_list("satker_id", flat=True).distinct(), True)


def _section(satker):
    """The latest published survey's IKM on the satker's public page (None hides it); one
    query: the survey with its responses' totals. A satker without a published survey (most
    of them) asks none while the satker pages' data is kept
    (``prima.organisations.public_data``)."""
    from prima.core.snapshots import snapshot

    from . import ikm
    from .models import Survey

    published = snapshot("surveys:published", lambda: _published_surveys(None))
    if published is not None and satker.pk not in published:
        return None
    survey = (Survey.objects.filter(satker=satker, is_published=True)
              .exclude(status=choices.SurveyStatus.DRAFT)
              .annotate(**ikm.aggregates("responses__")).filter(n__gt=0)
              .order_by("-year", "-period_number", "-id").first())
    if survey is None:
        return None
    return {"survey": survey, "result": ikm.Result.from_totals(survey.__dict__),
            "url": reverse("surveys:public-results", args=[satker.code])}


def _workload(ctx):
    """Per satker the person runs surveys for: open surveys and follow-up actions past their
    deadline (one query in all)."""
    from prima.organisations.models import Satker

    satkers = ctx.satkers_where(lambda user, s: can(user, Purpose.SURVEYS, s, write=True))
    if not satkers:
        return []
    rows = {row["pk"]: row for row in Satker.objects.filter(pk__in=[s.pk for s in satkers])
            .values("pk").annotate(
                n_open=Count("surveys", filter=Q(surveys__status=choices.SurveyStatus.OPEN),
                             distinct=True),
                n_late=Count("surveys__follow_ups", filter=Q(
                    surveys__follow_ups__deadline__lt=ctx.today) & ~Q(
                    surveys__follow_ups__status=choices.FollowUpStatus.DONE), distinct=True))}
    result = []
    for satker in satkers:
        row = rows.get(satker.pk, {})
        url = reverse("surveys:staff-surveys", args=[satker.code])
        figures = tuple(f for f in (
            Figure(row.get("n_open", 0), ngettext(
                "%(n)d survei kepuasan sedang dibuka", "%(n)d survei kepuasan sedang dibuka",
                row.get("n_open", 0)) % {"n": row.get("n_open", 0)}, url),
            Figure(row.get("n_late", 0), ngettext(
                "%(n)d tindak lanjut survei lewat batas waktu",
                "%(n)d tindak lanjut survei lewat batas waktu", row.get("n_late", 0))
                % {"n": row.get("n_late", 0)}, url, tone="late"),
        ) if f.count)
        if figures:
            result.append(Workload(_("Survei kepuasan masyarakat"), url, satker.pk, figures,
                                   order=40))
    return result


def _demo(stdout=None):
    from .demo import load_surveys_demo

    return load_surveys_demo()


capability = Capability(
    label=_("Survei kepuasan masyarakat"),
    purposes=(
        # PermenPANRB 14/2017: every service unit surveys its users; the satker's leadership
        # and its PPID (the service officers) run the survey, everyone in the satker reads it.
        AccessPurpose("SURVEYS", "surveys", _("Survei kepuasan masyarakat"),
                      Rule(read=ALL_ROLES, write=MANAGERS | {Role.PPID})),
    ),
    card_links=(
        CardLink(_("Survei kepuasan (IKM)"),
                 lambda s: reverse("surveys:staff-surveys", args=[s.code]),
                 lambda user, s: can(user, Purpose.SURVEYS, s), order=60),
    ),
    workload=_workload,
    satker_links=(
        SatkerLink(_("Hasil survei kepuasan masyarakat"),
                   lambda s: reverse("surveys:public-results", args=[s.code]), order=40),
    ),
    satker_sections=(SatkerSection("surveys/_satker.html", _section, order=40),),
    audit_actions=choices.AuditAction,
    evidence=(
        EvidenceSource(
            key="survey_report", label=_("Laporan survei kepuasan masyarakat"),
            model="surveys.Survey", records=_reports,
            search=lambda records, text: records.filter(title__icontains=text),
            title=lambda s: f"{s.title} ({s.period_label()})",
            staff_url=lambda s: reverse("surveys:staff-report", args=[s.satker.code, s.pk]),
            public_url=lambda s: reverse("surveys:public-results", args=[s.satker.code]),
            visible_to=lambda user, s: can(user, Purpose.SURVEYS, s.satker),
            related=("satker",), order=40),
    ),
    matrix=("prima.surveys.tests.matrix",),
    demo=DemoStep(run=_demo, order=45),
    urls=(UrlMount("", "prima.surveys.urls"),),
)
