"""Worksheet files: the shipped ones load; bad files fail with a clear message."""

from decimal import Decimal

import pytest

from prima.assessments import formulas
from prima.assessments import worksheet as ws

GOOD = """
key: mini
kind: test
title: Mini
valid_from: 2020
total: 10
categories:
  - {code: A, label: Baik, above: 5}
  - {code: B, label: Kurang}
components:
  - code: P
    title: Pengungkit
    weight: 10
    areas:
      - code: P1
        title: Area satu
        weight: 10
        subcomponents:
          - code: P1.1
            title: Sub satu
            weight: 4
            items:
              - {key: a, text: Ada tim, answer: yes_no, options: {Ya: ada, Tidak: tidak ada}}
              - {key: b, text: Mutu, answer: abcd}
          - code: P1.2
            title: Sub dua
            weight: 6
            items:
              - {key: c, text: Capaian, answer: percent, formula: "d / e * 100"}
              - {key: d, text: Realisasi, answer: number}
              - {key: e, text: Target, answer: number}
"""


def test_shipped_worksheets_load_with_their_regimes():
    sheets = ws.worksheets()
    assert set(sheets) == {"pmprb-26-2020", "lke-zi-90-2021", "rb-general-9-2023"}
    zi = sheets["lke-zi-90-2021"]
    # integrity-zone.md: area weights 8, 7, 10, 10, 15, 10 and results 40.
    assert [a.weight for a in zi.components[0].areas] == [8, 7, 10, 10, 15, 10]
    assert zi.components[1].weight == 40
    assert [p.code for p in zi.predicates] == ["WBK", "WBBM"]
    assert all(p.unconfirmed for p in zi.predicates)
    rbg = sheets["rb-general-9-2023"]
    assert [(a.code, a.weight) for a in rbg.components[0].areas] == [("A1", 3), ("A2", 7)]
    assert rbg.components[1].weight == 40 and rbg.components[2].unconfirmed


@pytest.mark.parametrize(("year", "key"), [
    (2020, "pmprb-26-2020"), (2023, "pmprb-26-2020"), (2024, "rb-general-9-2023"),
    (2030, "rb-general-9-2023")])
def test_worksheet_for_picks_the_regime_in_force(year, key):
    assert ws.worksheet_for("rb", year).key == key


def test_worksheet_for_before_any_regime_is_none():
    assert ws.worksheet_for("zi", 2019) is None


def test_a_good_file_parses_with_numbers_and_hash():
    sheet = ws.parse_worksheet(GOOD, "mini.yaml")
    assert [i.number for i in sheet.items] == ["1.1.a.1", "1.1.a.2", "1.1.b.1", "1.1.b.2",
                                               "1.1.b.3"]
    assert sheet.item("c").computed and not sheet.item("d").scored
    assert sheet.item("b").options == (("A", ""), ("B", ""), ("C", ""), ("D", ""))
    assert len(sheet.sha256) == 64


@pytest.mark.parametrize(("old", "new", "message"), [
    ("weight: 6", "weight: 5", "weights of the sub-components sum to 9, not 10"),
    ("answer: abcd", "answer: abcdef", "unknown answer type 'abcdef'"),
    ('"d / e * 100"', '"d / missing * 100"', "formula names a missing item 'missing'"),
    ('"d / e * 100"', '"__import__(\'os\')"', "Call is not allowed"),
    ("total: 10", "total: 12", "weights of the components sum to 10, not 12"),
    ("{Ya: ada, Tidak: tidak ada}", "{A: ada, B: tidak ada}", "do not match answer type yes_no"),
    ("key: b,", "key: a,", "the key is used twice"),
    ("above: 5", "above: x", "'above' must be a number"),
], ids=["sub-weights", "answer-type", "formula-item", "formula-call", "total", "options",
        "duplicate-key", "category-border"])
def test_bad_files_fail_to_load_with_a_clear_message(old, new, message):
    assert old in GOOD
    with pytest.raises(ws.WorksheetError) as raised:
        ws.parse_worksheet(GOOD.replace(old, new, 1), "bad.yaml")
    assert "bad.yaml" in str(raised.value)
    assert message in str(raised.value)


def test_bad_yaml_is_reported():
    with pytest.raises(ws.WorksheetError, match="not valid YAML"):
        ws.parse_worksheet("key: [unclosed", "broken.yaml")


def test_a_bad_file_in_the_directory_stops_loading(tmp_path):
    (tmp_path / "good.yaml").write_text(GOOD)
    (tmp_path / "bad.yaml").write_text(GOOD.replace("key: mini", "key: other").replace(
        "weight: 6", "weight: 7"))
    with pytest.raises(ws.WorksheetError, match="bad.yaml"):
        ws.worksheets(tmp_path)


def test_a_new_regime_is_a_new_file(tmp_path):
    (tmp_path / "mini.yaml").write_text(GOOD)
    (tmp_path / "mini2.yaml").write_text(GOOD.replace("key: mini", "key: mini-2")
                                         .replace("valid_from: 2020", "valid_from: 2025"))
    assert set(ws.worksheets(tmp_path)) == {"mini", "mini-2"}


@pytest.mark.parametrize(("text", "expected"), [
    ("a / b * 100", Decimal(50)), ("min(a, b) - 1", Decimal(0)), ("-a + 3", Decimal(2)),
    ("a / 0", None), ("a / c", None)])
def test_formulas_evaluate_safely(text, expected):
    assert formulas.evaluate(text, {"a": Decimal(1), "b": Decimal(2), "c": None}) == expected


@pytest.mark.parametrize("text", ["a.b", "a[0]", "open('x')", "a if b else c", "'x'", "a ** 2",
                                  "lambda: 1"])
def test_formulas_refuse_anything_but_arithmetic(text):
    with pytest.raises(formulas.FormulaError):
        formulas.parse(text)
