from decimal import Decimal as D

import pytest

from prima.reform.achievement import (
    expected_fraction,
    indicator_achievement,
    percent,
    state_for,
    weighted_mean,
)
from prima.reform.choices import Direction, ProgressState

H, L = Direction.HIGHER, Direction.LOWER


@pytest.mark.parametrize(("realisation", "target", "expected"), [
    (D(50), D(100), D("0.5000")),
    (D(1), D(3), D("0.3333")),
    (D(2), D(3), D("0.6667")),  # half-up rounding to 4 places
    (D(100), D(100), D("1.0000")),
    (D(0), D(100), D("0.0000")),
], ids=["half", "third", "two-thirds", "met", "nothing"])
def test_higher_is_better_is_realisation_over_target(realisation, target, expected):
    assert indicator_achievement(direction=H, baseline=None, target=target,
                                 realisation=realisation) == expected


def test_over_achievement_is_capped_by_default_and_uncapped_on_request():
    assert indicator_achievement(direction=H, target=D(80), realisation=D(100)) == D("1.0000")
    assert indicator_achievement(direction=H, target=D(80), realisation=D(100),
                                 cap=None) == D("1.2500")
    assert indicator_achievement(direction=H, target=D(80), realisation=D(100),
                                 cap=D("1.2")) == D("1.2000")


def test_cap_comes_from_settings(settings):
    settings.PRIMA_REFORM_ACHIEVEMENT_CAP = D("1.5")
    assert indicator_achievement(direction=H, target=D(10), realisation=D(30)) == D("1.5000")
    settings.PRIMA_REFORM_ACHIEVEMENT_CAP = None
    assert indicator_achievement(direction=H, target=D(10), realisation=D(30)) == D("3.0000")


@pytest.mark.parametrize(("realisation", "target", "expected"), [
    (D(5), D(3), D("0.6000")),   # service takes 5 days, target 3 days
    (D(3), D(3), D("1.0000")),
    (D(2), D(3), D("1.0000")),   # better than target, capped
    (D(6), D(3), D("0.5000")),
], ids=["slower", "on-target", "faster", "twice-as-slow"])
def test_lower_is_better_is_target_over_realisation(realisation, target, expected):
    assert indicator_achievement(direction=L, baseline=D(7), target=target,
                                 realisation=realisation) == expected


def test_lower_is_better_uncapped_shows_over_achievement():
    assert indicator_achievement(direction=L, target=D(3), realisation=D(2),
                                 cap=None) == D("1.5000")


def test_lower_is_better_with_zero_realisation_is_full_achievement():
    assert indicator_achievement(direction=L, target=D(2), realisation=D(0)) == D("1.0000")
    assert indicator_achievement(direction=L, target=D(0), realisation=D(0)) == D("1.0000")


def test_lower_is_better_with_zero_target_and_positive_realisation_is_zero():
    assert indicator_achievement(direction=L, target=D(0), realisation=D(4)) == D("0.0000")


def test_higher_is_better_with_zero_target_is_met_by_any_non_negative_realisation():
    assert indicator_achievement(direction=H, target=D(0), realisation=D(0)) == D("1.0000")
    assert indicator_achievement(direction=H, target=D(0), realisation=D(3)) == D("1.0000")


@pytest.mark.parametrize("baseline", [None, D(0), D(40)], ids=["none", "zero", "forty"])
def test_baseline_is_informative_only(baseline):
    assert indicator_achievement(direction=H, baseline=baseline, target=D(80),
                                 realisation=D(60)) == D("0.7500")


def test_missing_realisation_or_target_is_none_not_zero():
    assert indicator_achievement(direction=H, target=D(10), realisation=None) is None
    assert indicator_achievement(direction=L, target=None, realisation=D(3)) is None


def test_accepts_ints_strings_and_floats_as_decimals():
    assert indicator_achievement(direction=H, target=3, realisation="1") == D("0.3333")
    assert indicator_achievement(direction=H, target=0.3, realisation=0.1) == D("0.3333")


