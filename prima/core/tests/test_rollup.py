"""Hierarchy roll-ups: provinces, direct children and the nation, the root counted once."""

from decimal import Decimal

import pytest

from prima.core import rollup

UNITS = [
    {"code": "0", "requests": 4, "score": Decimal("0.9")},
    {"code": "33", "requests": 2, "score": Decimal("0.5")},
    {"code": "33.20", "requests": 6, "score": Decimal("0.8")},
    {"code": "33.19", "requests": 0, "score": None},
    {"code": "32", "requests": 1, "score": Decimal("0.2")},
]


@pytest.mark.parametrize(("code", "parent", "expected"), [
    ("33.20", "0", "33"), ("33", "0", "33"), ("0", "0", None), ("33.20", "33", "33.20"),
    ("33.20.01", "33", "33.20"), ("33", "33", None), ("32.01", "33", None),
    ("330", "33", None),
], ids=["kabupaten-under-root", "province-under-root", "root-itself", "kabupaten",
        "below-kabupaten", "parent-itself", "other-province", "prefix-is-not-a-parent"])
def test_child_code(code, parent, expected):
    assert rollup.child_code(code, parent) == expected


def test_province_code_of_the_root_is_none():
    assert [rollup.province_code(c) for c in ("0", "33", "33.20")] == [None, "33", "33"]


def test_by_province_keeps_the_root_out_and_lists_provinces_without_data():
    groups = rollup.by_province(UNITS, provinces=["33", "32", "91"])

    assert list(groups) == ["33", "32", "91"]
    assert [u["code"] for u in groups["33"].units] == ["33", "33.20", "33.19"]
    assert groups["91"].units == [] and groups["91"].total("requests") == 0
    assert groups["91"].mean("score") is None and groups["91"].weighted("score", "requests") is None
    assert all(u["code"] != "0" for g in groups.values() for u in g.units)


def test_province_without_kabupaten_data_rolls_up_its_own_figures():
    groups = rollup.by_province(UNITS)

    assert groups["32"].total("requests") == 1
    assert groups["32"].mean("score") == Decimal("0.2")
    assert groups["32"].weighted("score", "requests") == Decimal("0.2")


def test_mean_of_units_and_weighted_figure_differ_and_skip_missing_values():
    jateng = rollup.by_province(UNITS)["33"]

    assert jateng.total("requests") == 8
    assert jateng.mean("score") == Decimal("0.65")  # (0.5 + 0.8) / 2: Kudus has no value
    # (0.5 × 2 + 0.8 × 6) / 8; Kudus (weight 0, no value) is left out
    assert jateng.weighted("score", "requests") == Decimal("0.725")
    assert jateng.count(lambda u: u["score"] is not None) == 2
    assert jateng.mean("score", places=Decimal("0.1")) == Decimal("0.7")  # half up


def test_national_counts_the_root_once():
    nation = rollup.national(UNITS)

    assert nation.code == "0" and len(nation) == 5
    assert nation.total("requests") == 13
    assert nation.mean("score") == Decimal("0.6")
    with pytest.raises(ValueError, match="appears twice"):
        rollup.national([*UNITS, {"code": "0", "requests": 1, "score": None}])


def test_by_child_of_the_root_gives_its_own_row_and_one_per_province():
    own, groups = rollup.by_child(UNITS, "0", ["32", "33", "91"])

    assert [u["code"] for u in own.units] == ["0"]
    assert {c: len(g) for c, g in groups.items()} == {"32": 1, "33": 3, "91": 0}
    assert own.total("requests") + sum(g.total("requests") for g in groups.values()) == 13


def test_by_child_of_a_province_leaves_out_other_provinces():
    units = [*UNITS, {"code": "33.99", "requests": 5, "score": None}]  # child not listed

    own, groups = rollup.by_child(units, "33", ["33.19", "33.20"])

    assert [u["code"] for u in own.units] == ["33", "33.99"]
    assert groups["33.20"].total("requests") == 6 and groups["33.19"].total("requests") == 0


def test_empty_units():
    own, groups = rollup.by_child([], "33", ["33.20"])

    assert len(own) == 0 and own.total("requests") == 0 and own.mean("score") is None
    assert groups["33.20"].weighted("score", "requests") is None
    assert rollup.by_province([]) == {} and len(rollup.national([])) == 0


def test_units_may_be_objects_and_values_callables():
    class Row:
        def __init__(self, code, value):
            self.satker_code, self.value = code, value

    groups = rollup.by_province([Row("33", 1), Row("33.20", 3.5)], code="satker_code")

    assert groups["33"].mean(lambda r: r.value * 2) == Decimal("4.5")
    with pytest.raises(ValueError, match="Not a number"):
        groups["33"].mean(lambda r: "x")
