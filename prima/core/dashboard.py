"""The staff landing page: what each of a person's roles can do, per satker."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prima.organisations.choices import Role
from prima.organisations.models import Satker
from prima.organisations.policies import Purpose, can, is_system_admin, memberships_of, satkers_for


@dataclass
class Action:
    label: str
    url: str


@dataclass
class SatkerCard:
    satker: Satker
    roles: list[str] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


@dataclass
class Dashboard:
    cards: list[SatkerCard]
    is_system_admin: bool
    evaluated: list[Satker]
    evaluated_count: int
    links: list[Action] = field(default_factory=list)


def _actions(user, satker: Satker) -> list[Action]:
    code = satker.code
    actions = [Action(_("Ruang kerja satker"), reverse("organisations:staff-satker", args=[code]))]
    if can(user, Purpose.ORGANISATION, satker, write=True):
        actions.append(Action(_("Ubah profil"),
                              reverse("organisations:staff-profile", args=[code])))
        actions.append(Action(_("Divisi"), reverse("organisations:staff-divisions", args=[code])))
    if can(user, Purpose.DOCUMENTS, satker):
        actions.append(Action(_("Dokumen & SK"),
                              reverse("organisations:staff-documents", args=[code])))
    if can(user, Purpose.MEMBERS, satker):
        actions.append(Action(_("Pengguna & undangan"),
                              reverse("members:list", args=[code])))
    if can(user, Purpose.CALENDAR, satker, write=True):
        actions.append(Action(_("Kalender hari kerja"), reverse("core:calendar")))
    if can(user, Purpose.INFORMATION, satker):
        actions.append(Action(_("Permohonan informasi"), reverse("inforequests:staff-inbox")))
        actions.append(Action(_("Keberatan"), reverse("inforequests:staff-objections")))
        actions.append(Action(_("Daftar Informasi Publik"),
                              reverse("inforequests:staff-dip", args=[code])))
    if can(user, Purpose.CATALOG, satker):
        actions.append(Action(_("Katalog data"), reverse("catalog:staff-datasets")))
    if can(user, Purpose.REFORM, satker):
        actions.append(Action(_("Reformasi birokrasi"),
                              reverse("reform:staff-home", args=[code])))
    if can(user, Purpose.AUDIT, satker):
        actions.append(Action(_("Jejak audit"), reverse("organisations:staff-audit", args=[code])))
    return actions


def dashboard_for(user) -> Dashboard:
    by_satker: dict[int, SatkerCard] = {}
    for membership in memberships_of(user):
        card = by_satker.setdefault(membership.satker_id, SatkerCard(membership.satker))
        card.roles.append(Role(membership.role).label)
    for card in by_satker.values():
        card.actions = _actions(user, card.satker)
    evaluated_qs = Satker.objects.none()
    if any(m.role == Role.EVALUATOR for m in memberships_of(user)) or is_system_admin(user):
        evaluated_qs = (satkers_for(user, Purpose.EVALUATION, write=True)
                        .annotate(n_children=Count("children")).order_by("code"))
    evaluated = list(evaluated_qs[:60])
    links = []
    if evaluated:
        links.append(Action(_("Evaluasi laporan RB"), reverse("reform:eval-inbox")))
        links.append(Action(_("Rekomendasi tindak lanjut"),
                            reverse("reform:eval-recommendations")))
    if is_system_admin(user) or any(m.satker.level == "pusat" for m in memberships_of(user)):
        links.append(Action(_("Dasbor RB nasional"), reverse("reform:dashboard-national")))
    return Dashboard(
        links=links,
        cards=sorted(by_satker.values(), key=lambda c: c.satker.code),
        is_system_admin=is_system_admin(user),
        evaluated=evaluated,
        evaluated_count=evaluated_qs.count(),
    )
