"""What public information requests contribute to the platform (see ``prima.core.registry``):
the information purpose, the officers' desk on the staff home with what waits for them (open
requests and objections, overdue, due soon, the nearest deadline), the public links, the audit
labels, URLs, API, matrix rows and the demo step.

URLs are referred to by name only and models through their fields, so this module does not
depend on how the app's views, services or querysets are split.
"""

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from prima.core import calendar
from prima.core.registry import (
    AccessPurpose,
    ApiMount,
    Capability,
    CardLink,
    DemoStep,
    DueItem,
    Figure,
    NavEntry,
    Rule,
    SatkerLink,
    UrlMount,
    Workload,
)
from prima.organisations.choices import Role
from prima.organisations.policies import MANAGERS, Purpose, can

from . import choices
from .deadlines import SOON_WORKING_DAYS
from .models import InformationRequest, Objection

PPID_ROLES = frozenset({Role.PPID, Role.ATASAN_PPID})


class _Bounds:
    """Per satker: its local today and the first day no longer "due soon" (at most
    ``SOON_WORKING_DAYS`` working days left, as in the officers' inbox), by the national
    calendar so the staff home asks no query per satker."""

    def __init__(self, satkers):
        self.today = {s.pk: timezone.now().astimezone(calendar.local_timezone(s)).date()
                      for s in satkers}
        self.soon_before = {pk: calendar.add_working_days(day, SOON_WORKING_DAYS + 1)
                            for pk, day in self.today.items()}

    def overdue_q(self) -> Q:
        q = Q(pk__in=[])
        for pk, day in self.today.items():
            q |= Q(satker_id=pk, due_date__lt=day)
        return q

    def soon_q(self) -> Q:
        q = Q(pk__in=[])
        for pk, day in self.today.items():
            q |= Q(satker_id=pk, due_date__gte=day, due_date__lt=self.soon_before[pk])
        return q


def _open_rows(model, bounds: _Bounds, open_filter: Q, *, assigned_to=None,
               new_filter: Q | None = None):
    """One query: per satker, open items, overdue, due soon (and assigned to the person), with
    the nearest open item's number and due date."""
    nearest = (model.objects.filter(open_filter, satker=OuterRef("satker"))
               .order_by("due_date", "pk"))
    counts = {
        "n_open": Count("pk"),
        "n_overdue": Count("pk", filter=bounds.overdue_q()),
        "n_soon": Count("pk", filter=bounds.soon_q()),
    }
    if assigned_to is not None:
        counts["n_mine"] = Count("pk", filter=Q(assigned_to=assigned_to))
    if new_filter is not None:
        counts["n_new"] = Count("pk", filter=new_filter)
    rows = (model.objects.filter(open_filter, satker__in=list(bounds.today))
            .values("satker").order_by()
            .annotate(**counts,
                      nearest_number=Subquery(nearest.values("number")[:1]),
                      nearest_due=Subquery(nearest.values("due_date")[:1])))
    return {row["satker"]: row for row in rows}


def _figures(row, *, noun: str, urls: dict[str, str], mine_url: str = ""):
    n_open, n_overdue, n_soon = row["n_open"], row["n_overdue"], row["n_soon"]
    figures = [
        Figure(n_open, ngettext("%(n)d %(noun)s terbuka", "%(n)d %(noun)s terbuka", n_open)
               % {"n": n_open, "noun": noun}, urls["open"]),
        Figure(n_overdue, ngettext("%(n)d lewat tenggat", "%(n)d lewat tenggat", n_overdue)
               % {"n": n_overdue}, urls["overdue"], tone="late"),
        Figure(n_soon, ngettext("%(n)d jatuh tempo dalam 3 hari kerja",
                                "%(n)d jatuh tempo dalam 3 hari kerja", n_soon)
               % {"n": n_soon}, urls["soon"], tone="soon"),
    ]
    if "n_mine" in row:
        figures.append(Figure(row["n_mine"], ngettext(
            "%(n)d ditugaskan kepada Anda", "%(n)d ditugaskan kepada Anda", row["n_mine"])
            % {"n": row["n_mine"]}, mine_url))
    return tuple(f for f in figures if f.count)


def _nearest(row, url_name: str, label: str, today) -> tuple[DueItem, ...]:
    number, due = row["nearest_number"], row["nearest_due"]
    return (DueItem(number, reverse(url_name, args=[number.replace("/", "-")]), due, label,
                    overdue=due < today),)


