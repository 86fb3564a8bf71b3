"""Achievement of success indicators and its roll-up: pure functions on plain numbers.

The rule (domain reform-evaluation.md): "achievement = realisation / target (for 'lower is
better' indicators, the inverse), capped for roll-ups at 100% unless configured otherwise".
The choices made where the rule is silent, each unit-tested in tests/test_achievement.py:

- **Realisation is the position reached by the end of the quarter** (cumulative), measured
  against the *yearly* target. A quarter's achievement is therefore "how far towards the year's
  target", and the state (on track / at risk / late) compares it with how far the plan itself
  expected to be by then (``expected_fraction``).
- **Higher is better**: ``realisation / target``. A target of 0 is met by any realisation
  ``>= 0`` (achievement 1): "keep it at zero or above" cannot be failed by a non-negative count.
- **Lower is better**: ``target / realisation``. A realisation of 0 (or below) is full
  achievement (1) whenever the target is ``>= 0``: nothing can be lower than the best value.
- **Baseline** is informative only (shown beside the target, copied to next year's plan); the
  achievement does not measure progress from the baseline, so a baseline of 0 (or none) changes
  nothing. Progress-from-baseline would make an unchanged value score 0 and a target equal to
  the baseline undefined, which is not how offices read "realisasi / target".
- **Missing data** (no report for the quarter, or no value for the indicator) gives ``None``:
  it is left out of every mean, never counted as zero.
- **Cap**: roll-ups use the capped value (``settings.PRIMA_REFORM_ACHIEVEMENT_CAP``, default 1)
  so that over-achieving one indicator does not hide another that lags; the uncapped value is
  still shown per indicator. ``cap=None`` means no cap.
- **Weights** at indicator, activity and area level: ``weighted_mean`` of the items that have a
  value; weight 0 leaves an item out.
- Decimal arithmetic, results rounded half-up to 4 decimal places.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings

from .choices import Direction, ProgressState

PLACES = Decimal("0.0001")
ZERO = Decimal(0)
ONE = Decimal(1)
_CONFIGURED = object()  # "use the configured cap"


def quantize(value: Decimal) -> Decimal:
    return value.quantize(PLACES, rounding=ROUND_HALF_UP)


def to_decimal(value) -> Decimal | None:
    """``value`` as a Decimal (floats through their text form), ``None`` for no value."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"Not a number: {value!r}") from exc


def configured_cap() -> Decimal | None:
    cap = getattr(settings, "PRIMA_REFORM_ACHIEVEMENT_CAP", ONE)
    return None if cap is None else to_decimal(cap)


def _ratio(direction: str, target: Decimal, realisation: Decimal) -> Decimal:
    if direction == Direction.LOWER:
        if realisation <= 0:
            return ONE if target >= 0 else ZERO
        return max(target / realisation, ZERO)
    if target == 0:
        return ONE if realisation >= 0 else ZERO
    return max(realisation / target, ZERO)


def indicator_achievement(*, direction: str, baseline=None, target, realisation,
                          cap=_CONFIGURED) -> Decimal | None:
    """The achievement of one indicator as a fraction (1 = 100%), or ``None`` without data.

    ``baseline`` is accepted for the record and deliberately not used (see the module notes).
    ``cap`` defaults to ``settings.PRIMA_REFORM_ACHIEVEMENT_CAP``; ``None`` leaves it uncapped.
    """
    del baseline  # informative only
    realisation = to_decimal(realisation)
    target = to_decimal(target)
    if realisation is None or target is None:
        return None
    value = _ratio(direction, target, realisation)
    if cap is _CONFIGURED:
        cap = configured_cap()
    if cap is not None:
        value = min(value, to_decimal(cap))
    return quantize(value)


def expected_fraction(*, direction: str, target, quarter: int, quarter_target=None) -> Decimal:
    """How far towards the yearly target the plan expects to be at the end of ``quarter``.

    With a quarterly target: the achievement that target itself would give (so a plan that
    reaches its own quarterly target is exactly "as expected"); without one: ``quarter / 4``.
    Never above 1.
    """
    if not 1 <= int(quarter) <= 4:
        raise ValueError(f"Quarter must be 1..4, not {quarter!r}")
    quarter_target = to_decimal(quarter_target)
    target = to_decimal(target)
    if quarter_target is None or target is None:
        return quantize(Decimal(int(quarter)) / 4)
    return quantize(min(_ratio(direction, target, quarter_target), ONE))


def weighted_mean(items: Iterable[tuple[object, object]]) -> Decimal | None:
    """Mean of the values weighted by their weights; ``None`` values and zero weights are
    left out; ``None`` when nothing is left."""
    total_weight = ZERO
    total = ZERO
    for weight, value in items:
        if value is None:
            continue
        # Fast path for the Decimals that the ORM and this module produce.
        if type(weight) is not Decimal:
            weight = to_decimal(weight) or ZERO
        if weight <= 0:
            continue
        if type(value) is not Decimal:
            value = to_decimal(value)
        total_weight += weight
        total += weight * value
    if total_weight == 0:
        return None
    return quantize(total / total_weight)


def thresholds() -> tuple[Decimal, Decimal]:
    """(at risk, late) as fractions of the expected achievement, from the settings."""
    at_risk = to_decimal(getattr(settings, "PRIMA_REFORM_AT_RISK", "0.8"))
    late = to_decimal(getattr(settings, "PRIMA_REFORM_LATE", "0.5"))
    return at_risk, late


def state_for(achievement, expected_fraction) -> str:
    """On track when the achievement reaches ``PRIMA_REFORM_AT_RISK`` (0.8) of what was
    expected by now, at risk from ``PRIMA_REFORM_LATE`` (0.5) of it, late below that; no data is
    "not started". Nothing expected yet (0) is on track."""
    achievement = to_decimal(achievement)
    if achievement is None:
        return ProgressState.NOT_STARTED
    expected = to_decimal(expected_fraction)
    if expected is None or expected <= 0:
        return ProgressState.ON_TRACK
    at_risk, late = thresholds()
    ratio = achievement / expected
    if ratio >= at_risk:
        return ProgressState.ON_TRACK
    if ratio >= late:
        return ProgressState.AT_RISK
    return ProgressState.LATE


def percent(value) -> Decimal | None:
    """A fraction as a percentage with one decimal (0.8125 → 81.3), for display and exports."""
    value = to_decimal(value)
    if value is None:
        return None
    return (value * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
