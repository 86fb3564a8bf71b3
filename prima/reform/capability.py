"""What reform management contributes to the platform (see ``prima.core.registry``): the reform
purpose, the satker's reform workspace on the staff home with what waits (plans awaiting
approval, quarterly reports due or returned, recommendations due), the evaluator's inbox of
reports awaiting review below, the public progress link, events and reports as evidence, audit
labels, URLs, reference data (the regime) and the demo.

URLs are referred to by name only and models through their fields, so this module does not
depend on how the app's views, services or querysets are split.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value, Window
from django.db.models.functions import Coalesce
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
    DueItem,
    Figure,
    Rule,
    SatkerLink,
    Shortcut,
    UrlMount,
    Workload,
)
from prima.organisations.choices import Level, Role
from prima.organisations.models import Satker
from prima.organisations.policies import (
    MANAGERS,
    Purpose,
    can,
    is_system_admin,
    memberships_of,
)

from . import choices
from .models import ActionPlan, ProgressReport, Recommendation, SocialisationEvent
from .querysets import report_due_date

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _count(queryset, group: str):
    """A correlated count of ``queryset`` rows (one subquery, 0 when none)."""
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _report_title(year: int, quarter: int) -> str:
    return _("Laporan TW %(q)s %(year)s") % {"q": ROMAN[quarter], "year": year}


def _satker_rows(ids, today):
    """One query: per satker, plans awaiting approval and open recommendations (overdue and
    the nearest deadline)."""
    open_recs = Recommendation.objects.filter(report__plan__satker=OuterRef("pk"),
                                              status=choices.RecommendationStatus.OPEN)
    nearest = open_recs.order_by("deadline", "pk")
    return {row["pk"]: row for row in Satker.objects.filter(pk__in=ids).values("pk").annotate(
        n_plans=_count(ActionPlan.objects.filter(
            satker=OuterRef("pk"), status=choices.PlanStatus.SUBMITTED), "satker"),
        n_recs=_count(open_recs, "report__plan__satker"),
        n_recs_late=_count(open_recs.filter(deadline__lt=today), "report__plan__satker"),
        rec_deadline=Subquery(nearest.values("deadline")[:1]),
        rec_plan=Subquery(nearest.values("report__plan")[:1]),
        rec_year=Subquery(nearest.values("report__plan__year")[:1]),
        rec_quarter=Subquery(nearest.values("report__quarter")[:1]),
    )}


def _reports_due(ids, today) -> dict[int, list[tuple]]:
    """One query: the active plans of this year and last, with each quarter's report status
    and due date; reports not submitted whose deadline is within the reminder window (or
    passed), as the reminder task counts them."""
    horizon = today + dt.timedelta(days=int(getattr(
        settings, "PRIMA_REFORM_REMINDER_DAYS_BEFORE", 5)))
    annotations = {}
    for quarter in range(1, 5):
        report = ProgressReport.objects.filter(plan=OuterRef("pk"), quarter=quarter)
        annotations[f"status_{quarter}"] = Subquery(report.values("status")[:1])
        annotations[f"due_{quarter}"] = Subquery(report.values("due_date")[:1])
    plans = (ActionPlan.objects.filter(
        satker__in=ids, is_template=False, year__gte=today.year - 1, year__lte=today.year,
        status__in=(choices.PlanStatus.APPROVED, choices.PlanStatus.RUNNING))
        .values("pk", "satker", "year").annotate(**annotations))
    pending = (None, choices.ReportStatus.DRAFT, choices.ReportStatus.REVISE)
    result: dict[int, list[tuple]] = {}
    for plan in plans:
        for quarter in range(1, 5):
            status = plan[f"status_{quarter}"]
            due = plan[f"due_{quarter}"] or report_due_date(plan["year"], quarter)
            if status in pending and (due <= horizon or status == choices.ReportStatus.REVISE):
                result.setdefault(plan["satker"], []).append(
                    (due, plan["pk"], plan["year"], quarter, status))
    for items in result.values():
        items.sort()
    return result


def _satker_workload(ctx):
    satkers = ctx.satkers_where(lambda user, s: can(user, Purpose.REFORM, s, write=True))
    if not satkers:
        return []
    ids = [s.pk for s in satkers]
    rows, due = _satker_rows(ids, ctx.today), _reports_due(ids, ctx.today)
    result = []
    for satker in satkers:
        row, reports = rows.get(satker.pk, {}), due.get(satker.pk, [])
        home = reverse("reform:staff-home", args=[satker.code])
        plans_url = reverse("reform:staff-plans", args=[satker.code])
        # Each report counts once: sent back for revision, else late, else due soon.
        returned = sum(1 for r in reports if r[4] == choices.ReportStatus.REVISE)
        late = sum(1 for r in reports
                   if r[4] != choices.ReportStatus.REVISE and r[0] < ctx.today)
        waiting = len(reports) - returned - late
        figures = tuple(f for f in (
            Figure(row.get("n_plans", 0), ngettext(
                "%(n)d rencana aksi menunggu persetujuan",
                "%(n)d rencana aksi menunggu persetujuan", row.get("n_plans", 0))
                % {"n": row.get("n_plans", 0)}, plans_url, tone="soon"),
            Figure(waiting, ngettext("%(n)d laporan triwulan segera jatuh tempo",
                                     "%(n)d laporan triwulan segera jatuh tempo", waiting)
                   % {"n": waiting}, plans_url, tone="soon"),
            Figure(late, ngettext("%(n)d laporan triwulan lewat tenggat",
                                  "%(n)d laporan triwulan lewat tenggat", late)
                   % {"n": late}, plans_url, tone="late"),
            Figure(returned, ngettext("%(n)d laporan dikembalikan untuk diperbaiki",
                                      "%(n)d laporan dikembalikan untuk diperbaiki", returned)
                   % {"n": returned}, plans_url, tone="late"),
            Figure(row.get("n_recs", 0), ngettext(
                "%(n)d rekomendasi belum ditanggapi", "%(n)d rekomendasi belum ditanggapi",
                row.get("n_recs", 0)) % {"n": row.get("n_recs", 0)}, home),
            Figure(row.get("n_recs_late", 0), ngettext(
                "%(n)d rekomendasi lewat batas waktu", "%(n)d rekomendasi lewat batas waktu",
                row.get("n_recs_late", 0)) % {"n": row.get("n_recs_late", 0)}, home,
                tone="late"),
        ) if f.count)
        if not figures:
            continue
        items = []
        if reports:
            when, plan_pk, year, quarter, status = reports[0]
            items.append(DueItem(
                _report_title(year, quarter),
                reverse("reform:staff-report", args=[satker.code, plan_pk, quarter]), when,
                _("jatuh tempo"), overdue=when < ctx.today))
        if row.get("rec_deadline"):
            items.append(DueItem(
                _("Rekomendasi atas %(report)s") % {
                    "report": _report_title(row["rec_year"], row["rec_quarter"])},
                reverse("reform:staff-report",
                        args=[satker.code, row["rec_plan"], row["rec_quarter"]]),
                row["rec_deadline"], _("batas tanggapan"),
                overdue=row["rec_deadline"] < ctx.today))
        items.sort(key=lambda item: item.date)
        result.append(Workload(_("Reformasi birokrasi"), home, satker.pk, figures,
                               tuple(items), order=20))
    return result


def _evaluation_workload(ctx):
    """Reports below the person awaiting review: their number and the three waiting longest
    (one query)."""
    if not ctx.evaluates:
        return []
    waiting = list(ProgressReport.objects
                   .filter(status=choices.ReportStatus.SUBMITTED,
                           plan__satker__in=ctx.evaluated)
                   .select_related("plan__satker")
                   .annotate(total=Window(Count("pk")))
                   .order_by("submitted_at", "pk")[:3])
    if not waiting:
        return []
    inbox = reverse("reform:eval-inbox")
    total = waiting[0].total
    return [Workload(
        _("Evaluasi laporan RB"), inbox, None, order=20,
        figures=(Figure(total, ngettext("%(n)d laporan menunggu evaluasi Anda",
                                        "%(n)d laporan menunggu evaluasi Anda", total)
                        % {"n": total}, inbox, tone="soon"),),
        due=tuple(DueItem(_report_title(r.plan.year, r.quarter),
                          reverse("reform:eval-report", args=[r.pk]),
                          r.submitted_at.date() if r.submitted_at else None, _("diajukan"),
                          note=r.plan.satker.name) for r in waiting))]


def _workload(ctx):
    return [*_satker_workload(ctx), *_evaluation_workload(ctx)]


def _sees_national_dashboard(ctx) -> bool:
    return is_system_admin(ctx.user) or any(
        m.satker.level == Level.NATIONAL for m in memberships_of(ctx.user))


# --- evidence ------------------------------------------------------------------------------------


def _events(satker):
    """Events the satker organised or took part in."""
    return (SocialisationEvent.objects
            .filter(Q(organiser=satker) | Q(participants__satker=satker)).distinct()
            .select_related("organiser").order_by("-date", "-id"))


def _event_visible(user, event) -> bool:
    from . import policies

    if can(user, Purpose.REFORM, event.organiser):
        return True
    return policies.events_visible_to(user).filter(pk=event.pk).exists()


def _reports(satker):
    return (ProgressReport.objects.filter(plan__satker=satker, plan__is_template=False)
            .exclude(status=choices.ReportStatus.DRAFT).select_related("plan__satker")
            .order_by("-plan__year", "-quarter"))


def _report_visible(user, report) -> bool:
    from . import policies

    return policies.can_see_report(user, report)


def _demo(stdout=None):
    from .demo import load_reform_demo

    load_reform_demo()



capability = Capability(
    label=_("Reformasi birokrasi"),
    purposes=(
        # PermenPANRB 26/2020: the reform team (by decree) and the satker's leadership keep the
        # plan and reports; everyone in the satker reads them.
        AccessPurpose("REFORM", "reform", _("Reformasi birokrasi"),
                      Rule(read=ALL_ROLES, write=MANAGERS | {Role.REFORM})),
    ),
    card_links=(
        CardLink(_("Reformasi birokrasi"),
                 lambda s: reverse("reform:staff-home", args=[s.code]),
                 lambda user, s: can(user, Purpose.REFORM, s), order=80),
    ),
    shortcuts=(
        Shortcut(_("Evaluasi laporan RB"), lambda: reverse("reform:eval-inbox"),
                 lambda ctx: ctx.evaluates, order=10),
        Shortcut(_("Rekomendasi tindak lanjut"), lambda: reverse("reform:eval-recommendations"),
                 lambda ctx: ctx.evaluates, order=11),
        Shortcut(_("Dasbor RB nasional"), lambda: reverse("reform:dashboard-national"),
                 _sees_national_dashboard, order=20),
    ),
    workload=_workload,
    satker_links=(
        SatkerLink(_("Progres reformasi birokrasi"),
                   lambda s: reverse("reform:public-progress", args=[s.code]), order=30),
    ),
    audit_actions=choices.AuditAction,
    evidence=(
        EvidenceSource(
            key="event", label=_("Kegiatan sosialisasi"), model="reform.SocialisationEvent",
            records=_events,
            search=lambda records, text: records.filter(title__icontains=text),
            title=lambda event: event.title,
            staff_url=lambda event: reverse("reform:staff-event",
                                            args=[event.organiser.code, event.pk]),
            visible_to=_event_visible, related=("organiser",), order=30),
        EvidenceSource(
            key="report", label=_("Laporan kemajuan RB"), model="reform.ProgressReport",
            records=_reports,
            title=lambda r: f"{_report_title(r.plan.year, r.quarter)}: {r.plan.title}",
            staff_url=lambda r: reverse("reform:staff-report",
                                        args=[r.plan.satker.code, r.plan_id, r.quarter]),
            visible_to=_report_visible, related=("plan__satker",), order=31),
    ),
    matrix=("prima.reform.tests.matrix",),
    demo=DemoStep(run=_demo, order=30),
    reference_data=(("prima.reform.migrations.0002_regime_26_2020", "add_regime"),
                    ("prima.reform.migrations.0006_area_english_names_and_regime_9_2023",
                     "add_regime_2023")),
    urls=(UrlMount("", "prima.reform.urls"),),
)
