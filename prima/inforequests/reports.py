"""The annual public information service report (laporan layanan informasi publik).

Pure reads over the models: the figures of one year for a set of satkers (a satker alone, a
province with its kabupaten/kota, or the whole nation) and one comparison row per unit below a
satker. Every function runs a fixed number of queries, whatever the number of satkers or
requests: counts come from conditional aggregation and the time to fulfil is computed in Python
over rows fetched with ``values()``.

Definitions (domain information-requests.md, "Annual service report"):
- a request belongs to the year of its registration number (``InformationRequest.year``);
- *decided* means a written notice was issued with a decision other than withdrawal;
- *time to fulfil* is the number of working days from the day of receipt (day 0) to the day the
  written notice was issued, in the satker's time zone and working-day calendar
  (``core.calendar.working_days_between``);
- objections and disputes belong to the year of the objection's registration number.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prima.core import calendar, rollup
from prima.core.models import CalendarOverride
from prima.organisations.models import Satker

from .choices import (
    EXEMPTING_DECISIONS,
    OPEN_STATUSES,
    Channel,
    Decision,
    DisputeOutcome,
    Exemption,
    ObjectionGround,
    ObjectionOutcome,
    RequesterKind,
    Status,
)
from .models import Dispute, InformationRequest, Objection

MONTH_LABELS = (_("Jan"), _("Feb"), _("Mar"), _("Apr"), _("Mei"), _("Jun"), _("Jul"),
                _("Agu"), _("Sep"), _("Okt"), _("Nov"), _("Des"))
PENDING_LABEL = _("Belum diputus")

DECIDED_DECISIONS = tuple(d for d in Decision.values if d != Decision.WITHDRAWN)
WITHDRAWN_Q = Q(decision=Decision.WITHDRAWN) | Q(status=Status.WITHDRAWN)


def outcome_q(decision: str) -> Q:
    """Requests with this outcome; a request withdrawn after a decision counts as withdrawn."""
    if decision == Decision.WITHDRAWN:
        return WITHDRAWN_Q
    return Q(decision=decision) & ~Q(status=Status.WITHDRAWN)


@dataclass(frozen=True)
class Tally:
    """One line of a breakdown: a choice, its label and how many."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class FulfilmentTime:
    """Working days from receipt to the written notice, over the decided requests."""

    count: int = 0
    mean: float | None = None
    median: float | None = None
    maximum: int | None = None

    @classmethod
    def of(cls, days: list[int]) -> FulfilmentTime:
        if not days:
            return cls()
        return cls(count=len(days), mean=round(statistics.fmean(days), 1),
                   median=float(statistics.median(days)), maximum=max(days))


@dataclass(frozen=True)
class AnnualReport:
    year: int
    total: int
    decided: int
    open: int
    overdue: int
    by_channel: list[Tally]
    by_requester_kind: list[Tally]
    by_month: list[Tally]
    outcomes: list[Tally]
    refusals_by_exemption: list[Tally]
    fulfilment: FulfilmentTime
    objections: int
    objections_by_ground: list[Tally]
    objections_by_outcome: list[Tally]
    disputes: int
    disputes_by_outcome: list[Tally]

    def outcome(self, key: str) -> int:
        return next(t.count for t in self.outcomes if t.key == key)


@dataclass
class UnitRow:
    """One satker (with the units below it) in the comparison table of a province or nation."""

    satker: Satker
    is_self: bool = False
    total: int = 0
    decided: int = 0
    granted: int = 0
    granted_in_part: int = 0
    refused: int = 0
    not_held: int = 0
    not_documented: int = 0
    withdrawn: int = 0
    open: int = 0
    overdue: int = 0
    objections: int = 0
    days: list[int] = field(default_factory=list, repr=False)

    @property
    def fulfilment(self) -> FulfilmentTime:
        return FulfilmentTime.of(self.days)


# --- Scopes ----------------------------------------------------------------------------------


def scope_of(satker: Satker) -> QuerySet[Satker]:
    """The satker with every unit below it: itself, a province with its kabupaten/kota, or all."""
    return Satker.objects.descendants_of(satker, include_self=True)


