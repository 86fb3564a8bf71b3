"""Public catalog pages: search with facets, the dataset page, the table page with its ``.json``
and ``.csv`` twins, the streamed export and downloads of original files.

The search lists published datasets only (``Dataset.objects.published()``, as the JSON API,
the CKAN adapter and DCAT). The dataset and table pages come through
``policies.datasets_visible_to(user)``: published ones for everybody, drafts and withdrawn ones
only for the satker's staff (preview), else 404.
"""

from __future__ import annotations

import csv
import dataclasses
import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from prima.core.localcache import LocalTTLCache
from prima.core.pagecache import public_page, replay_on_hit
from prima.core.scope import ROOT_CODE, subtree_q
from prima.core.spreadsheets import XLSX_CONTENT_TYPE, safe_cell
from prima.organisations.public_data import satker_names

from .. import policies, tables
from ..choices import ColumnAccess, UsageKind
from ..engine.access import has_restricted_columns, public_view, restricted_names
from ..models import ColumnMetadata, Dataset, Resource, ResourceVersion, Tag, Topic, topic_label
from ..querysets import search_words
from ..search import published_matches
from ..usage import record_usage
from . import table_html, table_page
from .common import original_file

PAGE_SIZE = 20
BACKGROUND_FORMATS = ("csv", "json", "xlsx")  # parquet is written by DuckDB at once
FACET_SIZE = 15
EXPORT_CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": XLSX_CONTENT_TYPE,
    "parquet": "application/vnd.apache.parquet",
}


SEARCH_IDS_INLINE = 5000  # matching datasets passed to the facet queries as a list, at most


def _count(request, dataset, resource=None, kind=UsageKind.VIEW) -> None:
    """Count public use only: the satker's own previews are not usage."""
    if dataset.is_published and not policies.can_preview_dataset(request.user, dataset):
        record_usage(dataset=dataset, resource=resource, kind=kind)
        # Answered again from the page cache: counted again (prima/core/pagecache.py).
        replay_on_hit(request, "prima.catalog.usage:record_usage", dataset=dataset.pk,
                      resource=resource.pk if resource else None, kind=str(kind))


# --- Search -------------------------------------------------------------------------------------


def _satker_facet(datasets, params) -> list[dict]:
    """Dataset counts per satker, rolled up the tree (a province counts its kab/kota's)."""
    rows = datasets.order_by().values("satker__code").annotate(n=Count("pk", distinct=True))
    direct = {row["satker__code"]: row["n"] for row in rows}
    totals: dict[str, int] = {}
    for code, n in direct.items():
        parts = code.split(".")
        chain = [ROOT_CODE] if code == ROOT_CODE else [ROOT_CODE] + [
            ".".join(parts[:i]) for i in range(1, len(parts) + 1)]
        for ancestor in chain:
            totals[ancestor] = totals.get(ancestor, 0) + n
    names = satker_names(totals)
    selected = params.get("satker", "")
    entries = [{"value": code, "label": names.get(code, code), "count": n,
                "selected": code == selected,
                "url": tables.url_with(params, drop=("page",), set_={"satker": code})}
               for code, n in totals.items() if code in names]
    entries.sort(key=lambda e: (-e["count"], e["value"]))
    return entries[:FACET_SIZE]


def _facet(params, name, rows) -> list[dict]:
    selected = params.get(name, "")
    return [{"value": value, "label": label, "count": n, "selected": str(value) == selected,
             "url": tables.url_with(params, drop=("page",), set_={name: value})}
            for value, label, n in rows]


