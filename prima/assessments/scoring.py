"""The scoring engine: pure functions over a ``Worksheet`` and a mapping of answers.

No HTTP, no ORM: item answers (as entered, text) → item values → sub-component scores → area
sums → component and total → category; and for the integrity zone the WBK/WBBM eligibility,
listing every requirement with the unit's value, the threshold and pass/fail.

Rules (reform-evaluation.md "Worksheet (LKE) answers and their value", integrity-zone.md):
- Ya/Tidak 1/0; A–C 1/0.5/0; A–D 1/0.67/0.33/0; A–E 1/0.75/0.5/0.25/0; a percentage is the
  fraction, capped at 1; numbers are formula inputs, not scored;
- a survey index on the 1–4 scale converts as ``index / 4 × weight`` (an ``index`` item's value
  is ``index / 4``, and its sub-component's weight multiplies it);
- a sub-component's score = mean of its scored items' values × its weight (an unanswered item
  counts 0); an area's score = sum of its sub-components; totals add up;
- categories of the RB index: a total strictly above a border reaches that category
  (AA > 90, A > 80, ... D from 0); scores are compared as shown, rounded to two decimals.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from . import formulas
from .worksheet import OPTION_VALUES, Category, Item, Worksheet

ZERO = Decimal(0)
ONE = Decimal(1)
CENT = Decimal("0.01")
INDEX_MIN, INDEX_MAX = Decimal(1), Decimal(4)
MAX_NUMBER = Decimal(10) ** 18
YES_WORDS = {"ya": "Ya", "y": "Ya", "yes": "Ya", "tidak": "Tidak", "t": "Tidak", "no": "Tidak",
             "n": "Tidak"}


class AnswerError(ValueError):
    """An answer that does not fit its item (the message says what is expected)."""


def rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_number(text) -> Decimal | None:
    """A number as offices type it ("85,5", "1.250.000" is not guessed: use plain digits)."""
    if text is None:
        return None
    if isinstance(text, int | float | Decimal) and not isinstance(text, bool):
        number = Decimal(str(text))
    else:
        cleaned = str(text).strip().replace(" ", "").rstrip("%")
        if not cleaned:
            return None
        if "," in cleaned and "." not in cleaned:
            cleaned = cleaned.replace(",", ".")
        try:
            number = Decimal(cleaned)
        except InvalidOperation:
            raise AnswerError(_("“%(text)s” bukan angka.") % {"text": text}) from None
    # Answers are stored as text of at most 40 characters; no worksheet needs larger numbers.
    if not number.is_finite() or abs(number) >= MAX_NUMBER:
        raise AnswerError(_("“%(text)s” bukan angka.") % {"text": text})
    return number


def normalise(item: Item, raw) -> str:
    """The stored form of an answer to ``item`` ("" for no answer); ``AnswerError`` when the
    answer does not fit the item's answer type."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return ""
    if item.computed:
        raise AnswerError(_("Butir %(n)s dihitung otomatis dan tidak diisi.") % {"n": item.number})
    if item.answer in OPTION_VALUES:
        text = str(raw).strip()
        codes = item.codes
        if item.answer == "yes_no":
            text = YES_WORDS.get(text.lower(), text)
        else:
            text = text.upper()
        if text not in codes:
            raise AnswerError(_("Jawaban butir %(n)s harus salah satu dari %(codes)s, bukan "
                                "“%(raw)s”.") % {"n": item.number, "codes": "/".join(codes),
                                                 "raw": raw})
        return text
    number = parse_number(raw)
    if item.answer == "percent" and number < 0:
        raise AnswerError(_("Persentase butir %(n)s tidak boleh negatif.") % {"n": item.number})
    if item.answer == "index" and not INDEX_MIN <= number <= INDEX_MAX:
        raise AnswerError(_("Indeks butir %(n)s harus antara 1 dan 4, bukan “%(raw)s”.")
                          % {"n": item.number, "raw": raw})
    stored = format(number.normalize(), "f")
    if len(stored) > 30:
        raise AnswerError(_("Angka butir %(n)s terlalu panjang.") % {"n": item.number})
    return stored


def item_value(item: Item, answer) -> Decimal | None:
    """The value (0–1) of one item's answer; ``None`` when unanswered or not scored."""
    if answer is None or answer == "" or not item.scored:
        return None
    if item.answer in OPTION_VALUES:
        return OPTION_VALUES[item.answer].get(str(answer))
    number = parse_number(answer)
    if number is None:
        return None
    if item.answer == "percent":  # the fraction, capped at 1
        return min(max(number / 100, ZERO), ONE)
    if item.answer == "index":  # survey index 1–4 → index / 4
        return min(max(number / 4, ZERO), ONE)
    return None


def survey_value(index: Decimal, weight: Decimal) -> Decimal:
    """A survey index on the 1–4 scale as points: ``index / 4 × weight``."""
    return Decimal(index) / 4 * Decimal(weight)


def ikm_index(ikm: Decimal | None) -> Decimal | None:
    """The satker's IKM (25–100) on the 1–4 index scale: IKM / 25."""
    return None if ikm is None else rounded(Decimal(ikm) / 25)