def available_years(today: dt.date | None = None) -> list[int]:
    """Years with registered requests, newest first, always including the current year."""
    current = (today or timezone.localdate()).year
    years = set(InformationRequest.objects.values_list("year", flat=True).distinct())
    years.add(current)
    return sorted(years, reverse=True)


# --- Working days ----------------------------------------------------------------------------


class _FulfilmentCounter:
    """Working days from receipt to notice, one calendar per satker that has its own closures.

    Satkers without their own calendar rows share the national table, so the number of queries
    does not grow with the number of satkers (the tables themselves are cached by core.calendar).
    """

    def __init__(self, satker_ids, years):
        self.own_calendar = set(
            CalendarOverride.objects.filter(satker_id__in=satker_ids, date__year__in=years)
            .values_list("satker_id", flat=True).distinct()
        )

    def days(self, row) -> int:
        zone = ZoneInfo(row["satker__timezone"] or "Asia/Jakarta")
        issued_on = row["notice__issued_at"].astimezone(zone).date()
        satker_id = row["satker_id"]
        key = satker_id if satker_id in self.own_calendar else None
        return calendar.working_days_between(row["received_on"], issued_on, satker=key)


def _fulfilment_rows(requests: QuerySet) -> list[dict]:
    return list(
        requests.filter(notice__isnull=False, decision__in=DECIDED_DECISIONS)
        .values("satker_id", "satker__code", "satker__timezone", "received_on",
                "notice__issued_at")
        .order_by()
    )


def _fulfilment_days(rows: list[dict], year: int) -> list[tuple[dict, int]]:
    if not rows:
        return []
    years = {year, year + 1} | {r["received_on"].year for r in rows}
    counter = _FulfilmentCounter({r["satker_id"] for r in rows}, sorted(years))
    return [(row, counter.days(row)) for row in rows]


# --- The annual report -----------------------------------------------------------------------


def _tallies(choices, counts: dict[str, int]) -> list[Tally]:
    return [Tally(value, str(label), counts.get(value, 0)) for value, label in choices.choices]


def annual_report(*, satkers: QuerySet, year: int, today: dt.date | None = None) -> AnnualReport:
    """The figures of ``year`` over ``satkers`` (use ``scope_of(satker)`` for a roll-up)."""
    today = today or timezone.localdate()
    requests = InformationRequest.objects.filter(satker__in=satkers, year=year)

    aggregates = {
        "total": Count("pk"),
        "decided": Count("pk", filter=Q(decision__in=DECIDED_DECISIONS)),
        "open": Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        "overdue": Count("pk", filter=Q(status__in=OPEN_STATUSES, due_date__lt=today)),
    }
    for value in Channel.values:
        aggregates[f"channel_{value}"] = Count("pk", filter=Q(channel=value))
    for value in RequesterKind.values:
        aggregates[f"kind_{value}"] = Count("pk", filter=Q(requester_kind=value))
    for month in range(1, 13):
        aggregates[f"month_{month}"] = Count("pk", filter=Q(received_at__month=month))
    for value in Decision.values:
        aggregates[f"decision_{value}"] = Count("pk", filter=outcome_q(value))
    for value in Exemption.values:
        aggregates[f"exemption_{value}"] = Count(
            # Refused by reason counts the withheld part of partial grants too (Pasal 17).
            "pk", filter=Q(decision__in=EXEMPTING_DECISIONS, notice__exemption=value))
    figures = requests.aggregate(**aggregates)

    def prefixed(prefix):
        return {key[len(prefix):]: n for key, n in figures.items() if key.startswith(prefix)}

    days = [d for _row, d in _fulfilment_days(_fulfilment_rows(requests), year)]

    objections = Objection.objects.filter(satker__in=satkers, year=year)
    objection_figures = objections.aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(outcome="")),
        **{f"outcome_{v}": Count("pk", filter=Q(outcome=v)) for v in ObjectionOutcome.values},
    )
    # Grounds are a JSON list; "contains" lookups are not portable to SQLite, so count here.
    ground_counts: dict[str, int] = {}
    for grounds in objections.values_list("grounds", flat=True):
        for ground in set(grounds or ()):
            ground_counts[ground] = ground_counts.get(ground, 0) + 1

    disputes = Dispute.objects.filter(objection__satker__in=satkers, objection__year=year)
    dispute_figures = disputes.aggregate(
        total=Count("pk"),
        **{f"outcome_{v}": Count("pk", filter=Q(outcome=v)) for v in DisputeOutcome.values},
    )

    objection_outcomes = [
        Tally(v, str(label), objection_figures[f"outcome_{v}"])
        for v, label in ObjectionOutcome.choices
    ] + [Tally("", str(PENDING_LABEL), objection_figures["pending"])]

    return AnnualReport(
        year=year,
        total=figures["total"],
        decided=figures["decided"],
        open=figures["open"],
        overdue=figures["overdue"],
        by_channel=_tallies(Channel, prefixed("channel_")),
        by_requester_kind=_tallies(RequesterKind, prefixed("kind_")),
        by_month=[Tally(str(m), str(MONTH_LABELS[m - 1]), figures[f"month_{m}"])
                  for m in range(1, 13)],
        outcomes=_tallies(Decision, prefixed("decision_")),
        refusals_by_exemption=_tallies(Exemption, prefixed("exemption_")),
        fulfilment=FulfilmentTime.of(days),
        objections=objection_figures["total"],
        objections_by_ground=_tallies(ObjectionGround, ground_counts),
        objections_by_outcome=objection_outcomes,
        disputes=dispute_figures["total"],
        disputes_by_outcome=[Tally(v, str(label), dispute_figures[f"outcome_{v}"])
                             for v, label in DisputeOutcome.choices],
    )


