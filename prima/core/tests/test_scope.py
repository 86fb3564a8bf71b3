"""The satker subtree filter: the root (KPU RI, code 0) covers the whole tree."""

import pytest

from prima.core.scope import in_subtree, is_in_subtree, subtree_q
from prima.organisations.models import Division, Satker


def codes(qs):
    return sorted(qs.values_list("code", flat=True))


@pytest.mark.parametrize(("root", "include_self", "expected"), [
    ("0", True, ["0", "32", "32.01", "33", "33.19", "33.20", "91"]),
    ("0", False, ["32", "32.01", "33", "33.19", "33.20", "91"]),
    ("33", True, ["33", "33.19", "33.20"]),
    ("33", False, ["33.19", "33.20"]),
    ("33.20", True, ["33.20"]),
    ("33.20", False, []),
], ids=["root", "root-below", "province", "province-below", "regency", "regency-below"])
def test_subtree_of_satker(tree, root, include_self, expected):
    assert codes(in_subtree(Satker.objects.all(), root, include_self=include_self)) == expected


def test_province_prefix_does_not_match_a_longer_code(tree):
    # "3" must not take in "33" or "32": the prefix always ends at a dot.
    Satker.objects.create(code="3", name="Uji", level="provinsi")
    assert codes(in_subtree(Satker.objects.all(), "3")) == ["3"]


def test_subtree_through_a_relation(tree):
    jepara, bogor = tree.jepara, Satker.objects.get(code="32.01")
    Division.objects.create(satker=jepara, kind="divisi", name="A")
    Division.objects.create(satker=bogor, kind="divisi", name="B")

    by_satker = Division.objects.filter(subtree_q(tree.jateng, field="satker"))
    everything = Division.objects.filter(subtree_q(tree.root, field="satker"))

    assert list(by_satker.values_list("name", flat=True)) == ["A"]
    assert sorted(everything.values_list("name", flat=True)) == ["A", "B"]


@pytest.mark.parametrize(("code", "root", "include_self", "expected"), [
    ("33.20", "0", True, True),
    ("0", "0", True, True),
    ("0", "0", False, False),
    ("33.20", "33", True, True),
    ("33", "33.20", True, False),
    ("330.1", "33", True, False),
    ("33", "33", False, False),
])
def test_is_in_subtree(code, root, include_self, expected):
    assert is_in_subtree(code, root, include_self=include_self) is expected