def with_computed(worksheet: Worksheet, answers: Mapping[str, str]) -> dict[str, str]:
    """``answers`` plus the answers of computed items (formulas over entered items)."""
    result = {k: v for k, v in answers.items() if v not in (None, "")}
    numbers: dict[str, Decimal | None] = {}
    for item in worksheet.items:
        if item.computed:
            continue
        try:
            numbers[item.key] = parse_number(result.get(item.key))
        except AnswerError:
            numbers[item.key] = None
    for item in worksheet.items:
        if item.computed:
            value = formulas.evaluate(item.formula, numbers)
            if value is None:
                result.pop(item.key, None)
            else:
                result[item.key] = format(rounded(value).normalize(), "f")
    return result


@dataclass(frozen=True)
class Score:
    """Every level of one worksheet's score; ``answers`` include computed items."""

    answers: dict[str, str]
    items: dict[str, Decimal | None]
    subcomponents: dict[str, Decimal]
    areas: dict[str, Decimal]
    components: dict[str, Decimal]
    total: Decimal
    category: Category | None = None
    answered: int = 0
    to_answer: int = 0
    area_answered: dict[str, tuple[int, int]] = field(default_factory=dict)


def category_of(worksheet: Worksheet, total: Decimal | None) -> Category | None:
    """The category whose border the (rounded) total is strictly above; the last from 0."""
    if total is None or not worksheet.categories:
        return None
    shown = rounded(total)
    for category in worksheet.categories:
        if category.above is None or shown > category.above:
            return category
    return None


def score(worksheet: Worksheet, answers: Mapping[str, str]) -> Score:
    """Score ``answers`` ({item key: stored answer}) on ``worksheet``."""
    full = with_computed(worksheet, answers)
    values = {item.key: item_value(item, full.get(item.key)) for item in worksheet.items}
    subs: dict[str, Decimal] = {}
    areas: dict[str, Decimal] = {}
    components: dict[str, Decimal] = {}
    area_answered: dict[str, tuple[int, int]] = {}
    answered = to_answer = 0
    for component in worksheet.components:
        component_total = ZERO
        for area in component.areas:
            area_total = ZERO
            done = needed = 0
            for sub in area.subcomponents:
                scored = sub.scored_items
                if scored:
                    mean = sum((values[i.key] or ZERO for i in scored), ZERO) / len(scored)
                    subs[sub.code] = mean * sub.weight
                else:
                    subs[sub.code] = ZERO
                area_total += subs[sub.code]
                for item in sub.items:
                    if not item.computed:
                        needed += 1
                        done += item.key in full
            areas[area.code] = area_total
            area_answered[area.code] = (done, needed)
            answered, to_answer = answered + done, to_answer + needed
            component_total += area_total
        components[component.code] = component_total
    total = sum(components.values(), ZERO)
    return Score(answers=full, items=values, subcomponents=subs, areas=areas,
                 components=components, total=total, category=category_of(worksheet, total),
                 answered=answered, to_answer=to_answer, area_answered=area_answered)


def points_per_item(worksheet: Worksheet, values: Mapping[str, Decimal | None]
                    ) -> dict[str, Decimal]:
    """Each scored item's share of the total: value × sub-component weight / scored items.

    Summing these per area gives the area score (the mean × weight rule, distributed), which
    lets the database add up many satkers in one aggregate query."""
    result = {}
    for _component, _area, sub, item in worksheet.walk():
        if item.scored:
            value = values.get(item.key)
            result[item.key] = (value or ZERO) * sub.weight / len(sub.scored_items)
    return result


# --- integrity-zone eligibility ------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    label: str
    value: Decimal | None
    threshold: Decimal | None
    passed: bool
    percent: bool = False  # value and threshold are fractions shown as percentages


@dataclass(frozen=True)
class Eligibility:
    code: str
    label: str
    eligible: bool
    checks: tuple[Check, ...]
    unconfirmed: bool = False


def eligibility(worksheet: Worksheet, result: Score, *, held: Iterable[str] = ()
                ) -> list[Eligibility]:
    """Every predicate of the worksheet (Menuju WBK, Menuju WBBM) with every requirement's
    value, threshold and pass/fail; a value exactly at its threshold passes (≥)."""
    held = set(held)
    out = []
    for predicate in worksheet.predicates:
        checks: list[Check] = []
        for req in predicate.requirements:
            if req.measure == "each_area_share":
                component = next(c for c in worksheet.components if c.code == req.ref)
                for area in component.areas:
                    share = (rounded(result.areas[area.code]) / area.weight
                             if area.weight else ZERO)
                    checks.append(Check(f"{req.label}: {area.title}", share, req.minimum,
                                        share >= req.minimum, percent=True))
                continue
            if req.measure == "predicate":
                checks.append(Check(req.label, None, None, req.ref in held))
                continue
            if req.measure == "total":
                value = rounded(result.total)
            elif req.measure == "component":
                value = rounded(result.components.get(req.ref))
            elif req.measure == "area":
                value = rounded(result.areas.get(req.ref))
            elif req.measure == "subcomponent":
                value = rounded(result.subcomponents.get(req.ref))
            else:  # raw: the entered figure (a survey index)
                try:
                    value = parse_number(result.answers.get(req.ref))
                except AnswerError:
                    value = None
            checks.append(Check(req.label, value, req.minimum,
                                value is not None and value >= req.minimum))
        out.append(Eligibility(predicate.code, predicate.label, all(c.passed for c in checks),
                               tuple(checks), predicate.unconfirmed))
    return out
