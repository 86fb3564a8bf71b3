"""The staff home: what waits for this person, and what each of their roles can do, per satker.

Everything on it comes from the capability registry (``prima.core.registry``): each satker card
lists the capabilities' entries the person may open (``Capability.card_links``) and their live
figures with the nearest items due (``Capability.workload``); the shortcuts at the top
(``Capability.shortcuts``) and the person-level figures (an evaluator's reports to review) come
from the same declarations. Each capability's figures cost one or two queries, whatever the
number of satkers or items.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from prima.organisations.choices import Role
from prima.organisations.models import Satker
from prima.organisations.policies import Purpose, is_system_admin, memberships_of, satkers_for

from .registry import WorkContext, Workload, registry

EVALUATED_SHOWN = 60


@dataclass
class Action:
    label: str
    url: str


@dataclass
class SatkerCard:
    satker: Satker
    roles: list[str] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    workloads: list[Workload] = field(default_factory=list)

    @property
    def waiting(self) -> bool:
        return any(w.waiting for w in self.workloads)


@dataclass
class Dashboard:
    cards: list[SatkerCard]
    is_system_admin: bool
    evaluated: list[Satker]
    evaluated_count: int
    links: list[Action] = field(default_factory=list)
    # Figures for the person rather than one satker (e.g. reports below awaiting review).
    workloads: list[Workload] = field(default_factory=list)
    today: dt.date | None = None

    @property
    def waiting(self) -> bool:
        return any(w.waiting for w in self.workloads) or any(c.waiting for c in self.cards)


def _evaluated(user):
    """Satkers the person evaluates (``Purpose.EVALUATION`` write): a lazy queryset."""
    if is_system_admin(user) or any(m.role == Role.EVALUATOR for m in memberships_of(user)):
        return satkers_for(user, Purpose.EVALUATION, write=True)
    return Satker.objects.none()


def dashboard_for(user, *, today=None) -> Dashboard:
    by_satker: dict[int, SatkerCard] = {}
    for membership in memberships_of(user):
        card = by_satker.setdefault(membership.satker_id, SatkerCard(membership.satker))
        card.roles.append(registry.role_label(membership.role))
    cards = sorted(by_satker.values(), key=lambda c: c.satker.code)
    for card in cards:
        card.actions = [Action(link.label, link.url(card.satker))
                        for link in registry.card_links() if link.allowed(user, card.satker)]

    evaluated_qs = _evaluated(user)
    evaluated = list(evaluated_qs.only("code", "name").order_by("code")[:EVALUATED_SHOWN])
    evaluated_count = (len(evaluated) if len(evaluated) < EVALUATED_SHOWN
                       else evaluated_qs.count())
    context = WorkContext(user=user, satkers=tuple(c.satker for c in cards),
                          today=today or timezone.localdate(), evaluated=evaluated_qs,
                          evaluates=bool(evaluated))

    person_level = []
    for workload_of in registry.workload_functions():
        for workload in workload_of(context):
            card = by_satker.get(workload.satker_id)
            (card.workloads if card is not None else person_level).append(workload)
    for card in cards:
        card.workloads.sort(key=lambda w: w.order)
    person_level.sort(key=lambda w: w.order)

    return Dashboard(
        cards=cards,
        is_system_admin=is_system_admin(user),
        evaluated=evaluated,
        evaluated_count=evaluated_count,
        links=[Action(s.label, s.url()) for s in registry.shortcuts() if s.allowed(context)],
        workloads=person_level,
        today=context.today,
    )
