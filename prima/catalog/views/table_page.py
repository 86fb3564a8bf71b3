"""What the table page shows the same way for every view of a published table, kept per process
(issue 13: a first request of the table page).

- ``published_table``: the dataset, tabular resource and public view of its current version
  (restricted columns left out, region-code columns named) of a published dataset, for every
  published table at once (two queries), instead of three queries per request;
- ``page_parts``: per table and language, the filter values (the most frequent values of the
  text columns), the columns' ``<option>`` lists and ``<datalist>`` elements, the metric
  options, the export and twin URLs and the data dictionary section with its region filter
  (553 satker options) rendered once.

Correctness is the page cache's (``prima.core.snapshots``): kept only under the page cache's
generation they were read in (any committed ORM write, in any process, moves it) and for at most
``PRIMA_PUBLIC_PAGE_CACHE_SECONDS``; with the page cache off (the test suite) each request loads
its own table through the same functions. Only published datasets are kept: drafts and withdrawn
ones (staff previews) take the view's own lookup with the user's visibility.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language

from prima.core.snapshots import for_key, snapshot
from prima.organisations.public_data import satker_names

from .. import satudata, tables
from ..choices import ColumnAccess, ColumnReference
from ..engine.access import public_view
from ..querysets import published_q
from . import table_html

# Tables × languages kept per generation, at most (a table's parts hold its data dictionary
# with the region filter's satker options: ~40 kB).
PARTS_KEPT = 256


def _public_version(resource):
    """``access.public_view`` of the resource's current version, from its prefetched column
    metadata (the same restricted and region-code columns ``public_view`` reads)."""
    hidden, regions = set(), set()
    for m in resource.column_metadata.all():
        if m.access == ColumnAccess.RESTRICTED:
            hidden.add(m.name)
        if m.reference == ColumnReference.WILAYAH:
            regions.add(m.name)
    version = public_view(resource.current_version, hidden)
    version.region_columns = regions
    return version


def published_tables(keys: list | None) -> dict:
    """``{(dataset slug, resource slug): (dataset, resource, public version)}`` of the tabular
    resources with a current version of published datasets (every one, or those of ``keys``)."""
    from ..models import Resource

    rows = (Resource.objects.filter(published_q("dataset__"), is_tabular=True,
                                    current_version__isnull=False)
            .select_related("dataset__satker", "dataset__licence", "current_version")
            .prefetch_related("column_metadata"))
    if keys is not None:
        rows = rows.filter(dataset__slug__in=[k[0] for k in keys],
                           slug__in=[k[1] for k in keys])
    found = {}
    for resource in rows:
        dataset = resource.dataset
        found[(dataset.slug, resource.slug)] = (dataset, resource, _public_version(resource))
    return found


def published_table(slug: str, resource_slug: str):
    """``(dataset, resource, public version)`` of a published table, or ``None`` (not
    published, not tabular, no current version, unknown)."""
    return for_key("catalog:published-tables", (slug, resource_slug), published_tables)


def _region_filter(dictionary) -> dict | None:
    """The data dictionary's form that shows a satker's rows: the table's region-code columns
    and every satker (its rows are those of its code and of every code below it)."""
    columns = [e for e in dictionary if e["reference"] == ColumnReference.WILAYAH]
    if not columns:
        return None
    return {"columns": columns,
            "satker_options": table_html.satker_options_html(satker_names().items())}


def _load_parts(dataset, resource, version) -> dict:
    labelled = tables.labelled(version.schema)
    try:
        choices = tables.frequent_values(version)
    except ValidationError:  # e.g. too slow: ``tables.build`` asks again and shows the error
        choices = None
    dictionary = satudata.data_dictionary(resource)
    column_options = table_html.column_options_html(labelled)
    metric_options = tables.metric_options(version.schema)
    export_base = reverse("catalog:resource-export", args=[dataset.slug, resource.slug, "csv"])
    return {
        "columns_labelled": labelled,
        "choices": choices,
        "datalists_html": table_html.datalists_html(choices or {}),
        "filter_column_options": table_html.column_options_html(labelled,
                                                                choices=choices or {}),
        "column_options": column_options,
        "metric_options": metric_options,
        "metric_options_html": table_html.options_html(metric_options, selected="count"),
        "ops_html": table_html.options_html(tables.OPS),
        "export_bases": [(fmt.upper(), export_base[: -len("csv")] + fmt)
                         for fmt in tables.EXPORT_FORMATS],
        "twin_base": reverse("catalog:resource-table-json", args=[dataset.slug, resource.slug]),
        "dictionary_html": render_to_string("catalog/public/_data_dictionary.html", {
            "dictionary": dictionary, "resource": resource,
            "dictionary_rows": table_html.dictionary_rows_html(dictionary),
            "regions": _region_filter(dictionary)}),
    }


def page_parts(dataset, resource, version) -> dict:
    """The parts of ``resource``'s table page that do not depend on the view (see the module
    docstring), in the current language."""
    kept = snapshot("catalog:table-page-parts", dict)
    key = (resource.pk, version.pk, getattr(version, "hidden_columns", None), get_language())
    if kept is not None and (parts := kept.get(key)) is not None:
        return parts
    parts = _load_parts(dataset, resource, version)
    if kept is not None and len(kept) < PARTS_KEPT and parts["choices"] is not None:
        kept[key] = parts
    return parts