def _workload(ctx):
    """Open requests and objections of the satkers where the person handles information
    (two queries, whatever the number of satkers and requests)."""
    satkers = ctx.satkers_where(lambda user, s: can(user, Purpose.INFORMATION, s))
    if not satkers:
        return []
    bounds = _Bounds(satkers)
    # New arrivals nobody has taken up yet (the PPID is also emailed when they arrive).
    requests = _open_rows(InformationRequest, bounds, Q(status__in=choices.OPEN_STATUSES),
                          assigned_to=ctx.user,
                          new_filter=Q(status=choices.Status.REGISTERED,
                                       assigned_to__isnull=True))
    objections = _open_rows(Objection, bounds, Q(status=choices.ObjectionStatus.FILED))
    inbox = reverse("inforequests:staff-inbox")
    objection_list = reverse("inforequests:staff-objections")
    result = []
    for satker in satkers:
        today = bounds.today[satker.pk]
        row = requests.get(satker.pk)
        if row:
            result.append(Workload(
                _("Permohonan informasi"), inbox, satker.pk, order=10,
                figures=_figures(row, noun=_("permohonan"), urls={
                    "open": f"{inbox}?status=open&satker={satker.pk}",
                    "overdue": f"{inbox}?countdown=overdue&satker={satker.pk}",
                    "soon": f"{inbox}?countdown=soon&satker={satker.pk}"},
                    mine_url=f"{inbox}?assigned=me&status=open"),
                due=_nearest(row, "inforequests:staff-detail", _("jatuh tempo"), today)))
        if row and row["n_new"]:
            result.append(Workload(
                _("Permohonan baru masuk"), f"{inbox}?status=registered&assigned=none"
                f"&satker={satker.pk}", satker.pk, order=9,
                figures=(Figure(row["n_new"], ngettext(
                    "%(n)d permohonan baru belum ditangani",
                    "%(n)d permohonan baru belum ditangani", row["n_new"])
                    % {"n": row["n_new"]},
                    f"{inbox}?status=registered&assigned=none&satker={satker.pk}"),)))
        row = objections.get(satker.pk)
        if row:
            result.append(Workload(
                _("Keberatan"), objection_list, satker.pk, order=11,
                figures=_figures(row, noun=_("keberatan"), urls=dict.fromkeys(
                    ("open", "overdue", "soon"),
                    f"{objection_list}?status=filed&satker={satker.pk}")),
                due=_nearest(row, "inforequests:staff-objection-detail",
                             _("tanggapan atasan PPID jatuh tempo"), today)))
    return result


def _demo(stdout=None):
    from .demo import load_inforequests_demo

    load_inforequests_demo()



capability = Capability(
    label=_("Permohonan informasi publik"),
    purposes=(
        # UU 14/2008 Pasal 13: the PPID (and the atasan PPID) handle requests; the satker's
        # leadership reads them.
        AccessPurpose("INFORMATION", "information", _("Permohonan informasi"),
                      Rule(read=MANAGERS | PPID_ROLES, write=PPID_ROLES,
                           evaluator_reads_below=False)),
    ),
    card_links=(
        CardLink(_("Permohonan informasi"), lambda s: reverse("inforequests:staff-inbox"),
                 lambda user, s: can(user, Purpose.INFORMATION, s), order=60),
        CardLink(_("Keberatan"), lambda s: reverse("inforequests:staff-objections"),
                 lambda user, s: can(user, Purpose.INFORMATION, s), order=61),
        CardLink(_("Daftar Informasi Publik"),
                 lambda s: reverse("inforequests:staff-dip", args=[s.code]),
                 lambda user, s: can(user, Purpose.INFORMATION, s), order=62),
    ),
    workload=_workload,
    nav=(NavEntry(_("Permohonan informasi"), "inforequests:public-start", order=30),),
    satker_links=(
        SatkerLink(_("Ajukan permohonan informasi"),
                   lambda s: reverse("inforequests:public-form", args=[s.code]), order=10),
        SatkerLink(_("Daftar Informasi Publik"),
                   lambda s: reverse("inforequests:public-dip", args=[s.code]), order=11),
        SatkerLink(_("Register permohonan informasi"),
                   lambda s: f"{reverse('inforequests:public-register')}?satker={s.code}",
                   order=12),
        SatkerLink(_("Laporan layanan informasi publik"),
                   lambda s: f"{reverse('inforequests:report-annual')}?satker={s.code}",
                   order=13),
    ),
    audit_actions=choices.AuditAction,
    matrix=("prima.inforequests.tests.matrix",),
    # After the catalog (40): the DIP links its published datasets.
    demo=DemoStep(run=_demo, order=45),
    urls=(UrlMount("", "prima.inforequests.urls"),),
    api=(ApiMount("/informasi/", "prima.inforequests.api:router"),),
)
