"""Worksheets (LKE) as versioned data files: the schema, the loader and the lookups.

A worksheet is a YAML file in ``prima/assessments/worksheets/``: components → areas →
sub-components → items, with weights, answer types, the meaning of each option, the evidence
expected, formulas for computed items, the categories of the index and, for the integrity zone,
the predicate thresholds. A new regime is a new file (reform-evaluation.md "Regimes": keep
worksheets versioned); an assessment keeps the version it was made with (file key + SHA-256 of
the content, stored with the content in ``WorksheetVersion``).

Every file is checked when it loads (``WorksheetError`` names the file, the place and the fault):
weights that do not add up, an unknown answer type, options that do not match the answer type, a
formula naming a missing item or using anything but arithmetic, duplicate keys, categories out of
order.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from . import formulas

DIRECTORY = Path(__file__).resolve().parent / "worksheets"
TOLERANCE = Decimal("0.0001")

# reform-evaluation.md "Worksheet (LKE) answers and their value" (same for RB and ZI).
OPTION_VALUES: dict[str, dict[str, Decimal]] = {
    "yes_no": {"Ya": Decimal(1), "Tidak": Decimal(0)},
    "abc": {"A": Decimal(1), "B": Decimal("0.5"), "C": Decimal(0)},
    "abcd": {"A": Decimal(1), "B": Decimal("0.67"), "C": Decimal("0.33"), "D": Decimal(0)},
    "abcde": {"A": Decimal(1), "B": Decimal("0.75"), "C": Decimal("0.5"), "D": Decimal("0.25"),
              "E": Decimal(0)},
}
# percentage: the fraction, capped at 1; number/rupiah: formula inputs, not scored;
# index: a survey index on the 1–4 scale, value = index / 4 (× the sub-component's weight).
NUMERIC_TYPES = ("percent", "number", "index")
ANSWER_TYPES = (*OPTION_VALUES, *NUMERIC_TYPES)
SOURCES = ("ikm",)  # the satker's IKM (25–100) feeds an index item as IKM / 25
MEASURES = ("total", "component", "area", "subcomponent", "raw", "each_area_share",
            "predicate")
KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class WorksheetError(ValueError):
    """A worksheet file that cannot be used; the message lists every fault found."""

    def __init__(self, name: str, faults: list[str]):
        self.name, self.faults = name, faults
        super().__init__(f"Worksheet {name} is invalid:\n" + "\n".join(f"- {f}" for f in faults))


@dataclass(frozen=True)
class Item:
    key: str
    number: str
    text: str
    answer: str
    options: tuple[tuple[str, str], ...] = ()  # (code, meaning)
    evidence: str = ""
    formula: str = ""
    source: str = ""
    unconfirmed: bool = False

    @property
    def scored(self) -> bool:
        return self.answer != "number"

    @property
    def computed(self) -> bool:
        return bool(self.formula)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(OPTION_VALUES.get(self.answer, {}))


@dataclass(frozen=True)
class SubComponent:
    code: str
    title: str
    weight: Decimal
    items: tuple[Item, ...]
    unconfirmed: bool = False

    @property
    def scored_items(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.scored)


@dataclass(frozen=True)
class Area:
    code: str
    title: str
    weight: Decimal
    subcomponents: tuple[SubComponent, ...]
    unconfirmed: bool = False


@dataclass(frozen=True)
class Component:
    code: str
    title: str
    weight: Decimal
    areas: tuple[Area, ...]
    unconfirmed: bool = False


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    above: Decimal | None  # the score must be strictly above this (None: from 0 inclusive)


@dataclass(frozen=True)
class Requirement:
    measure: str
    ref: str
    minimum: Decimal | None
    label: str


@dataclass(frozen=True)
class Predicate:
    code: str
    label: str
    requirements: tuple[Requirement, ...]
    unconfirmed: bool = False


@dataclass(frozen=True)
class Worksheet:
    key: str
    kind: str
    title: str
    regulation: str
    valid_from: int
    valid_until: int | None
    total: Decimal
    components: tuple[Component, ...]
    categories: tuple[Category, ...] = ()
    predicates: tuple[Predicate, ...] = ()
    notes: str = ""
    sha256: str = ""
    source: str = field(default="", repr=False)

    def walk(self) -> Iterator[tuple[Component, Area, SubComponent, Item]]:
        for component in self.components:
            for area in component.areas:
                for sub in area.subcomponents:
                    for item in sub.items:
                        yield component, area, sub, item

    @property
    def items(self) -> list[Item]:
        return [item for *_, item in self.walk()]

    def item(self, key: str) -> Item | None:
        return self._index().get(key)

    def _index(self) -> dict[str, Item]:
        cached = self.__dict__.get("_item_index")
        if cached is None:
            cached = {item.key: item for item in self.items}
            object.__setattr__(self, "_item_index", cached)
        return cached

    def areas(self) -> list[Area]:
        return [area for c in self.components for area in c.areas]

    def placement(self) -> dict[str, tuple[Area, SubComponent]]:
        """``{item key: (area, sub-component)}``."""
        return {item.key: (area, sub) for _c, area, sub, item in self.walk()}

    def valid_for(self, year: int) -> bool:
        return self.valid_from <= year and (self.valid_until is None or year <= self.valid_until)


# --- parsing ----------------------------------------------------------------------------------


class _Checker:
    def __init__(self, name: str):
        self.name, self.faults = name, []

    def fault(self, where: str, message: str) -> None:
        self.faults.append(f"{where}: {message}" if where else message)

    def text(self, data: dict, name: str, where: str, *, required=True) -> str:
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fault(where, f"'{name}' is required")
            return ""
        if not isinstance(value, str | int | float):
            self.fault(where, f"'{name}' must be text")
            return ""
        return " ".join(str(value).split())

    def number(self, data: dict, name: str, where: str, *, required=True) -> Decimal | None:
        value = data.get(name)
        if value is None:
            if required:
                self.fault(where, f"'{name}' is required")
            return None
        if isinstance(value, bool):
            self.fault(where, f"'{name}' must be a number, not {value!r}")
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.fault(where, f"'{name}' must be a number, not {value!r}")
            return None
        if not number.is_finite() or number < 0:
            self.fault(where, f"'{name}' must be a number of at least 0, not {value!r}")
            return None
        return number

    def listing(self, data: dict, name: str, where: str, *, required=True) -> list:
        value = data.get(name)
        if value is None and not required:
            return []
        if not isinstance(value, list) or (required and not value):
            self.fault(where, f"'{name}' must be a non-empty list")
            return []
        return value

    def sums(self, where: str, what: str, parts: list[Decimal | None],
             whole: Decimal | None) -> None:
        if whole is None or any(p is None for p in parts):
            return
        total = sum(parts, Decimal(0))
        if abs(total - whole) > TOLERANCE:
            self.fault(where, f"weights of the {what} sum to {total.normalize():f}, "
                              f"not {whole.normalize():f}")


def _mapping(checker: _Checker, value, where: str) -> dict:
    if not isinstance(value, dict):
        checker.fault(where, "must be a mapping of fields")
        return {}
    return value


def _item(checker, data, where, number) -> Item | None:
    data = _mapping(checker, data, where)
    key = checker.text(data, "key", where)
    if key and not KEY.match(key):
        checker.fault(where, f"key {key!r} must be lower-case letters, digits and _ "
                             "starting with a letter")
    where = f"{where} ({key})" if key else where
    answer = checker.text(data, "answer", where)
    if answer and answer not in ANSWER_TYPES:
        checker.fault(where, f"unknown answer type {answer!r} (known: "
                             f"{', '.join(ANSWER_TYPES)})")
    options: tuple[tuple[str, str], ...] = ()
    raw_options = data.get("options") or {}
    if answer in OPTION_VALUES:
        if not isinstance(raw_options, dict):
            checker.fault(where, "'options' must map each option to its meaning")
            raw_options = {}
        expected = list(OPTION_VALUES[answer])
        given = [str(k) for k in raw_options]
        if given and given != expected:
            checker.fault(where, f"options {given} do not match answer type {answer} "
                                 f"({expected})")
        options = tuple((code, " ".join(str(raw_options.get(code, "")).split()))
                        for code in expected)
    elif raw_options:
        checker.fault(where, f"answer type {answer} takes no options")
    formula = checker.text(data, "formula", where, required=False)
    if formula:
        if answer not in ("percent", "number"):
            checker.fault(where, "only percent and number items may be computed by a formula")
        try:
            formulas.parse(formula)
        except formulas.FormulaError as exc:
            checker.fault(where, str(exc))
            formula = ""
    source = checker.text(data, "source", where, required=False)
    if source and (source not in SOURCES or answer != "index"):
        checker.fault(where, f"source {source!r} is unknown or not on an index item")
    if not key or not answer:
        return None
    return Item(key=key, number=number, text=checker.text(data, "text", where),
                answer=answer, options=options,
                evidence=checker.text(data, "evidence", where, required=False),
                formula=formula, source=source, unconfirmed=bool(data.get("unconfirmed")))


def _sub(checker, data, where, number) -> SubComponent:
    data = _mapping(checker, data, where)
    code = checker.text(data, "code", where)
    where = f"{where} ({code})" if code else where
    weight = checker.number(data, "weight", where)
    items = []
    for i, raw in enumerate(checker.listing(data, "items", where), 1):
        item = _item(checker, raw, f"{where}.items[{i}]", f"{number}.{i}")
        if item is not None:
            items.append(item)
    if items and not any(i.scored for i in items) and weight:
        checker.fault(where, "a weighted sub-component needs at least one scored item")
    return SubComponent(code=code, title=checker.text(data, "title", where),
                        weight=weight or Decimal(0), items=tuple(items),
                        unconfirmed=bool(data.get("unconfirmed")))


def _area(checker, data, where, number) -> Area:
    data = _mapping(checker, data, where)
    code = checker.text(data, "code", where)
    where = f"{where} ({code})" if code else where
    weight = checker.number(data, "weight", where)
    subs = [_sub(checker, raw, f"{where}.subcomponents[{i}]", f"{number}.{chr(96 + i)}")
            for i, raw in enumerate(checker.listing(data, "subcomponents", where), 1)]
    checker.sums(where, "sub-components", [s.weight for s in subs], weight)
    return Area(code=code, title=checker.text(data, "title", where),
                weight=weight or Decimal(0), subcomponents=tuple(subs),
                unconfirmed=bool(data.get("unconfirmed")))


def _component(checker, data, where, number) -> Component:
    data = _mapping(checker, data, where)
    code = checker.text(data, "code", where)
    where = f"{where} ({code})" if code else where
    weight = checker.number(data, "weight", where)
    areas = [_area(checker, raw, f"{where}.areas[{i}]", f"{number}.{i}")
             for i, raw in enumerate(checker.listing(data, "areas", where), 1)]
    checker.sums(where, "areas", [a.weight for a in areas], weight)
    return Component(code=code, title=checker.text(data, "title", where),
                     weight=weight or Decimal(0), areas=tuple(areas),
                     unconfirmed=bool(data.get("unconfirmed")))


def _categories(checker, data) -> tuple[Category, ...]:
    result = []
    for i, raw in enumerate(checker.listing(data, "categories", "", required=False), 1):
        raw = _mapping(checker, raw, f"categories[{i}]")
        above = (checker.number(raw, "above", f"categories[{i}]")
                 if raw.get("above") is not None else None)
        result.append(Category(code=checker.text(raw, "code", f"categories[{i}]"),
                               label=checker.text(raw, "label", f"categories[{i}]"),
                               above=above))
    borders = [c.above for c in result]
    if result and (borders[-1] is not None or None in borders[:-1]
                   or borders[:-1] != sorted(borders[:-1], reverse=True)):
        checker.fault("categories", "must go from the highest border down, the last one "
                                    "without 'above'")
    return tuple(result)


def _predicates(checker, data, keys, codes) -> tuple[Predicate, ...]:
    result = []
    for i, raw in enumerate(checker.listing(data, "predicates", "", required=False), 1):
        where = f"predicates[{i}]"
        raw = _mapping(checker, raw, where)
        code = checker.text(raw, "code", where)
        requirements = []
        for j, req in enumerate(checker.listing(raw, "requirements", where), 1):
            rwhere = f"{where}.requirements[{j}]"
            req = _mapping(checker, req, rwhere)
            measure = checker.text(req, "measure", rwhere)
            ref = checker.text(req, "ref", rwhere, required=measure not in ("total",))
            if measure and measure not in MEASURES:
                checker.fault(rwhere, f"unknown measure {measure!r}")
            elif measure == "raw" and ref not in keys:
                checker.fault(rwhere, f"names a missing item {ref!r}")
            elif measure in ("component", "area", "subcomponent", "each_area_share") \
                    and ref not in codes.get(measure.replace("each_area_share", "component"),
                                             set()):
                checker.fault(rwhere, f"names a missing {measure} {ref!r}")
            elif measure == "predicate" and ref not in {p.code for p in result}:
                checker.fault(rwhere, f"names an earlier predicate {ref!r} that is not "
                                      "defined above it")
            minimum = (checker.number(req, "min", rwhere) if measure != "predicate" else None)
            requirements.append(Requirement(measure=measure, ref=ref, minimum=minimum,
                                            label=checker.text(req, "label", rwhere)))
        result.append(Predicate(code=code, label=checker.text(raw, "label", where),
                                requirements=tuple(requirements),
                                unconfirmed=bool(raw.get("unconfirmed"))))
    return tuple(result)


def parse_worksheet(text: str, name: str = "<worksheet>") -> Worksheet:
    """The worksheet in ``text`` (YAML), checked; ``WorksheetError`` lists every fault."""
    checker = _Checker(name)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise WorksheetError(name, [f"not valid YAML: {exc}"]) from exc
    if not isinstance(data, dict):
        raise WorksheetError(name, ["the file must hold a mapping of fields"])
    key = checker.text(data, "key", "")
    kind = checker.text(data, "kind", "")
    total = checker.number(data, "total", "")
    valid_from = data.get("valid_from")
    valid_until = data.get("valid_until")
    if not isinstance(valid_from, int) or (valid_until is not None
                                           and not isinstance(valid_until, int)):
        checker.fault("", "'valid_from' (and 'valid_until' if given) must be years")
        valid_from = 0
    components = [_component(checker, raw, f"components[{i}]", str(i))
                  for i, raw in enumerate(checker.listing(data, "components", ""), 1)]
    checker.sums("", "components", [c.weight for c in components], total)
    # Keys and codes are unique; formulas name items that exist and are entered, not computed.
    all_items = [i for c in components for a in c.areas for s in a.subcomponents
                 for i in s.items]
    keys: dict[str, Item] = {}
    for item in all_items:
        if item.key in keys:
            checker.fault(f"item {item.key}", "the key is used twice")
        keys[item.key] = item
    codes = {"component": {c.code for c in components},
             "area": {a.code for c in components for a in c.areas},
             "subcomponent": {s.code for c in components for a in c.areas
                              for s in a.subcomponents}}
    every_code = [c.code for c in components] + [a.code for c in components for a in c.areas] \
        + [s.code for c in components for a in c.areas for s in a.subcomponents]
    for code in {c for c in every_code if every_code.count(c) > 1}:
        checker.fault(f"code {code}", "the code is used twice")
    for item in all_items:
        if not item.formula:
            continue
        for ref in sorted(formulas.names(item.formula)):
            if ref not in keys:
                checker.fault(f"item {item.key}", f"formula names a missing item {ref!r}")
            elif keys[ref].computed or ref == item.key:
                checker.fault(f"item {item.key}", f"formula names {ref!r}, which is computed "
                                                  "itself; name entered items only")
    categories = _categories(checker, data)
    predicates = _predicates(checker, data, keys, codes)
    if checker.faults:
        raise WorksheetError(name, checker.faults)
    return Worksheet(
        key=key, kind=kind, title=checker.text(data, "title", ""),
        regulation=checker.text(data, "regulation", "", required=False),
        valid_from=valid_from, valid_until=valid_until, total=total,
        components=tuple(components), categories=categories, predicates=predicates,
        notes=checker.text(data, "notes", "", required=False),
        sha256=hashlib.sha256(text.encode()).hexdigest(), source=text)


# --- loading -----------------------------------------------------------------------------------

_lock = threading.Lock()
_by_hash: dict[str, Worksheet] = {}
_files: dict[str, Worksheet] | None = None


def from_source(text: str, name: str = "<stored>") -> Worksheet:
    """The worksheet of stored content, parsed once per process (keyed by its hash)."""
    digest = hashlib.sha256(text.encode()).hexdigest()
    found = _by_hash.get(digest)
    if found is None:
        found = parse_worksheet(text, name)
        with _lock:
            _by_hash[digest] = found
    return found


def load_file(path: Path) -> Worksheet:
    return from_source(path.read_text(encoding="utf-8"), path.name)


def worksheets(directory: Path | None = None) -> dict[str, Worksheet]:
    """Every worksheet file by key (the shipped directory is read once per process)."""
    global _files
    if directory is not None:
        return _read(directory)
    if _files is None:
        loaded = _read(DIRECTORY)
        with _lock:
            _files = loaded
    return _files


def _read(directory: Path) -> dict[str, Worksheet]:
    result: dict[str, Worksheet] = {}
    for path in sorted(directory.glob("*.yaml")):
        sheet = load_file(path)
        if sheet.key in result:
            raise WorksheetError(path.name, [f"key {sheet.key!r} is used by another file"])
        result[sheet.key] = sheet
    return result


def get(key: str) -> Worksheet | None:
    return worksheets().get(key)


def worksheet_for(kind: str, year: int) -> Worksheet | None:
    """The worksheet of ``kind`` in force for ``year`` (the latest regime valid that year):
    reform evaluation of 2024 and later uses RB General 9/2023, earlier years 26/2020."""
    valid = [w for w in worksheets().values() if w.kind == kind and w.valid_for(year)]
    return max(valid, key=lambda w: w.valid_from, default=None)


def forget() -> None:
    """Drop the per-process caches (tests that write worksheet files)."""
    global _files
    with _lock:
        _files = None
        _by_hash.clear()
