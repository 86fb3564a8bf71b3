"""What the open data catalog contributes to the platform (see ``prima.core.registry``): the
catalog purpose, the datasets on the staff home with what waits (drafts, datasets and versions
awaiting review, failed ingestions), published datasets as evidence, the public links, audit
labels, URLs (the CKAN Action API included), the JSON API, reference data and the demo.

URLs are referred to by name only and models through their fields, so this module does not
depend on how the app's views, services or querysets are split.
"""

from django.db.models import Count, F, OuterRef, Q, Subquery
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
    DueItem,
    Figure,
    NavEntry,
    Rule,
    SatkerLink,
    StaffRole,
    UrlMount,
    UrlView,
    Workload,
)
from prima.organisations.choices import Role
from prima.organisations.policies import MANAGERS, Purpose, can, memberships_of

from . import choices
from .choices import WALIDATA
from .models import Dataset, ResourceVersion


def _workload(ctx):
    """Drafts and datasets in review, versions awaiting the schema review and failed
    ingestions of the satkers where the person writes the catalog (two queries)."""
    satkers = ctx.satkers_where(lambda user, s: can(user, Purpose.CATALOG, s, write=True))
    if not satkers:
        return []
    ids = [s.pk for s in satkers]
    status = choices.DatasetStatus
    datasets = {row["satker"]: row for row in (
        Dataset.objects.filter(satker__in=ids, status__in=(status.DRAFT, status.IN_REVIEW))
        .values("satker").order_by()
        .annotate(n_draft=Count("pk", filter=Q(status=status.DRAFT)),
                  n_review=Count("pk", filter=Q(status=status.IN_REVIEW))))}
    waiting = (choices.VersionStatus.REVIEW, choices.VersionStatus.FAILED)
    oldest = (ResourceVersion.objects
              .filter(status__in=waiting,
                      resource__dataset__satker=OuterRef("resource__dataset__satker"))
              .order_by("created_at", "pk"))
    versions = {row["satker"]: row for row in (
        ResourceVersion.objects.filter(status__in=waiting, resource__dataset__satker__in=ids)
        .values(satker=F("resource__dataset__satker"))
        .order_by()
        .annotate(n_schema=Count("pk", filter=Q(status=choices.VersionStatus.REVIEW)),
                  n_failed=Count("pk", filter=Q(status=choices.VersionStatus.FAILED)),
                  oldest_title=Subquery(oldest.values("resource__dataset__title")[:1]),
                  oldest_slug=Subquery(oldest.values("resource__dataset__slug")[:1]),
                  oldest_resource=Subquery(oldest.values("resource__slug")[:1]),
                  oldest_number=Subquery(oldest.values("number")[:1]),
                  oldest_at=Subquery(oldest.values("created_at")[:1])))}
    home = reverse("catalog:staff-datasets")
    result = []
    for satker in satkers:
        d, v = datasets.get(satker.pk, {}), versions.get(satker.pk, {})
        figures = [
            Figure(d.get("n_draft", 0), ngettext("%(n)d dataset draf", "%(n)d dataset draf",
                                                 d.get("n_draft", 0)) % {"n": d.get("n_draft", 0)},
                   f"{home}?status={status.DRAFT}"),
            Figure(d.get("n_review", 0), ngettext(
                "%(n)d dataset menunggu pemeriksaan", "%(n)d dataset menunggu pemeriksaan",
                d.get("n_review", 0)) % {"n": d.get("n_review", 0)},
                f"{home}?status={status.IN_REVIEW}", tone="soon"),
            Figure(v.get("n_schema", 0), ngettext(
                "%(n)d versi menunggu pemeriksaan skema", "%(n)d versi menunggu pemeriksaan skema",
                v.get("n_schema", 0)) % {"n": v.get("n_schema", 0)}, home, tone="soon"),
            Figure(v.get("n_failed", 0), ngettext(
                "%(n)d unggahan gagal diproses", "%(n)d unggahan gagal diproses",
                v.get("n_failed", 0)) % {"n": v.get("n_failed", 0)}, home, tone="late"),
        ]
        figures = tuple(f for f in figures if f.count)
        if not figures:
            continue
        due = ()
        if v:
            due = (DueItem(v["oldest_title"], reverse(
                "catalog:staff-version",
                args=[v["oldest_slug"], v["oldest_resource"], v["oldest_number"]]),
                v["oldest_at"], _("diunggah")),)
        result.append(Workload(_("Katalog data"), home, satker.pk, figures, due, order=30))
    return result


def _review_workload(ctx):
    """For a walidata: the datasets in review in the subtree of each satker where they are
    walidata (Satu Data; one query whatever the number of satkers)."""
    from prima.core.scope import subtree_q

    satkers = [s for s in ctx.satkers
               if any(m.role == WALIDATA and m.satker_id == s.pk
                      for m in memberships_of(ctx.user))]
    if not satkers:
        return []
    counts = Dataset.objects.filter(status=choices.DatasetStatus.IN_REVIEW).aggregate(**{
        f"s{s.pk}": Count("pk", filter=subtree_q(s, field="satker")) for s in satkers})
    url = reverse("catalog:staff-review-queue")
    result = []
    for satker in satkers:
        n = counts[f"s{satker.pk}"]
        figure = Figure(n, ngettext("%(n)d dataset menunggu pemeriksaan walidata",
                                    "%(n)d dataset menunggu pemeriksaan walidata", n)
                        % {"n": n}, url, tone="soon")
        result.append(Workload(_("Pemeriksaan walidata"), url, satker.pk,
                               (figure,) if n else (), order=31))
    return result