@require_GET
@public_page
def search(request):
    params = request.GET
    q = params.get("q", "").strip()[:200]
    words = search_words(q)
    filters = {
        "satker": lambda v: subtree_q(v, field="satker"),
        "topic": lambda v: Q(topics__slug=v),
        "tag": lambda v: Q(tags__name=v),
        "format": lambda v: Q(resources__format__iexact=v),
        "licence": lambda v: Q(licence_id=v),
    }

    def matching():
        datasets = Dataset.objects.published()
        if words:
            # Every word, in any order, in any field: the same search as CKAN's package_search.
            datasets = datasets.search(words)
        for name, condition in filters.items():
            value = params.get(name, "").strip()
            if value:
                datasets = datasets.filter(condition(value)).distinct()
        return datasets

    # The matching ids, computed once: the search condition is a tree of subqueries per word
    # and field, and compiling it into each facet query, the count and the page cost ~60 ms
    # (issue 13). A very large result keeps the subquery (SQLite's limit on parameters).
    # The same query brings each dataset's score, so the ranking needs no second search.
    if words and not any(params.get(name, "").strip() for name in filters):
        # The common search, words only: its SQL is built once per number of words (the ORM
        # took ~15 ms to build that query, the database ~2 ms to run it).
        found = published_matches(words, SEARCH_IDS_INLINE + 1)
    else:
        found = list(matching().values_list("pk", "published_at",
                                            *(["score"] if words else []))
                     [:SEARCH_IDS_INLINE + 1])
    ids = ([row[0] for row in found] if len(found) <= SEARCH_IDS_INLINE
           else matching().values("pk"))
    base = Dataset.objects.filter(pk__in=ids)
    facets = {
        "satker": _satker_facet(base, params),
        "topic": _facet(params, "topic", [
            (r["slug"], topic_label(r["name"], r["name_en"]), r["n"]) for r in
            Topic.objects.filter(datasets__in=ids).values("slug", "name", "name_en")
            .annotate(n=Count("datasets", distinct=True)).order_by("-n", "name")[:FACET_SIZE]]),
        "tag": _facet(params, "tag", [
            (r["name"], r["name"], r["n"]) for r in
            Tag.objects.filter(datasets__in=ids).values("name")
            .annotate(n=Count("datasets", distinct=True)).order_by("-n", "name")[:FACET_SIZE]]),
        "format": _facet(params, "format", [
            (r["format"], r["format"], r["n"]) for r in
            Resource.objects.filter(dataset__in=ids).exclude(format="").values("format")
            .annotate(n=Count("dataset", distinct=True)).order_by("-n", "format")
            [:FACET_SIZE]]),
        "licence": _facet(params, "licence", [
            (r["licence_id"], r["licence__title"], r["n"]) for r in
            base.values("licence_id", "licence__title").annotate(n=Count("pk"))
            .order_by("-n")[:FACET_SIZE]]),
    }
    def with_relations(queryset):
        return (queryset.select_related("satker", "licence")
                .prefetch_related("topics", "tags",
                                  Prefetch("resources", queryset=Resource.objects.only(
                                      "id", "dataset_id", "format", "position"))))

    if isinstance(ids, list):
        # Ranked here from the scores found above: -score, -published_at, -pk (a missing
        # publication date last, as SQLite orders it).
        order = sorted(found, key=lambda row: (
            -(row[2] if words else 0), row[1] is None,
            -(row[1].timestamp() if row[1] else 0), -row[0]))
        page_obj = Paginator([row[0] for row in order], PAGE_SIZE).get_page(params.get("page"))
        rows = with_relations(Dataset.objects.all()).in_bulk(list(page_obj.object_list))
        page_obj.object_list = [rows[pk] for pk in page_obj.object_list if pk in rows]
    else:  # a very large result: ranked by the database
        ranked = base.search(words) if words else base
        listing = with_relations(ranked).order_by(*(["-score"] if words else []),
                                                  "-published_at", "-pk")
        page_obj = Paginator(listing, PAGE_SIZE).get_page(params.get("page"))
    active = []
    labels = {"satker": _("Satker"), "topic": _("Topik"), "tag": _("Label"),
              "format": _("Format"), "licence": _("Lisensi")}
    for name in filters:
        value = params.get(name)
        if value:
            active.append({"name": labels[name], "value": value,
                           "remove_url": tables.url_with(params, drop=(name, "page"))})
    query_params = params.copy()
    query_params.pop("page", None)
    return render(request, "catalog/public/search.html", {
        "q": q, "page_obj": page_obj, "facets": facets, "active": active,
        "query_string": query_params.urlencode(),
        "facet_titles": labels,
    })


# --- Dataset page -------------------------------------------------------------------------------


def _visible_dataset(request, slug) -> Dataset:
    return get_object_or_404(
        policies.datasets_visible_to(request.user).select_related("satker", "licence"),
        slug=slug)