# --- Comparison of the units below a satker ------------------------------------------------


COUNTED = ("total", "decided", "granted", "granted_in_part", "refused", "not_held",
           "not_documented", "withdrawn", "open", "overdue")


def _unit_row(satker: Satker, group: rollup.Group, *, is_self: bool = False) -> UnitRow:
    return UnitRow(satker=satker, is_self=is_self,
                   **{name: group.total(name) for name in (*COUNTED, "objections")},
                   days=[d for unit in group.units for d in unit["days"]])


def per_unit_rows(parent: Satker, year: int, today: dt.date | None = None) -> list[UnitRow]:
    """The parent's own figures, then one row per child satker with the units below it.

    A province lists its kabupaten/kota; KPU RI lists the provinces, each rolled up with its
    kabupaten/kota (``core.rollup.by_child``). Five queries at most, whatever the number of
    units.
    """
    today = today or timezone.localdate()
    children = list(parent.children.order_by("code"))
    scope = scope_of(parent)
    requests = InformationRequest.objects.filter(satker__in=scope, year=year)

    units: dict[str, dict] = {}

    def unit(code: str) -> dict:
        return units.setdefault(code, {"code": code, "days": [], "objections": 0,
                                       **dict.fromkeys(COUNTED, 0)})

    grouped = (
        requests.values("satker__code").order_by()
        .annotate(
            total=Count("pk"),
            decided=Count("pk", filter=Q(decision__in=DECIDED_DECISIONS)),
            granted=Count("pk", filter=outcome_q(Decision.GRANTED)),
            granted_in_part=Count("pk", filter=outcome_q(Decision.GRANTED_IN_PART)),
            refused=Count("pk", filter=outcome_q(Decision.REFUSED)),
            not_held=Count("pk", filter=outcome_q(Decision.NOT_HELD)),
            not_documented=Count("pk", filter=outcome_q(Decision.NOT_DOCUMENTED)),
            withdrawn=Count("pk", filter=outcome_q(Decision.WITHDRAWN)),
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
            overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_date__lt=today)),
        )
    )
    for entry in grouped:
        unit(entry["satker__code"]).update({name: entry[name] for name in COUNTED})

    for row_data, days in _fulfilment_days(_fulfilment_rows(requests), year):
        unit(row_data["satker__code"])["days"].append(days)

    objections = (Objection.objects.filter(satker__in=scope, year=year)
                  .values("satker__code").order_by().annotate(n=Count("pk")))
    for entry in objections:
        unit(entry["satker__code"])["objections"] = entry["n"]

    own, groups = rollup.by_child(units.values(), parent.code, [c.code for c in children])
    return [_unit_row(parent, own, is_self=True),
            *(_unit_row(child, groups[child.code]) for child in children)]
