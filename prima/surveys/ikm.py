"""The IKM (indeks kepuasan masyarakat), PermenPANRB 14/2017 (domain/survey-ikm.md "Formula").

    NRR_i   = sum of scores for element i / number of answers to element i   (1..4)
    IKM     = sum over i of NRR_i x w_i, w_i = 1/9 (or the printed 0.111)     (1..4)
    IKM_100 = IKM x 25                                                        (25..100)

The database adds the scores up (one SUM and one COUNT per element, grouped as asked); only the
handful of totals reach Python, where the divisions are done in Decimal so that all-4 answers
give exactly 100.00. NRR and IKM keep full precision; only what is displayed is rounded.

``satker_ikm(satker, year, quarter=None)`` is the entry point other apps call.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, QuerySet, Sum

from prima.core import rollup

from .choices import Category
from .elements import ELEMENTS, weights

CENT = Decimal("0.01")
SCALE = Decimal(25)  # IKM (1..4) x 25 = IKM_100 (25..100)

# Category borders on the IKM_100 rounded to 2 decimals (domain/survey-ikm.md "Categories"):
# < 65.00 -> D; < 76.61 -> C; < 88.31 -> B; else A.
BORDERS: tuple[tuple[Decimal, str], ...] = (
    (Decimal("65.00"), Category.D),
    (Decimal("76.61"), Category.C),
    (Decimal("88.31"), Category.B),
)



def method_note() -> str:
    """The method, as stated on reports: the formula, the weights in use, the roll-up."""
    from django.conf import settings
    from django.utils.translation import gettext as _

    weight = ("0,111" if settings.PRIMA_SURVEYS_WEIGHTS == "printed"
              else _("1/9 tepat"))
    return _("IKM = Σ (NRR unsur × bobot %(weight)s) × 25 (PermenPANRB 14/2017); kategori "
             "dari IKM yang dibulatkan 2 desimal. Gabungan wilayah: rata-rata IKM satuan "
             "kerja, dengan angka tertimbang jumlah responden di sampingnya.") % {
                 "weight": weight}


def display(value: Decimal | None) -> Decimal | None:
    """A figure rounded half up to 2 decimals for display."""
    return None if value is None else value.quantize(CENT, rounding=ROUND_HALF_UP)


def category(ikm_100: Decimal | None) -> str | None:
    """The quality category (mutu pelayanan) of an IKM_100: rounded to 2 decimals first, then
    graded (domain/survey-ikm.md "Rule: round IKM_100 to 2 decimals, then ...")."""
    if ikm_100 is None:
        return None
    rounded = display(Decimal(ikm_100))
    for border, grade in BORDERS:
        if rounded < border:
            return grade
    return Category.A


def aggregates(prefix: str = "") -> dict:
    """The aggregate expressions: respondents, and per element the sum and count of scores."""
    result = {"n": Count(f"{prefix}pk")}
    for element in ELEMENTS:
        result[f"s_{element.field}"] = Sum(f"{prefix}{element.field}")
        result[f"c_{element.field}"] = Count(f"{prefix}{element.field}")
    return result


@dataclass(frozen=True)
class Result:
    """The IKM of a set of responses."""

    n: int
    nrr: dict[str, Decimal | None] = field(default_factory=dict)  # element code -> 1..4

    @classmethod
    def from_totals(cls, row: Mapping) -> Result:
        nrr = {}
        for element in ELEMENTS:
            answers = row.get(f"c_{element.field}") or 0
            total = row.get(f"s_{element.field}") or 0
            nrr[element.code] = (Decimal(int(total)) / Decimal(int(answers))
                                 if answers else None)
        return cls(n=int(row.get("n") or 0), nrr=nrr)

    @property
    def ikm(self) -> Decimal | None:
        """IKM on the 1..4 scale, unrounded."""
        return ikm_from_nrr(self.nrr)

    @property
    def ikm_100(self) -> Decimal | None:
        value = self.ikm
        return None if value is None else value * SCALE

    @property
    def ikm_display(self) -> Decimal | None:
        return display(self.ikm_100)

    @property
    def category(self) -> str | None:
        return category(self.ikm_100)

    def nrr_100(self) -> dict[str, Decimal | None]:
        return {code: None if v is None else v * SCALE for code, v in self.nrr.items()}

    def ranked(self) -> list[tuple[object, Decimal]]:
        """(element, NRR) pairs, the weakest first (ties in element order)."""
        pairs = [(e, self.nrr[e.code]) for e in ELEMENTS if self.nrr.get(e.code) is not None]
        return sorted(pairs, key=lambda pair: pair[1])


def ikm_from_nrr(nrr: Mapping[str, Decimal | None]) -> Decimal | None:
    """Σ NRR_i × w_i over the elements; exact weights (``None``) divide by the number of
    elements. ``None`` when an element has no answer."""
    if not nrr or any(nrr.get(e.code) is None for e in ELEMENTS):
        return None
    chosen = weights()
    if all(w is None for w in chosen.values()):
        return sum((nrr[e.code] for e in ELEMENTS), Decimal(0)) / Decimal(len(ELEMENTS))
    return sum((nrr[e.code] * (chosen[e.code] or Decimal(1) / len(ELEMENTS))
                for e in ELEMENTS), Decimal(0))


def compute(responses: QuerySet) -> Result:
    """The IKM of a queryset of responses, in one aggregate query."""
    return Result.from_totals(responses.order_by().aggregate(**aggregates()))


def compute_by(responses: QuerySet, group: str) -> dict[object, Result]:
    """The IKM per value of ``group`` (e.g. ``"service"``, ``"satker"``), one query."""
    rows = responses.order_by().values(group).annotate(**aggregates())
    return {row[group]: Result.from_totals(row) for row in rows}


def period_filter(year: int, quarter: int | None = None,
                  quarters: Iterable[int] | None = None) -> dict:
    result: dict = {"year": year}
    if quarter is not None:
        result["quarter"] = quarter
    elif quarters is not None:
        result["quarter__in"] = list(quarters)
    return result


def satker_ikm(satker, year: int, quarter: int | None = None) -> Decimal | None:
    """IKM_100 (25..100, rounded to 2 decimals) of the satker's responses in that year (and
    quarter); ``None`` without responses. Other apps (the reform indicators) call this."""
    from .models import Response

    result = compute(Response.objects.filter(satker=satker, **period_filter(year, quarter)))
    return result.ikm_display


def krejcie_morgan(population: int) -> int:
    """Recommended sample size (Krejcie & Morgan): n = X² N P(1-P) / (d² (N-1) + X² P(1-P)),
    X² = 3.841, P = 0.5, d = 0.05, rounded to the nearest integer (domain/survey-ikm.md
    "Sample size"; that the regulation prescribes it is UNCONFIRMED, it is the common table)."""
    if population <= 0:
        return 0
    chi2, share, margin = Decimal("3.841"), Decimal("0.5"), Decimal("0.05")
    spread = share * (1 - share)
    n = (chi2 * population * spread) / (margin * margin * (population - 1) + chi2 * spread)
    return int(n.quantize(Decimal(1), rounding=ROUND_HALF_UP))


# --- roll-up -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One satker's IKM in a period (a unit of ``core.rollup``)."""

    code: str
    name: str
    n: int
    ikm_100: Decimal | None


