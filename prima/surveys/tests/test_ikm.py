"""The IKM formula, categories and sample sizes (domain/survey-ikm.md), reproduced exactly."""

from decimal import Decimal

import pytest

from prima.surveys import ikm
from prima.surveys.models import Response

from .factories import bulk_responses, make_survey


def nrr_all(value) -> dict:
    return {e.code: Decimal(value) for e in ikm.ELEMENTS}


def test_all_fours_give_exactly_100():
    result = ikm.Result(n=1, nrr=nrr_all(4))
    assert result.ikm == Decimal(4)
    assert result.ikm_display == Decimal("100.00")
    assert result.category == "A"


def test_printed_weight_option_gives_99_90(settings):
    settings.PRIMA_SURVEYS_WEIGHTS = "printed"
    assert ikm.Result(n=1, nrr=nrr_all(4)).ikm_display == Decimal("99.90")


@pytest.mark.parametrize(("value", "grade"), [
    ("25.00", "D"), ("64.99", "D"), ("65.00", "C"), ("76.60", "C"), ("76.61", "B"),
    ("88.30", "B"), ("88.31", "A"), ("100.00", "A"),
    # Graded after rounding to 2 decimals (the rule's "round, then").
    ("64.994", "D"), ("64.995", "C"), ("76.6049", "C"), ("88.305", "A"),
])
def test_category_borders(value, grade):
    assert ikm.category(Decimal(value)) == grade


@pytest.mark.parametrize(("population", "sample"), [
    (10, 10), (50, 44), (100, 80), (300, 169), (1000, 278), (2000, 322), (10_000, 370),
    (1_000_000, 384), (10_000_000, 384),
])
def test_krejcie_morgan(population, sample):
    assert ikm.krejcie_morgan(population) == sample


def test_nrr_keeps_full_precision():
    # Three respondents answer 4, 4, 3 on every element: NRR 11/3, IKM_100 91.666... -> 91.67.
    result = ikm.Result.from_totals(
        {"n": 3, **{f"s_{e.field}": 11 for e in ikm.ELEMENTS},
         **{f"c_{e.field}": 3 for e in ikm.ELEMENTS}})
    assert result.nrr["U1"] == Decimal(11) / Decimal(3)
    assert result.ikm_display == Decimal("91.67")
    assert result.category == "A"


def test_worked_example_from_the_database(tree, people):
    """Two respondents; U1 scores 4 and 2 (NRR 3), other elements 3 and 3: IKM 3 -> 75.00 C."""
    survey = make_survey(tree.jepara, people.head)
    bulk_responses(survey, [(4, 3, 3, 3, 3, 3, 3, 3, 3), (2, 3, 3, 3, 3, 3, 3, 3, 3)])
    result = ikm.compute(Response.objects.filter(survey=survey))
    assert result.n == 2
    assert result.nrr["U1"] == Decimal(3)
    assert result.ikm_display == Decimal("75.00")
    assert result.category == "C"
    assert ikm.satker_ikm(tree.jepara, 2020, 1) == Decimal("75.00")
    assert ikm.satker_ikm(tree.jepara, 2020) == Decimal("75.00")
    assert ikm.satker_ikm(tree.jepara, 2020, 2) is None
    assert ikm.satker_ikm(tree.kudus, 2020, 1) is None


def test_ranked_puts_the_weakest_first(tree, people):
    survey = make_survey(tree.jepara, people.head)
    bulk_responses(survey, [(4, 4, 2, 4, 4, 4, 4, 3, 4)])
    ranked = ikm.compute(Response.objects.filter(survey=survey)).ranked()
    assert [e.code for e, _v in ranked[:2]] == ["U3", "U8"]


def test_national_rollup_mean_and_weighted(tree, people):
    jepara = make_survey(tree.jepara, people.head)
    kudus = make_survey(tree.kudus, people.head)
    bogor = make_survey(tree.bogor, people.head)
    bulk_responses(jepara, [(4,) * 9])  # 100.00, 1 respondent
    bulk_responses(kudus, [(2,) * 9] * 3)  # 50.00, 3 respondents
    bulk_responses(bogor, [(3,) * 9])  # 75.00
    data = ikm.national_rollup(2020, 1)
    assert [u.code for u in data["units"]] == ["32.01", "33.19", "33.20"]
    national = data["national"]
    assert national.mean_display == Decimal("75.00")
    assert national.weighted_display == Decimal("65.00")  # (100 + 150 + 75) / 5
    jateng = next(p for p in data["provinces"] if p.code == "33")
    assert (jateng.mean_display, jateng.weighted_display) == (Decimal("75.00"),
                                                              Decimal("62.50"))
    assert jateng.name == "KPU Provinsi Jawa Tengah"


def test_rollup_asks_a_fixed_number_of_queries(tree, people, django_assert_max_num_queries):
    for satker in (tree.jepara, tree.kudus, tree.bogor):
        bulk_responses(make_survey(satker, people.head), [(3,) * 9])
    with django_assert_max_num_queries(2):
        ikm.national_rollup(2020, 1)
