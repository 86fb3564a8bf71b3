"""Hierarchy roll-ups: per-satker figures summed and averaged up the tree, written once.

Apps compute their figures per satker (one row per satker code, from a ``values()`` query or
their own dataclasses) and roll them up here: per province (the province itself with its
kabupaten/kota), per direct child of any satker, and nationally. The root, KPU RI (code ``"0"``,
``core.scope.ROOT_CODE``), belongs to no province: it counts once, in the national figure and as
its own row when the nation is split into provinces.

Two averages, because the hierarchy asks both questions:
- ``mean``: the mean of the units, each satker counting once whatever its size ("how is a
  typical satker doing?"); units without a value are left out, not counted as zero;
- ``weighted``: each unit weighted (by its number of requests, indicators ...), i.e. the figure
  of the group as if it were one satker.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .scope import ROOT_CODE, is_in_subtree

Accessor = str | Callable[[object], object]
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _get(accessor: Accessor) -> Callable[[object], object]:
    """A function reading ``accessor`` (a key of a dict row or an attribute) from a unit."""
    if callable(accessor):
        return accessor

    def read(unit):
        return unit[accessor] if isinstance(unit, dict) else getattr(unit, accessor)

    return read


def _decimal(value) -> Decimal | None:
    """A figure as a Decimal (a float through its text form, so 0.1 stays 0.1)."""
    if value is None or isinstance(value, Decimal):
        return value
    number = str(value)
    if isinstance(value, bool) or not _NUMBER.fullmatch(number.strip()):
        raise ValueError(f"Not a number: {value!r}")
    return Decimal(number)


def _round(value: Decimal, places: Decimal | None) -> Decimal:
    return value if places is None else value.quantize(places, rounding=ROUND_HALF_UP)


def province_code(code: str) -> str | None:
    """The province a satker code lies in (``"33"`` for ``"33.20"``); ``None`` for the root."""
    return None if code == ROOT_CODE else code.split(".")[0]


def child_code(code: str, parent_code: str) -> str | None:
    """The code of ``parent_code``'s direct child whose subtree holds ``code``; ``None`` for the
    parent itself and for codes outside its subtree."""
    if code == parent_code or not is_in_subtree(code, parent_code):
        return None
    depth = 0 if parent_code == ROOT_CODE else parent_code.count(".") + 1
    return ".".join(code.split(".")[: depth + 1])


@dataclass
class Group:
    """The units (per-satker rows) rolled up under one satker ``code``, each unit once."""

    code: str
    units: list = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.units)

    def values(self, value: Accessor) -> list:
        """The non-empty values of ``value`` over the units, in order."""
        read = _get(value)
        return [v for v in (read(u) for u in self.units) if v is not None]

    def total(self, value: Accessor):
        """The sum over the units (``0`` for none)."""
        return sum(self.values(value), 0)

    def count(self, predicate: Callable[[object], bool] = bool) -> int:
        return sum(1 for u in self.units if predicate(u))

    def mean(self, value: Accessor, *, places: Decimal | None = None) -> Decimal | None:
        """The mean of the units: each unit with a value counts once; ``None`` if none has one.
        ``places`` rounds half up (e.g. ``Decimal("0.0001")``)."""
        numbers = [_decimal(v) for v in self.values(value)]
        if not numbers:
            return None
        return _round(sum(numbers, Decimal(0)) / Decimal(len(numbers)), places)

    def weighted(self, value: Accessor, weight: Accessor, *,
                 places: Decimal | None = None) -> Decimal | None:
        """Σ value × weight / Σ weight over the units with a value and a positive weight;
        ``None`` when the weights add up to nothing."""
        read_value, read_weight = _get(value), _get(weight)
        total = weights = Decimal(0)
        for unit in self.units:
            amount, share = _decimal(read_value(unit)), _decimal(read_weight(unit))
            if amount is None or share is None or share <= 0:
                continue
            total += amount * share
            weights += share
        if not weights:
            return None
        return _round(total / weights, places)


def _unique(units: Iterable, code: Callable) -> list[tuple[str, object]]:
    """(code, unit) pairs; a unit whose code was already seen is a programming error."""
    seen: set[str] = set()
    result = []
    for unit in units:
        unit_code = code(unit)
        if unit_code in seen:
            raise ValueError(f"Satker {unit_code} appears twice in a roll-up.")
        seen.add(unit_code)
        result.append((unit_code, unit))
    return result


def national(units: Iterable, *, code: Accessor = "code") -> Group:
    """Every unit once, the root included once."""
    return Group(ROOT_CODE, [unit for _c, unit in _unique(units, _get(code))])


def by_province(units: Iterable, *, code: Accessor = "code",
                provinces: Sequence[str] = ()) -> dict[str, Group]:
    """One group per province: the province's own unit and its kabupaten/kota. The root is in
    no province. ``provinces`` are listed first, in that order, even without any unit."""
    groups = {p: Group(p) for p in provinces}
    for unit_code, unit in _unique(units, _get(code)):
        province = province_code(unit_code)
        if province is not None:
            groups.setdefault(province, Group(province)).units.append(unit)
    return groups


def by_child(units: Iterable, parent_code: str, children: Sequence[str], *,
             code: Accessor = "code") -> tuple[Group, dict[str, Group]]:
    """The parent's own group and one group per direct child (with everything below it).

    A unit of the parent itself, or below it but under none of ``children``, goes into the
    parent's own group; units outside the parent's subtree are left out. Under the root the
    children are the provinces, and the root's own figures are its own group, once.
    """
    own = Group(parent_code)
    groups = {c: Group(c) for c in children}
    for unit_code, unit in _unique(units, _get(code)):
        if not is_in_subtree(unit_code, parent_code):
            continue
        child = child_code(unit_code, parent_code)
        groups.get(child, own).units.append(unit)
    return own, groups
