"""Completion of the integrity pact: per satker, signed / active employees (integrity-zone.md
"Integrity pact"), rolled up to the province and the nation with ``core.rollup``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from prima.core import rollup
from prima.organisations.models import Satker

from .querysets import completion_rows


@dataclass
class Completion:
    code: str
    name: str
    active: int = 0
    signed: int = 0

    @property
    def unsigned(self) -> int:
        return self.active - self.signed

    @property
    def percent(self) -> Decimal | None:
        if not self.active:
            return None
        return (Decimal(self.signed) * 100 / Decimal(self.active)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP)


def satker_completion(satker, version) -> Completion:
    """One query: the satker's own figure."""
    rows = completion_rows(version, [satker])
    row = rows[0] if rows else {"active": 0, "signed": 0}
    return Completion(satker.code, satker.name, row["active"], row["signed"])


def _of(group, code, name) -> Completion:
    return Completion(code, name, group.total("active"), group.total("signed"))


def rollup_below(satker, version) -> tuple[Completion, Completion, list[Completion]]:
    """Two queries: the satker's own figure, the total of its subtree, and one figure per
    direct child (each with everything below it): a province's kabupaten/kota, or the
    provinces under KPU RI."""
    rows = completion_rows(version, subtree=satker)
    children = list(Satker.objects.filter(parent=satker).order_by("code").values_list(
        "code", "name"))
    own, groups = rollup.by_child(rows, satker.code, [c for c, _n in children],
                                  code="satker__code")
    total = rollup.national(rows, code="satker__code")
    return (_of(own, satker.code, satker.name), _of(total, satker.code, satker.name),
            [_of(groups[code], code, name) for code, name in children])


@dataclass
class Readiness:
    """Whether a satker meets the precondition of its declaration (integrity-zone.md stage 1:
    the head and all, or most, employees have signed the integrity pact)."""

    completion: Completion
    heads_unsigned: list

    @property
    def ready(self) -> bool:
        return not self.heads_unsigned and self.completion.active > 0 and \
            self.completion.unsigned == 0


def declaration_readiness(satker, version) -> Readiness:
    """Two queries: the satker's completion and its heads (role head) who have not signed."""
    from django.db.models import Exists, OuterRef

    from prima.organisations.choices import Role
    from prima.organisations.models import Membership

    from .models import Signature

    heads = Membership.objects.active().filter(satker=satker, role=Role.HEAD)
    if version is not None:
        heads = heads.exclude(Exists(Signature.objects.filter(version=version,
                                                              user=OuterRef("user"))))
    return Readiness(satker_completion(satker, version),
                     [m.user for m in heads.select_related("user")])
