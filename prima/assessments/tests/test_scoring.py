"""The scoring engine (pure): value tables, means × weights, sums, categories, WBK/WBBM."""

from decimal import Decimal

import pytest

from prima.assessments import scoring
from prima.assessments import worksheet as ws

from .test_worksheet import GOOD

D = Decimal


@pytest.fixture
def mini():
    return ws.parse_worksheet(GOOD)


@pytest.fixture
def zi():
    return ws.get("lke-zi-90-2021")


@pytest.mark.parametrize(("answer", "raw", "value"), [
    ("yes_no", "Ya", D(1)), ("yes_no", "Tidak", D(0)),
    ("abc", "A", D(1)), ("abc", "B", D("0.5")), ("abc", "C", D(0)),
    ("abcd", "A", D(1)), ("abcd", "B", D("0.67")), ("abcd", "C", D("0.33")), ("abcd", "D", D(0)),
    ("abcde", "A", D(1)), ("abcde", "B", D("0.75")), ("abcde", "C", D("0.5")),
    ("abcde", "D", D("0.25")), ("abcde", "E", D(0)),
    ("percent", "85", D("0.85")), ("percent", "120", D(1)), ("percent", "0", D(0)),
    ("index", "3.2", D("0.8")), ("index", "4", D(1)),
    ("number", "1250000", None),
])
def test_each_answer_type_has_its_value(answer, raw, value):
    item = ws.Item(key="x", number="1", text="x", answer=answer)
    assert scoring.item_value(item, raw) == value


@pytest.mark.parametrize(("answer", "raw", "stored"), [
    ("yes_no", "ya", "Ya"), ("yes_no", " TIDAK ", "Tidak"), ("abcd", "b", "B"),
    ("percent", "85,5", "85.5"), ("index", "3,60", "3.6"), ("number", "1250000", "1250000"),
    ("abcd", "", "")])
def test_answers_are_normalised(answer, raw, stored):
    item = ws.Item(key="x", number="1", text="x", answer=answer)
    assert scoring.normalise(item, raw) == stored


@pytest.mark.parametrize(("answer", "raw", "message"), [
    ("abcd", "E", "harus salah satu dari A/B/C/D"), ("yes_no", "mungkin", "Ya/Tidak"),
    ("index", "5", "antara 1 dan 4"), ("percent", "-1", "tidak boleh negatif"),
    ("number", "banyak", "bukan angka"), ("number", "1e50", "bukan angka"),
    ("percent", "NaN", "bukan angka"),
    ("number", "0.000000000000001234567890123456789", "terlalu panjang")])
def test_bad_answers_are_refused(answer, raw, message):
    item = ws.Item(key="x", number="1", text="x", answer=answer)
    with pytest.raises(scoring.AnswerError, match=message):
        scoring.normalise(item, raw)


def test_sub_component_is_mean_times_weight_and_areas_sum(mini):
    result = scoring.score(mini, {"a": "Ya", "b": "C", "d": "30", "e": "40"})
    # Sub 1: mean(1, 0.33) × 4 = 2.66; sub 2: computed 75% → 0.75 × 6 = 4.5.
    assert result.answers["c"] == "75"
    assert result.subcomponents == {"P1.1": D("2.66"), "P1.2": D("4.5")}
    assert result.areas["P1"] == D("7.16")
    assert result.total == D("7.16")
    assert result.category.code == "A"
    assert (result.answered, result.to_answer) == (4, 4)


def test_unanswered_items_count_zero_and_missing_inputs_leave_formula_empty(mini):
    result = scoring.score(mini, {"a": "Ya", "d": "30"})
    assert result.subcomponents["P1.1"] == D(2)
    assert "c" not in result.answers and result.subcomponents["P1.2"] == 0
    assert (result.answered, result.to_answer) == (2, 4)


def test_division_by_zero_in_formula_is_unanswered(mini):
    assert "c" not in scoring.score(mini, {"d": "3", "e": "0"}).answers