def test_weighted_mean_uses_weights():
    assert weighted_mean([(D(1), D("1.0")), (D(3), D("0.5"))]) == D("0.6250")


def test_weighted_mean_ignores_missing_values_and_zero_weights():
    assert weighted_mean([(1, D("0.8")), (5, None), (0, D("0.1"))]) == D("0.8000")


def test_weighted_mean_of_nothing_is_none():
    assert weighted_mean([]) is None
    assert weighted_mean([(1, None), (2, None)]) is None


def test_missing_quarters_do_not_count_as_zero_in_a_roll_up():
    # Three indicators, one without a realisation this quarter: the mean is of the other two.
    values = [indicator_achievement(direction=H, target=D(100), realisation=r)
              for r in (D(40), D(60), None)]
    assert values[2] is None
    assert weighted_mean([(1, v) for v in values]) == D("0.5000")


def test_weights_at_three_levels_roll_up():
    # activity A: indicators 0.5 (w1) and 1.0 (w3) → 0.875; activity B: 0.2
    activity_a = weighted_mean([(1, D("0.5")), (3, D("1.0"))])
    activity_b = weighted_mean([(1, D("0.2"))])
    assert activity_a == D("0.8750")
    area_1 = weighted_mean([(2, activity_a), (1, activity_b)])  # activity weights 2 and 1
    assert area_1 == D("0.6500")
    area_2 = D("0.9000")
    assert weighted_mean([(D("1.5"), area_1), (D("0.5"), area_2)]) == D("0.7125")


@pytest.mark.parametrize(("quarter", "expected"), [(1, D("0.2500")), (2, D("0.5000")),
                                                   (3, D("0.7500")), (4, D("1.0000"))])
def test_expected_fraction_without_quarterly_targets_is_quarter_over_four(quarter, expected):
    assert expected_fraction(direction=H, target=D(100), quarter=quarter) == expected


def test_expected_fraction_uses_the_quarterly_target():
    assert expected_fraction(direction=H, target=D(100), quarter=1,
                             quarter_target=D(10)) == D("0.1000")
    assert expected_fraction(direction=H, target=D(100), quarter=2,
                             quarter_target=D(0)) == D("0.0000")


def test_expected_fraction_of_lower_is_better_uses_the_inverse():
    # yearly target 3 days, quarter 1 target 6 days: expected 0.5 of the way
    assert expected_fraction(direction=L, target=D(3), quarter=1,
                             quarter_target=D(6)) == D("0.5000")


def test_expected_fraction_rejects_a_fifth_quarter():
    with pytest.raises(ValueError):
        expected_fraction(direction=H, target=D(1), quarter=5)


@pytest.mark.parametrize(("achievement", "expected", "state"), [
    (None, D("0.5"), ProgressState.NOT_STARTED),
    (D("0.5"), D("0.5"), ProgressState.ON_TRACK),
    (D("0.4"), D("0.5"), ProgressState.ON_TRACK),      # exactly 0.8 of expected
    (D("0.39"), D("0.5"), ProgressState.AT_RISK),
    (D("0.25"), D("0.5"), ProgressState.AT_RISK),      # exactly 0.5 of expected
    (D("0.24"), D("0.5"), ProgressState.LATE),
    (D("0"), D("0"), ProgressState.ON_TRACK),          # nothing expected yet
], ids=["no-data", "as-expected", "at-80pct", "below-80pct", "at-50pct", "below-50pct",
        "nothing-expected"])
def test_state_for_thresholds(achievement, expected, state):
    assert state_for(achievement, expected) == state


def test_state_thresholds_are_configurable(settings):
    settings.PRIMA_REFORM_AT_RISK = D("0.95")
    settings.PRIMA_REFORM_LATE = D("0.9")
    assert state_for(D("0.46"), D("0.5")) == ProgressState.AT_RISK
    assert state_for(D("0.44"), D("0.5")) == ProgressState.LATE


def test_percent_for_display():
    assert percent(D("0.81254")) == D("81.3")
    assert percent(None) is None