@require_GET
def dataset_detail(request, slug):
    dataset = _visible_dataset(request, slug)
    versions = ResourceVersion.objects.filter(
        status__in=policies.PUBLIC_VERSION_STATUSES).order_by("-number")
    resources = list(dataset.resources.select_related("current_version")
                     .prefetch_related(Prefetch("versions", queryset=versions,
                                                to_attr="public_versions")))
    # A resource with a restricted column has no public original upload (``resource_download``).
    restricted = set(ColumnMetadata.objects.filter(
        resource__dataset=dataset, access=ColumnAccess.RESTRICTED)
        .values_list("resource_id", flat=True))
    staff = bool(restricted) and policies.can_preview_dataset(request.user, dataset)
    for r in resources:
        r.original_public = staff or r.pk not in restricted
    _count(request, dataset)
    return render(request, "catalog/public/dataset_detail.html", {
        "dataset": dataset, "resources": resources,
        "topics": list(dataset.topics.all()), "tags": list(dataset.tags.all()),
        "is_preview": not dataset.is_published,
        "ckan_url": "/api/3/action/package_show?id=" + dataset.slug,
    })


# --- Table page and its twins -------------------------------------------------------------------


def _table_resource(request, slug, resource_slug) -> tuple[Dataset, Resource]:
    dataset = _visible_dataset(request, slug)
    resource = get_object_or_404(Resource.objects.select_related("current_version"),
                                 dataset=dataset, slug=resource_slug, is_tabular=True,
                                 current_version__isnull=False)
    resource.dataset = dataset
    return dataset, resource


def _table_page_resource(request, slug, resource_slug):
    """``(dataset, resource, public version)`` of the table page: a published table from the
    process's snapshot (``table_page.published_table``), any other through the user's
    visibility as ``_table_resource`` (a preview, or 404)."""
    found = table_page.published_table(slug, resource_slug)
    if found is not None:
        return found
    dataset, resource = _table_resource(request, slug, resource_slug)
    return dataset, resource, public_view(resource.current_version)


@require_GET
@public_page
def resource_table(request, slug, resource_slug):
    dataset, resource, version = _table_page_resource(request, slug, resource_slug)
    target = tables.canonical_filter_redirect(request.GET)
    if target is not None:
        return redirect(request.path + "?" + target)
    parts = table_page.page_parts(dataset, resource, version)
    view = tables.build(version, request.GET, columns_labelled=parts["columns_labelled"],
                        choices=parts["choices"])
    _count(request, dataset, resource)
    export_query = tables.engine_params(request.GET)
    for name in ("_after", "_size", "_facet", "_group_by", "_metric"):
        export_query.pop(name, None)
    export_text = export_query.urlencode()
    exports = [(label, base + ("?" + export_text if export_text else ""))
               for label, base in parts["export_bases"]]
    twin_query = request.GET.urlencode()
    twin_base = parts["twin_base"]
    if view.choices is parts["choices"]:
        datalists, filter_options = parts["datalists_html"], parts["filter_column_options"]
    else:  # an engine error before the filter values: the page offers none (as before)
        datalists = table_html.datalists_html(view.choices)
        filter_options = table_html.column_options_html(view.columns_labelled,
                                                        choices=view.choices)
    return render(request, "catalog/public/resource_table.html", {
        "dataset": dataset, "resource": resource, "version": version, "view": view,
        "rows_html": table_html.rows_html(view.rows),
        "datalists_html": datalists,
        "dictionary_html": parts["dictionary_html"],
        "filter_column_options": filter_options,
        "column_options": parts["column_options"],
        "group_column_options": (table_html.column_options_html(view.columns_labelled,
                                                                selected=view.group_by)
                                 if view.group_by else parts["column_options"]),
        "hidden_search_html": table_html.hidden_html(view.hidden_search),
        "hidden_filter_html": table_html.hidden_html(view.hidden_filter),
        "hidden_facet_html": table_html.hidden_html(view.hidden_facet),
        "hidden_group_html": table_html.hidden_html(view.hidden_group),
        "headers_html": table_html.headers_html(view.headers, _("Urutkan")),
        "ops_html": parts["ops_html"],
        "metric_options_html": (parts["metric_options_html"] if view.metric == "count" else
                                table_html.options_html(parts["metric_options"],
                                                        selected=view.metric)),
        "exports": exports,
        "json_url": twin_base + ("?" + twin_query if twin_query else ""),
        "csv_url": twin_base[: -len(".json")] + ".csv" + ("?" + twin_query if twin_query
                                                            else ""),
        "is_preview": not dataset.is_published,
        # With a restricted column the original upload is not public (``resource_download``).
        "original_public": not getattr(version, "hidden_columns", None),
    }, status=400 if view.error else 200)


_JSON_PLAIN = frozenset({type(None), bool, int, float, str})


