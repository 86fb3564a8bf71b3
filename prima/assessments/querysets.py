"""Reads over many assessments: the comparison of the satkers below a province (or of the
provinces below KPU RI), with area scores, the self/evaluator gap, last year's total and the
evidence completeness, in two queries whatever the number of satkers (the database adds the
per-item points up; reform-evaluation.md: KPU RI compares units)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from . import scoring
from .models import Answer, Assessment

ZERO = Decimal(0)


@dataclass
class CompareRow:
    satker: object
    assessment: Assessment
    self_total: Decimal
    evaluator_total: Decimal
    areas: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)
    previous_total: Decimal | None = None
    evidence_done: int = 0
    evidence_expected: int = 0
    rank: int = 0
    category: str = ""

    @property
    def gap(self) -> Decimal:
        return self.evaluator_total - self.self_total

    @property
    def change(self) -> Decimal | None:
        return None if self.previous_total is None else self.evaluator_total - \
            self.previous_total

    @property
    def evidence_share(self) -> Decimal:
        if not self.evidence_expected:
            return ZERO
        return Decimal(100 * self.evidence_done) / self.evidence_expected


@dataclass
class Comparison:
    kind: str
    year: int
    sheet: object | None
    rows: list[CompareRow]

    @property
    def areas(self):
        return self.sheet.areas() if self.sheet else []

    def area_means(self) -> dict[str, tuple[Decimal, Decimal]]:
        n = len(self.rows)
        return {a.code: (sum((r.areas.get(a.code, (ZERO, ZERO))[0] for r in self.rows), ZERO) / n,
                         sum((r.areas.get(a.code, (ZERO, ZERO))[1] for r in self.rows), ZERO) / n)
                for a in self.areas} if n else {}

    @property
    def evidence_share(self) -> Decimal:
        expected = sum(r.evidence_expected for r in self.rows)
        done = sum(r.evidence_done for r in self.rows)
        return Decimal(100 * done) / expected if expected else ZERO


def evidence_keys(sheet) -> list[str]:
    """Items for which the worksheet expects evidence (entered items with an evidence text)."""
    return [i.key for i in sheet.items if i.evidence and not i.computed]


def compare(assessments, *, kind: str, year: int) -> Comparison:
    """Compare ``assessments`` (a queryset, already scoped to what the person may see) of
    ``kind`` in ``year``; last year's totals come with the same query."""
    current = {}
    previous = {}
    for a in (assessments.filter(kind=kind, year__in=(year - 1, year))
              .select_related("satker", "worksheet")
              .order_by("satker__code")):
        (current if a.year == year else previous)[a.satker_id] = a
    sheet = next(iter(current.values())).sheet if current else None
    keys = evidence_keys(sheet) if sheet else []
    sums = (Answer.objects.filter(assessment__in=[a.pk for a in current.values()])
            .values("assessment_id", "area")
            .annotate(mine=Sum("self_points"), theirs=Sum("evaluator_points"),
                      evidenced=Count("pk", filter=Q(evidence_count__gt=0,
                                                     item_key__in=keys)))
            .order_by())
    rows = {a.pk: CompareRow(a.satker, a, a.self_total or ZERO, a.evaluator_total or ZERO,
                             evidence_expected=len(keys)) for a in current.values()}
    for s in sums:
        row = rows[s["assessment_id"]]
        row.areas[s["area"]] = (s["mine"] or ZERO, s["theirs"] or ZERO)
        row.evidence_done += s["evidenced"]
    ordered = sorted(rows.values(), key=lambda r: (-r.evaluator_total, r.satker.code))
    for rank, row in enumerate(ordered, 1):
        row.rank = rank
        last = previous.get(row.satker.pk)
        row.previous_total = last.evaluator_total if last else None
        category = scoring.category_of(sheet, row.evaluator_total) if sheet else None
        row.category = category.code if category else ""
    return Comparison(kind=kind, year=year, sheet=sheet, rows=ordered)