def _all_workload(ctx):
    return [*_workload(ctx), *_review_workload(ctx)]


def _is_walidata_of(user, satker) -> bool:
    return any(m.role == WALIDATA and m.satker_id == satker.pk for m in memberships_of(user))


def _published(satker):
    return (Dataset.objects.filter(satker=satker, status=choices.DatasetStatus.PUBLISHED)
            .order_by("title"))


def _dataset_visible(user, dataset) -> bool:
    from .policies import can_preview_dataset

    return dataset.status == choices.DatasetStatus.PUBLISHED or can_preview_dataset(
        user, dataset)


def _dataset_public_url(dataset) -> str:
    if dataset.status != choices.DatasetStatus.PUBLISHED:
        return ""
    return reverse("catalog:dataset-detail", args=[dataset.slug])


def _recover_ingestions() -> dict:
    from .tasks import recover_interrupted_ingestions

    recovered = recover_interrupted_ingestions()
    return {"ingestions_retried": len(recovered["retried"]),
            "ingestions_failed": len(recovered["failed"])}


def _forget_process_state():
    """The catalog keeps public lookups and buffered usage counts per process."""
    from . import usage
    from .views_public import public_lookups

    public_lookups.clear()
    usage._buffer.take()


def _demo(stdout=None):
    from .demo import load_catalog_demo

    return load_catalog_demo(stdout=stdout)



capability = Capability(
    label=_("Katalog data terbuka"),
    purposes=(
        AccessPurpose("CATALOG", "catalog", _("Katalog data terbuka"),
                      Rule(read=ALL_ROLES, write=MANAGERS | {Role.PPID})),
        # Satu Data Indonesia (Perpres 39/2019): the walidata checks data and metadata before
        # publication. The role covers its satker and every satker below (catalog policies,
        # core.scope), so evaluators get nothing more from this purpose.
        AccessPurpose("CATALOG_REVIEW", "catalog_review", _("Pemeriksaan walidata"),
                      Rule(read=frozenset({WALIDATA}), write=frozenset({WALIDATA}),
                           evaluator_reads_below=False)),
    ),
    roles=(StaffRole(WALIDATA, _("Walidata")),),
    card_links=(
        CardLink(_("Katalog data"), lambda s: reverse("catalog:staff-datasets"),
                 lambda user, s: can(user, Purpose.CATALOG, s), order=70),
        CardLink(_("Pemeriksaan walidata"), lambda s: reverse("catalog:staff-review-queue"),
                 _is_walidata_of, order=71),
        CardLink(_("Pengaturan penerbitan"),
                 lambda s: reverse("catalog:staff-catalog-setting", args=[s.code]),
                 _is_walidata_of, order=72),
    ),
    workload=_all_workload,
    nav=(NavEntry(_("Data terbuka"), "catalog:search", order=20),),
    satker_links=(
        SatkerLink(_("Data terbuka"),
                   lambda s: f"{reverse('catalog:search')}?satker={s.code}", order=20),
    ),
    audit_actions=choices.AuditAction,
    evidence=(
        EvidenceSource(
            key="dataset", label=_("Dataset terbit"), model="catalog.Dataset",
            records=_published,
            search=lambda records, text: records.filter(title__icontains=text),
            title=lambda dataset: dataset.title,
            staff_url=lambda dataset: reverse("catalog:staff-dataset", args=[dataset.slug]),
            public_url=_dataset_public_url, visible_to=_dataset_visible, related=("satker",),
            order=20),
    ),
    matrix=("prima.catalog.tests.matrix",),
    demo=DemoStep(run=_demo, order=40),
    reference_data=(
        ("prima.catalog.migrations.0002_default_licences", "add_licences"),
        ("prima.catalog.migrations.0003_default_topics", "add_topics"),
        ("prima.catalog.migrations.0007_topic_english_names", "add_english_names"),
    ),
    urls=(
        UrlMount("", "prima.catalog.urls"),
        UrlMount("api/3/action/", "prima.catalog.ckan_urls"),
        # ckanapi and older CKAN clients call the unversioned path.
        UrlView("api/action/<str:action>", "prima.catalog.ckan_api.action_view"),
        # CKAN clients probe the API root for its version.
        UrlView("api/3", "prima.catalog.ckan.dispatch.api_v3"),
        UrlView("api/3/", "prima.catalog.ckan.dispatch.api_v3"),
        UrlView("api", "prima.catalog.ckan.dispatch.api_version"),
    ),
    api=(ApiMount("/katalog/", "prima.catalog.api:router"),),
    process_caches=(_forget_process_state,),
    sweeps=(_recover_ingestions,),
)
