"""Which columns of a table the public may read (Satu Data MS-Var "public accessibility",
domain satu-data.md 2: every column carries its accessibility; Peraturan BPS 5/2020).

The one place where restricted columns are taken out: ``public_view(version)`` is the version
as every public path sees it (table page and its twins, exports, the JSON API, CKAN's
datastore, DCAT): its ``schema`` holds the public columns only, so the query builder
(``query.Table``, ``parse_query``), the table page (``tables.build``) and the exports neither
show, filter, sort, search, facet, group nor export a restricted column, and naming one
answers like an unknown column. Staff pages read the version itself."""

from __future__ import annotations

import copy


def restricted_names(resource_id) -> set[str]:
    """The names of the columns the resource's metadata marks as not public."""
    from ..choices import ColumnAccess
    from ..models import ColumnMetadata

    return set(ColumnMetadata.objects.filter(resource_id=resource_id,
                                             access=ColumnAccess.RESTRICTED)
               .values_list("name", flat=True))


def _access_and_regions(resource_id) -> tuple[set[str], set[str]]:
    """(restricted column names, region-code column names) of a resource in one query."""
    from ..choices import ColumnAccess, ColumnReference
    from ..models import ColumnMetadata

    hidden, regions = set(), set()
    for name, access, reference in ColumnMetadata.objects.filter(
            resource_id=resource_id).values_list("name", "access", "reference"):
        if access == ColumnAccess.RESTRICTED:
            hidden.add(name)
        if reference == ColumnReference.WILAYAH:
            regions.add(name)
    return hidden, regions


def _refuse_save(*args, **kwargs):
    raise RuntimeError("A public view of a version is read-only.")


def public_view(version, hidden: set[str] | None = None):
    """``version`` without its restricted columns (the version itself when it has none).

    The copy keeps the whole schema in ``full_schema`` (rollups are built over it) and
    cannot be saved (its schema is partial)."""
    if version is None:
        return None
    if getattr(version, "hidden_columns", None) is not None:
        return version  # already a public view
    regions = None
    if hidden is None:
        hidden, regions = _access_and_regions(version.resource_id)
    schema = list(version.schema or [])
    hidden = {col["name"] for col in schema if col["name"] in hidden}
    if not hidden:
        if regions is not None:
            version.region_columns = regions  # read by the table page (same query)
        return version
    masked = copy.copy(version)
    masked.full_schema = schema
    masked.schema = [col for col in schema if col["name"] not in hidden]
    masked.hidden_columns = frozenset(hidden)
    masked.save = _refuse_save
    if regions is not None:
        masked.region_columns = regions
    return masked


def has_restricted_columns(version) -> bool:
    """Whether the version has a column the public may not read (then its original upload,
    which holds every column, is not public either)."""
    names = {col["name"] for col in version.schema or []}
    return bool(names & restricted_names(version.resource_id))