@pytest.mark.parametrize(("total", "code"), [
    ("100", "AA"), ("90.01", "AA"), ("90", "A"), ("80.01", "A"), ("80", "BB"), ("70", "B"),
    ("60.004", "CC"), ("60.005", "B"), ("50", "C"), ("30.01", "C"), ("30", "D"), ("0", "D")])
def test_rb_category_borders(total, code):
    sheet = ws.get("pmprb-26-2020")
    assert scoring.category_of(sheet, D(total)).code == code


def test_survey_index_converts_as_index_over_four_times_weight():
    assert scoring.survey_value(D("3.6"), D("17.5")) == D("15.75")
    assert scoring.ikm_index(D("82.5")) == D("3.30")


def test_points_per_item_add_up_to_the_area_score(mini):
    result = scoring.score(mini, {"a": "Ya", "b": "B", "d": "1", "e": "2"})
    points = scoring.points_per_item(mini, result.items)
    assert sum(points.values()) == result.total


def _full_zi_answers(zi, *, index="3.6", ipkp="3.6", realisasi="100"):
    """Every entered item at its best; the survey indices and performance as given."""
    answers = {}
    for item in zi.items:
        if item.computed:
            continue
        if item.codes:
            answers[item.key] = item.codes[0]
        elif item.answer == "percent":
            answers[item.key] = "100"
        elif item.answer == "number":
            answers[item.key] = "100"
    answers.update(hasil_ipak=index, hasil_ipkp=ipkp, hasil_kinerja_realisasi=realisasi)
    return answers


def _check(result, label):
    return next(c for c in result.checks if c.label == label)


def test_wbk_and_wbbm_pass_for_a_strong_unit(zi):
    result = scoring.score(zi, _full_zi_answers(zi, index="3.8", ipkp="3.8"))
    wbk, wbbm = scoring.eligibility(zi, result, held={"WBK"})
    assert wbk.eligible and wbbm.eligible
    assert result.components["P"] == 60


def test_a_unit_exactly_at_each_threshold_passes(zi):
    # IPAK 3.60 → 15.75 points; IPKP 3.20 → 14.00; performance 50% → 2.50 (WBK thresholds).
    result = scoring.score(zi, _full_zi_answers(zi, index="3.60", ipkp="3.20", realisasi="50"))
    wbk = scoring.eligibility(zi, result)[0]
    for label, value in [("Nilai survei persepsi antikorupsi (IPAK)", D("15.75")),
                         ("Indeks persepsi antikorupsi", D("3.6")),
                         ("Pelayanan publik yang prima", D("14.00")),
                         ("Capaian kinerja lebih baik", D("2.50")),
                         ("Birokrasi yang bersih dan akuntabel", D("18.25"))]:
        check = _check(wbk, label)
        assert check.value == value == check.threshold and check.passed, label
    assert wbk.eligible


def test_one_area_under_sixty_percent_fails_wbk_despite_a_high_total(zi):
    answers = _full_zi_answers(zi, index="4", ipkp="4")
    # Penguatan pengawasan (15): every item at its lowest → 0% of the area.
    area = next(a for a in zi.areas() if a.code == "P5")
    for sub in area.subcomponents:
        for item in sub.items:
            if item.codes:
                answers[item.key] = item.codes[-1]
            elif item.answer == "percent":
                answers[item.key] = "0"
    answers["pw_dumas_selesai"] = "0"
    result = scoring.score(zi, answers)
    assert result.total >= 75 and result.components["P"] >= 40
    wbk = scoring.eligibility(zi, result)[0]
    failing = [c for c in wbk.checks if not c.passed]
    assert [c.label for c in failing] == [
        "Setiap area pengungkit, persentase dari bobotnya: Penguatan pengawasan"]
    assert failing[0].value == 0 and failing[0].threshold == D("0.60") and failing[0].percent
    assert not wbk.eligible


def test_wbbm_needs_the_earlier_wbk_predicate(zi):
    result = scoring.score(zi, _full_zi_answers(zi, index="4", ipkp="4"))
    wbbm = scoring.eligibility(zi, result, held=())[1]
    assert not wbbm.eligible
    assert [c.label for c in wbbm.checks if not c.passed] == [
        "Telah memperoleh predikat Menuju WBK"]
