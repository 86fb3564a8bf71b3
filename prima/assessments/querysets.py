"""Reads over many assessments: the comparison of the satkers below a province (or of the
provinces below KPU RI), with area scores, the self/evaluator gap, last year's total and the
evidence completeness, in two queries whatever the number of satkers (the database adds the
per-item points up; reform-evaluation.md: KPU RI compares units)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Field, Q, Sum

from . import scoring
from . import worksheet as ws
from .choices import Status
from .models import Answer, WorksheetVersion

ZERO = Decimal(0)


@dataclass(frozen=True)
class SatkerRef:
    pk: int
    code: str
    name: str
    parent_id: int | None


@dataclass(frozen=True)
class AssessmentRef:
    """What the comparison shows of an assessment (read as plain values, not model rows)."""

    pk: int
    status: str

    def get_status_display(self) -> str:
        return str(Status(self.status).label)


@dataclass
class CompareRow:
    satker: object
    assessment: AssessmentRef
    self_total: Decimal
    evaluator_total: Decimal
    areas: dict[str, tuple] = field(default_factory=dict)  # {area: (self, evaluator)}
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

    def area_means(self) -> dict[str, tuple[float, float]]:
        n = len(self.rows)
        return {a.code: (sum(float(r.areas.get(a.code, (0, 0))[0]) for r in self.rows) / n,
                         sum(float(r.areas.get(a.code, (0, 0))[1]) for r in self.rows) / n)
                for a in self.areas} if n else {}

    @property
    def evidence_share(self) -> Decimal:
        expected = sum(r.evidence_expected for r in self.rows)
        done = sum(r.evidence_done for r in self.rows)
        return Decimal(100 * done) / expected if expected else ZERO


class DriverValue(Field):
    """An aggregate's value exactly as the database driver returns it (int, float or Decimal),
    without Django's per-row converter: over thousands of (satker, area) rows the conversion
    costs more than the aggregate itself (bench/assessments_scoring.py)."""

    def get_internal_type(self) -> str:
        return "DriverValue"


# Only what the comparison shows: a worksheet's stored content is loaded once, not per row.
FIELDS = ("id", "satker_id", "year", "status", "self_total", "evaluator_total", "worksheet_id",
          "satker__code", "satker__name", "satker__parent_id", "worksheet__key",
          "worksheet__sha256")


def sheet_of(values: dict):
    """The worksheet of a stored version: the shipped file when its content is the same,
    else the stored content (one more query, only for an older version)."""
    shipped = ws.get(values["worksheet__key"])
    if shipped is not None and shipped.sha256 == values["worksheet__sha256"]:
        return shipped
    return WorksheetVersion.objects.get(pk=values["worksheet_id"]).sheet


def evidence_keys(sheet) -> list[str]:
    """Items for which the worksheet expects evidence (entered items with an evidence text)."""
    return [i.key for i in sheet.items if i.evidence and not i.computed]


def compare(assessments, *, kind: str, year: int) -> Comparison:
    """Compare ``assessments`` (a queryset, already scoped to what the person may see) of
    ``kind`` in ``year``; last year's totals come with the same query. Area scores are floats
    (shown rounded); totals are the stored decimals."""
    current, previous = {}, {}
    for a in (assessments.filter(kind=kind, year__in=(year - 1, year))
              .order_by("satker__code").values(*FIELDS)):
        (current if a["year"] == year else previous)[a["satker_id"]] = a
    sheet = sheet_of(next(iter(current.values()))) if current else None
    keys = evidence_keys(sheet) if sheet else []
    sums = (Answer.objects.filter(assessment__in=[a["id"] for a in current.values()])
            .values_list("assessment_id", "area")
            .annotate(mine=Sum("self_points", output_field=DriverValue()),
                      theirs=Sum("evaluator_points", output_field=DriverValue()),
                      evidenced=Count("pk", filter=Q(evidence_count__gt=0,
                                                     item_key__in=keys),
                                      output_field=DriverValue()))
            .order_by())
    rows = {}
    for a in current.values():
        satker = SatkerRef(a["satker_id"], a["satker__code"], a["satker__name"],
                           a["satker__parent_id"])
        rows[a["id"]] = CompareRow(satker, AssessmentRef(a["id"], a["status"]),
                                   a["self_total"] or ZERO, a["evaluator_total"] or ZERO,
                                   evidence_expected=len(keys))
    for assessment_id, area, mine, theirs, evidenced in sums:
        row = rows[assessment_id]
        # Driver values: floats on SQLite, decimals on PostgreSQL (shown rounded either way).
        row.areas[area] = (mine or 0, theirs or 0)
        row.evidence_done += evidenced or 0
    ordered = sorted(rows.values(), key=lambda r: (-r.evaluator_total, r.satker.code))
    for rank, row in enumerate(ordered, 1):
        row.rank = rank
        last = previous.get(row.satker.pk)
        row.previous_total = last["evaluator_total"] if last else None
        category = scoring.category_of(sheet, row.evaluator_total) if sheet else None
        row.category = category.code if category else ""
    return Comparison(kind=kind, year=year, sheet=sheet, rows=ordered)
