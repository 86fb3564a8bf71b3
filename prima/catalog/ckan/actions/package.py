"""Package actions: search, list and show published datasets, their resources, tags and the
licences they may carry."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ...choices import UsageKind
from ...models import Dataset, Licence, Resource, Tag
from ...querysets import published_q
from ...usage import record_usage
from .. import solr
from ..errors import NotFound, SearchQueryError
from ..params import boolean, integer, required, str_list
from ..shapes import is_listed, package_dict, resource_dict

MAX_ROWS = 1000  # package_search rows, like CKAN's ckan.search.rows_max
DEFAULT_ROWS = 10
FACET_LIMIT = 50
UNLIMITED_FACETS = 100_000  # facet.limit=-1: every value (a facet never has more)


def packages():
    """Published datasets with everything ``package_dict`` shows."""
    return Dataset.objects.published().with_public_resources()


def get_dataset(params) -> Dataset:
    """The published dataset named (or numbered) by ``id``."""
    key = required(params, "id")
    datasets = packages()
    found = datasets.filter(slug=key).first()
    if found is None and key.isdigit():
        found = datasets.filter(pk=int(key)).first()
    if found is None:
        raise NotFound(_("Dataset tidak ditemukan."))
    return found


def get_resource(params, name="id") -> Resource:
    """The resource of a published dataset numbered by ``name``."""
    key = required(params, name)
    resource = None
    if key.isdigit():
        resource = (Resource.objects.published()
                    .select_related("dataset__satker", "current_version")
                    .filter(pk=int(key)).first())
    if resource is None:
        raise NotFound(_("Sumber data tidak ditemukan."))
    return resource


def package_search(request, params):
    """Search published datasets: q (words, "phrases", field:value), fq (field:value terms for
    organization, tags, groups, res_format, license_id, name, id, metadata_modified:[a TO b]),
    rows (max 1000), start, sort (e.g. "metadata_modified desc", "title_string asc",
    "score desc"), facet.field (JSON list of organization, groups, tags, res_format,
    license_id), facet.limit, facet.mincount."""
    q_condition, words = solr.parse_terms(str(params.get("q") or ""))
    fq_condition, fq_words = solr.parse_terms(str(params.get("fq") or ""))
    if fq_words:
        raise SearchQueryError(_("fq hanya menerima syarat kolom:nilai."))
    datasets = Dataset.objects.published().filter(q_condition & fq_condition)
    if words:
        # The catalog's one search (``DatasetQuerySet.search``), as on the public search page.
        datasets = datasets.search(words)
    sort = str(params.get("sort") or "score desc, metadata_modified desc")
    rows = integer(params, "rows", DEFAULT_ROWS, maximum=MAX_ROWS)
    start = integer(params, "start", 0)
    ordering = solr.order_by(sort, bool(words))
    facet_fields = str_list(params, "facet.field") or str_list(params, "facet_field") or []
    result = {"count": datasets.count(), "sort": sort}
    if boolean(params, "facet", True) and facet_fields:
        facets, search_facets = solr.facets(datasets, facet_fields, _facet_limit(params),
                                            integer(params, "facet.mincount", 1))
    else:
        facets, search_facets = {}, {}
    page_pks = list(datasets.order_by(*ordering).values_list("pk", flat=True)
                    [start:start + rows]) if rows else []
    by_pk = packages().in_bulk(page_pks)
    page = [by_pk[pk] for pk in page_pks]
    result.update({"results": [package_dict(request, d) for d in page], "facets": facets,
                   "search_facets": search_facets})
    return result


def _facet_limit(params) -> int:
    """``facet.limit``: a negative value means no limit (Solr's and CKAN's ``-1``)."""
    raw = params.get("facet.limit")
    try:
        if raw not in (None, "") and int(raw) < 0:
            return UNLIMITED_FACETS
    except (TypeError, ValueError):
        pass  # ``integer`` names the parameter in its error
    return integer(params, "facet.limit", FACET_LIMIT, maximum=MAX_ROWS) or FACET_LIMIT


def package_list(request, params):
    """Names of all published datasets, sorted; optional limit and offset."""
    offset = integer(params, "offset", 0)
    limit = integer(params, "limit", None)
    names = Dataset.objects.published().order_by("slug").values_list("slug", flat=True)
    return list(names[offset:offset + limit] if limit is not None else names[offset:])


def package_show(request, params):
    """One published dataset by id or name, with its resources, organization and groups."""
    dataset = get_dataset(params)
    record_usage(dataset=dataset, kind=UsageKind.API)
    return package_dict(request, dataset)


def resource_show(request, params):
    """One resource (by id) of a published dataset."""
    resource = get_resource(params)
    if not is_listed(resource):
        raise NotFound(_("Sumber data tidak ditemukan."))
    return resource_dict(request, resource, resource.dataset)


def tag_list(request, params):
    """Tags of published datasets, sorted; query narrows by substring; all_fields for
    dictionaries."""
    tags = Tag.objects.filter(published_q("datasets__")).distinct()
    if query := str(params.get("query") or params.get("q") or "").strip():
        tags = tags.filter(name__icontains=query)
    tags = tags.order_by("name")
    if boolean(params, "all_fields"):
        return [{"id": str(t.pk), "name": t.name, "display_name": t.name,
                 "vocabulary_id": None} for t in tags]
    return [t.name for t in tags]


def license_list(request, params):
    """The licences datasets can carry."""
    return [{"id": lic.id, "title": lic.title, "url": lic.url, "status": "active",
             "od_conformance": "approved" if lic.is_open else "not reviewed",
             "osd_conformance": "not reviewed"} for lic in Licence.objects.order_by("id")]
