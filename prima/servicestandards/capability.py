"""What service standards contribute to the platform (see ``prima.core.registry``): the
services purpose, the satker's service-standard workspace on the staff home with what waits
(SOP drafts, SOPs approved but not yet effective, services not yet published), the national
list in the navigation, the "Layanan" section of every satker page, effective SOPs as evidence,
audit labels, URLs and the demo."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from prima.core.evidence import EvidenceSource
from prima.core.registry import (
    ALL_ROLES,
    AccessPurpose,
    ApiMount,
    Capability,
    CardLink,
    DemoStep,
    Figure,
    NavEntry,
    Rule,
    SatkerSection,
    UrlMount,
    Workload,
)
from prima.organisations.choices import Role
from prima.organisations.policies import MANAGERS, Purpose, can

from .choices import AuditAction, SopStatus
from .models import Service, Sop


def _workload(ctx):
    """Per satker the person keeps: SOP drafts, SOPs awaiting approval to take effect and
    services not yet published (one query for all their satkers)."""
    satkers = ctx.satkers_where(lambda user, s: can(user, Purpose.SERVICES, s, write=True))
    if not satkers:
        return []
    rows = {row["satker"]: row for row in Service.objects.filter(satker__in=satkers)
            .values("satker").order_by().annotate(
                drafts=Count("sops", filter=Q(sops__status=SopStatus.DRAFT)),
                approved=Count("sops", filter=Q(sops__status=SopStatus.APPROVED)),
                unpublished=Count("pk", filter=Q(is_published=False), distinct=True))}
    result = []
    for satker in satkers:
        row = rows.get(satker.pk)
        if not row:
            continue
        url = reverse("servicestandards:staff-list", args=[satker.code])
        drafts, approved, unpublished = row["drafts"], row["approved"], row["unpublished"]
        figures = tuple(f for f in (
            Figure(drafts, ngettext("%(n)d draf SOP menunggu pengesahan",
                                    "%(n)d draf SOP menunggu pengesahan", drafts)
                   % {"n": drafts}, url, tone="soon"),
            Figure(approved, ngettext("%(n)d SOP disahkan, belum diberlakukan",
                                      "%(n)d SOP disahkan, belum diberlakukan", approved)
                   % {"n": approved}, url, tone="soon"),
            Figure(unpublished, ngettext("%(n)d layanan belum terbit",
                                         "%(n)d layanan belum terbit", unpublished)
                   % {"n": unpublished}, url),
        ) if f.count)
        if figures:
            result.append(Workload(_("Standar pelayanan"), url, satker.pk, figures, order=30))
    return result


def _published_services(satker_ids):
    """Published services per satker, with their number of effective SOPs (every satker's
    when ``satker_ids`` is None)."""
    from prima.core.snapshots import grouped

    rows = Service.objects.published()
    if satker_ids is not None:
        rows = rows.filter(satker_id__in=satker_ids)
    rows = (rows.annotate(n_sops=Count("sops", filter=Q(sops__status=SopStatus.EFFECTIVE)))
            .only("pk", "key", "name", "description", "satker_id"))
    return grouped((service.satker_id, service) for service in rows)


def _section(satker):
    """The satker page's "Layanan": no query while the satker pages' data is kept
    (``prima.organisations.public_data``)."""
    from prima.core.snapshots import for_key

    return {"services": for_key("servicestandards:services", satker.pk, _published_services,
                                [])}


def _sop_records(satker):
    return (Sop.objects.effective().filter(service__satker=satker)
            .select_related("service__satker").order_by("service__name", "channel"))


def _sop_title(sop):
    return f"{sop.name} ({sop.get_channel_display()}, rev. {sop.revision})"


def _demo(stdout=None):
    from .demo import load_servicestandards_demo

    load_servicestandards_demo()


capability = Capability(
    label=_("Standar pelayanan"),
    purposes=(
        # UU 25/2009 Pasal 21 and PermenPANRB 15/2014: the satker's leadership and its
        # service/information officers (PPID) keep the standards; everyone in the satker reads.
        AccessPurpose("SERVICES", "services", _("Standar pelayanan"),
                      Rule(read=ALL_ROLES, write=MANAGERS | {Role.PPID})),
    ),
    card_links=(
        CardLink(_("Standar pelayanan dan SOP"),
                 lambda s: reverse("servicestandards:staff-list", args=[s.code]),
                 lambda user, s: can(user, Purpose.SERVICES, s), order=85),
    ),
    workload=_workload,
    nav=(NavEntry(_("Standar pelayanan"), "servicestandards:public-list", order=40),),
    satker_sections=(SatkerSection("servicestandards/_satker.html", _section, order=20),),
    audit_actions=AuditAction,
    evidence=(
        EvidenceSource(
            key="sop", label=_("SOP"), model="servicestandards.Sop", records=_sop_records,
            search=lambda records, text: records.filter(
                Q(name__icontains=text) | Q(service__name__icontains=text)),
            title=_sop_title,
            staff_url=lambda sop: reverse("servicestandards:staff-sop",
                                          args=[sop.service.satker.code, sop.pk]),
            public_url=lambda sop: reverse("servicestandards:public-sop",
                                           args=[sop.service.satker.code, sop.pk])
            if sop.service.is_published else "",
            visible_to=lambda user, sop: can(user, Purpose.SERVICES, sop.service.satker),
            related=("service__satker",), order=40),
    ),
    matrix=("prima.servicestandards.tests.matrix",),
    demo=DemoStep(run=_demo, order=50),
    urls=(UrlMount("", "prima.servicestandards.urls"),),
    api=(ApiMount("/layanan/", "prima.servicestandards.api:router"),),
)