def _json_value(value):
    if type(value) in _JSON_PLAIN or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return str(value)


def _public_lookup_seconds() -> float:
    return float(getattr(settings, "CATALOG_PUBLIC_LOOKUP_SECONDS", 0))


# (dataset slug, resource slug) -> (dataset, resource) of published data, for anonymous
# requests only; cleared on any change of this process's datasets, resources or versions
# (``apps.py``), other processes see a change within ``CATALOG_PUBLIC_LOOKUP_SECONDS``.
public_lookups = LocalTTLCache(_public_lookup_seconds)


def _json_resource(request, slug, resource_slug) -> tuple[Dataset, Resource]:
    """The dataset and tabular resource of a ``.json`` request in one query of only the
    fields the twin needs (the HTML page loads them in two, with every field). Anonymous
    requests reuse a recent lookup (``public_lookups``): what they may see is published data,
    the same for everyone."""
    anonymous = not request.user.is_authenticated
    if anonymous and (found := public_lookups.get((slug, resource_slug))) is not None:
        return found
    visible = policies.datasets_visible_to(request.user)
    resource = get_object_or_404(
        Resource.objects.select_related("dataset", "current_version").only(
            "id", "slug", "dataset_id", "current_version_id", "dataset__id", "dataset__slug",
            "dataset__status", "dataset__satker_id", "current_version__id",
            "current_version__schema", "current_version__status"),
        dataset__in=visible, dataset__slug=slug, slug=resource_slug, is_tabular=True,
        current_version__isnull=False)
    # The public view (restricted columns left out) is kept with the lookup.
    resource.current_version = public_view(resource.current_version,
                                           restricted_names(resource.pk))
    if anonymous:
        public_lookups.put((slug, resource_slug), (resource.dataset, resource))
    return resource.dataset, resource


def _flag(params, name) -> bool:
    return params.get(name, "").strip().lower() in ("1", "true", "ya", "on")


def _json_error(exc: ValidationError) -> JsonResponse:
    return JsonResponse({"error": " ".join(exc.messages)}, status=400,
                        json_dumps_params={"ensure_ascii": False})


def _json_columns(columns) -> list[dict]:
    return [{key: column.get(key) for key in ("name", "label", "type", "is_code")}
            for column in columns]


def _json_rows(page) -> list[dict]:
    # A type lookup first: most cells are plain (1,000 groups: ~1.8 -> ~0.4 ms).
    plain = _JSON_PLAIN
    return [{k: v if type(v) in plain else _json_value(v) for k, v in row.items()}
            for row in page.rows]


def _json_next(request, page) -> tuple[str | None, str | None]:
    if not page.next_after:
        return None, None
    return page.next_after, request.build_absolute_uri(request.path + tables.url_with(
        request.GET, set_={"_after": page.next_after}))


