"""Everything the test-only capability contributes, declared in one place like a real app."""

from django.db.models import Count
from django.urls import reverse

from prima.core.evidence import EvidenceSource
from prima.core.registry import (
    ALL_ROLES,
    AccessPurpose,
    Capability,
    CardLink,
    Figure,
    NavEntry,
    Rule,
    SatkerLink,
    SatkerSection,
    StaffRole,
    UrlMount,
    Workload,
)
from prima.organisations.models import Division
from prima.organisations.policies import MANAGERS, Purpose, can

from .choices import AuditAction

SURVEYOR = "surveyor"


def _workload(ctx):
    """Divisions per satker the person may check: one query for all their satkers."""
    satkers = ctx.satkers_where(lambda user, s: can(user, Purpose.FIXTURE, s, write=True))
    counts = dict(Division.objects.filter(satker__in=satkers).values("satker").order_by()
                  .annotate(n=Count("pk")).values_list("satker", "n"))
    return [Workload("Pemeriksaan uji", reverse("fixture_capability:staff", args=[s.code]),
                     s.pk, (Figure(counts.get(s.pk, 0),
                                   f"{counts.get(s.pk, 0)} divisi menunggu pemeriksaan uji"),))
            for s in satkers]


def _section(satker):
    count = satker.divisions.count()
    return {"divisions": count} if count else None


capability = Capability(
    label="Kapabilitas uji",
    purposes=(AccessPurpose("FIXTURE", "fixture", "Pemeriksaan uji",
                            Rule(read=ALL_ROLES, write=MANAGERS | {SURVEYOR})),),
    roles=(StaffRole(SURVEYOR, "Surveyor uji"),),
    card_links=(CardLink("Ruang uji", lambda s: reverse("fixture_capability:staff",
                                                        args=[s.code]),
                         lambda user, s: can(user, Purpose.FIXTURE, s), order=75),),
    workload=_workload,
    nav=(NavEntry("Layanan uji", "fixture_capability:public", order=40),),
    satker_links=(SatkerLink("Layanan uji satker",
                             lambda s: f"{reverse('fixture_capability:public')}?satker={s.code}",
                             order=40),),
    satker_sections=(SatkerSection("fixture_capability/section.html", _section),),
    audit_actions=AuditAction,
    evidence=(EvidenceSource(
        key="division", label="Divisi (uji)", model="organisations.Division",
        records=lambda satker: satker.divisions.order_by("name"),
        search=lambda records, text: records.filter(name__icontains=text),
        title=lambda division: division.name,
        staff_url=lambda division: reverse("organisations:staff-divisions",
                                           args=[division.satker.code]),
        visible_to=lambda user, division: can(user, Purpose.STAFF, division.satker)),),
    matrix=("tests.fixture_capability.matrix",),
    urls=(UrlMount("", "tests.fixture_capability.urls"),),
)