@dataclass(frozen=True)
class GroupFigure:
    """A roll-up group: the mean of its units' IKM (the method) beside the respondent-weighted
    figure (the group as if it were one satker)."""

    code: str
    name: str
    units: int
    respondents: int
    mean: Decimal | None
    weighted: Decimal | None

    @property
    def mean_display(self):
        return display(self.mean)

    @property
    def weighted_display(self):
        return display(self.weighted)

    @property
    def category(self):
        return category(self.mean)


def satker_units(year: int, quarter: int | None = None) -> list[Unit]:
    """Every satker with responses in the period and its IKM, in one grouped query."""
    from .models import Response

    rows = (Response.objects.filter(**period_filter(year, quarter)).order_by()
            .values("satker__code", "satker__name").annotate(**aggregates()))
    units = []
    for row in rows:
        result = Result.from_totals(row)
        units.append(Unit(row["satker__code"], row["satker__name"], result.n, result.ikm_100))
    return sorted(units, key=lambda u: u.code)


def _figure(group: rollup.Group, name: str) -> GroupFigure:
    return GroupFigure(code=group.code, name=name, units=len(group),
                       respondents=group.total("n"), mean=group.mean("ikm_100"),
                       weighted=group.weighted("ikm_100", "n"))


def national_rollup(year: int, quarter: int | None = None) -> dict:
    """The national IKM and one figure per province (core.rollup): the mean of the units' IKM
    and, beside it, the figure weighted by respondents."""
    from prima.organisations.models import Satker

    units = satker_units(year, quarter)
    names = dict(Satker.objects.filter(code__in={rollup.province_code(u.code) for u in units
                                                 if u.code != "0"})
                 .values_list("code", "name"))
    provinces = rollup.by_province(units)
    return {
        "units": units,
        "national": _figure(rollup.national(units), "Nasional"),
        "provinces": [_figure(group, names.get(code, code))
                      for code, group in sorted(provinces.items())],
    }