@require_GET
def resource_table_json(request, slug, resource_slug):
    """The table view as lean JSON, straight from the engine.

    - plain: ``{"columns", "rows", "total", "next", "next_url"}`` (a page of rows);
    - ``_group_by=col&_metric=sum:x`` (repeatable): the aggregated rows in the same shape
      (``total`` = number of groups, paged with ``next``);
    - ``_facet=col`` (repeatable, ``_facet_size`` 1-1000, default 20): ``{"facets": {col:
      [{"value", "count"}]}, "total"}``, plus the page of rows only when ``_size`` is given;
    - ``_size=0``: no rows; ``_nocount=1``: no total (``null``), the count is skipped.
    """
    from ..engine import query as engine
    from ..engine.aggregate import aggregate

    dataset, resource = _json_resource(request, slug, resource_slug)
    version = resource.current_version
    params = tables.engine_params(request.GET)
    size_text = params.get("_size", "").strip()
    facet_only = bool(params.get("_facet")) and not params.get("_group_by")
    want_rows = size_text != "0" and (not facet_only or bool(size_text))
    want_total = not _flag(params, "_nocount")
    if size_text == "0":
        params.pop("_size")
    try:
        query = engine.parse_query(params, version.schema)
        body = {}
        if query.group_by:
            if want_rows:
                page = aggregate(version, query, query.group_by,
                                        query.metrics or [("count", None)],
                                        with_total=want_total)
                body["columns"] = _json_columns(page.columns)
                body["rows"] = _json_rows(page)
                body["total"] = page.total
                body["next"], body["next_url"] = _json_next(request, page)
            elif want_total:
                body["total"] = aggregate(
                    version, dataclasses.replace(query, limit=1, sort=[]), query.group_by,
                    query.metrics or [("count", None)]).total
        else:
            if want_rows:
                page = engine.run_query(version, query, with_total=want_total)
                body["columns"] = _json_columns(page.columns)
                body["rows"] = _json_rows(page)
                body["total"] = page.total
                body["next"], body["next_url"] = _json_next(request, page)
            elif want_total:
                body["total"] = engine.count_rows(version, query)
            if query.facets:
                try:
                    facet_size = int(params.get("_facet_size") or tables.FACET_LIMIT)
                except ValueError:
                    facet_size = 0
                if not 1 <= facet_size <= engine.MAX_PAGE:
                    raise ValidationError(_("_facet_size harus bilangan 1 sampai %(n)s.")
                                          % {"n": engine.MAX_PAGE}, code="facet_size")
                counts = engine.facet_counts(version, query, query.facets, limit=facet_size)
                body["facets"] = {name: [{"value": _json_value(value), "count": n}
                                         for value, n in values]
                                  for name, values in counts.items()}
    except ValidationError as exc:
        return _json_error(exc)
    # As ``_count``, without loading the satker for anonymous users (they preview nothing).
    if dataset.is_published and not (
            request.user.is_authenticated and policies.can_preview_dataset(request.user,
                                                                           dataset)):
        record_usage(dataset=dataset, resource=resource, kind=UsageKind.API)
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@require_GET
def resource_table_csv(request, slug, resource_slug):
    """The current page of the table view as CSV (the whole view: ``resource-export``)."""
    dataset, resource = _table_resource(request, slug, resource_slug)
    view = tables.build(public_view(resource.current_version), request.GET, with_facets=False,
                        with_aggregation=False)
    if view.error:
        return HttpResponse(view.error, status=400, content_type="text/plain; charset=utf-8")
    _count(request, dataset, resource, UsageKind.API)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    names = [c["name"] for c in view.columns]
    writer.writerow(names)
    for row in view.page.rows:
        writer.writerow([safe_cell(row.get(name)) for name in names])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{dataset.slug}-{resource.slug}.csv"'
    return response


@require_GET
def resource_export(request, slug, resource_slug, fmt):
    """The whole current view (filters, search, sort), streamed in constant memory."""
    from ..engine.export import stream_export

    if fmt not in tables.EXPORT_FORMATS:
        raise Http404
    dataset, resource = _table_resource(request, slug, resource_slug)
    version = public_view(resource.current_version)
    params = tables.engine_params(request.GET)
    for name in ("_after", "_size", "_facet", "_group_by", "_metric"):
        params.pop(name, None)
    from ..engine import query as engine_query

    try:
        query = engine_query.parse_query(params, version.schema)
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400,
                            content_type="text/plain; charset=utf-8")
    if fmt in BACKGROUND_FORMATS and not (query.group_by or query.metrics) and \
            engine_query.count_rows(version, query) > settings.CATALOG_EXPORT_BACKGROUND_ROWS:
        # Too many rows for one request: prepared in the background, with its progress.
        from .exports import start

        job = start(request, version, fmt)
        return redirect("catalog:export-status", token=job.token)
    _count(request, dataset, resource, UsageKind.DOWNLOAD)
    response = StreamingHttpResponse(stream_export(version, query, fmt),
                                     content_type=EXPORT_CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (f'attachment; filename="{dataset.slug}-'
                                       f'{resource.slug}.{fmt}"')
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def resource_download(request, slug, resource_slug, number=None):
    """The original uploaded file of the current version (or of ``number``)."""
    dataset = _visible_dataset(request, slug)
    resource = get_object_or_404(Resource.objects.select_related("current_version"),
                                 dataset=dataset, slug=resource_slug)
    if number is None:
        version = resource.current_version
        if version is None:
            if resource.url:
                return redirect(resource.url)
            raise Http404
    else:
        version = get_object_or_404(ResourceVersion, resource=resource, number=number)
    if not policies.can_download_version(request.user, version, dataset):
        raise Http404
    if not policies.can_preview_dataset(request.user, dataset) and \
            has_restricted_columns(version):
        # The original upload holds every column: with a restricted one (Satu Data MS-Var
        # public accessibility) it is not public; the table's exports leave that column out.
        raise Http404
    response = original_file(version)
    _count(request, dataset, resource, UsageKind.DOWNLOAD)
    return response
