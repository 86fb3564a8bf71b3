"""The datastore action: rows of a resource's published version, read by the engine."""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _

from ...choices import UsageKind
from ...engine.query import Filter, Query, run_query
from ...usage import record_usage
from ..errors import Invalid, NotFound
from ..params import boolean, integer, json_value, required, str_list
from ..shapes import FIELD_TYPES, record_value
from .package import get_resource

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000  # CKAN allows 32000; the engine's page size stops at 1000


def _filter_value(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _sort_terms(sort, columns: set[str]) -> list[tuple[str, bool]]:
    """"col desc, col2" (names may be "quoted") → [(col, True), (col2, False)]."""
    if isinstance(sort, list):
        sort = ",".join(str(part) for part in sort)
    terms = []
    for part in str(sort or "").split(","):
        part = part.strip()
        if not part:
            continue
        match = re.fullmatch(r'(?:"(?P<quoted>[^"]+)"|(?P<bare>[^\s"]+))(?:\s+(?P<dir>\w+))?',
                             part)
        name = match and (match["quoted"] or match["bare"])
        direction = (match["dir"] or "asc").lower() if match else ""
        if not match or name not in columns or direction not in ("asc", "desc"):
            raise Invalid({"sort": [_("Urutan tidak dikenal: %(sort)s") % {"sort": part}]})
        terms.append((name, direction == "desc"))
    return terms


def _filters(params, schema: dict) -> tuple[list[Filter], str]:
    """The engine filters of ``filters`` (column → value, a list means any of) and of ``q``
    when it is an object (column → text), and the free text of ``q`` when it is text."""
    filters = []
    raw_filters = json_value(params, "filters") or {}
    if not isinstance(raw_filters, dict):
        raise Invalid({"filters": [_("Harus berupa objek JSON kolom → nilai.")]})
    for column, value in raw_filters.items():
        if column not in schema:
            raise Invalid({"filters": [_("Kolom tidak dikenal: %(column)s") % {"column": column}]})
        if isinstance(value, list):
            filters.append(Filter(column, "in", [_filter_value(v) for v in value]))
        elif value is None:
            filters.append(Filter(column, "isnull", None))
        else:
            filters.append(Filter(column, "eq", _filter_value(value)))
    search = ""
    q = json_value(params, "q") or ""
    if isinstance(q, dict):
        for column, text in q.items():
            if column not in schema:
                raise Invalid({"q": [_("Kolom tidak dikenal: %(column)s") % {"column": column}]})
            filters.append(Filter(column, "contains", _filter_value(text)))
    elif isinstance(q, str):
        search = q.strip()
    else:
        raise Invalid({"q": [_("Harus berupa teks atau objek JSON.")]})
    return filters, search


def _links(request, params, offset: int, limit: int) -> dict:
    def encode(value):
        return json.dumps(value) if isinstance(value, dict | list) else value

    base = {key: encode(value) for key, value in params.items() if key != "offset"}
    path = request.path
    return {"start": f"{path}?{urlencode(base)}",
            "next": f"{path}?{urlencode({**base, 'offset': offset + limit})}"}


def datastore_search(request, params):
    """Rows of a resource's published version: resource_id, filters (JSON object: column →
    value, a list means any of), q (text over all columns, or an object column → text),
    fields, sort ("col desc, col2"), limit (default 100, max 1000), offset, include_total,
    records_format (objects or lists)."""
    resource_id = required(params, "resource_id")
    resource = get_resource({"id": resource_id}, "id")
    version = resource.published_table()
    if version is None:
        raise NotFound(_("Sumber data tidak memiliki tabel terbit."))
    schema = {column["name"]: column for column in version.schema}
    limit = integer(params, "limit", DEFAULT_LIMIT, maximum=MAX_LIMIT)
    offset = integer(params, "offset", 0)
    records_format = str(params.get("records_format") or "objects")
    if records_format not in ("objects", "lists"):
        raise Invalid({"records_format": [_("Hanya objects atau lists.")]})
    filters, search = _filters(params, schema)
    fields = str_list(params, "fields")
    for name in fields or []:
        if name not in schema:
            raise Invalid({"fields": [_("Kolom tidak dikenal: %(column)s") % {"column": name}]})
    query = Query(filters=filters, search=search,
                  sort=_sort_terms(json_value(params, "sort"), set(schema)),
                  columns=fields, limit=limit, offset=offset)
    try:
        page = run_query(version, query) if limit else None
    except DjangoValidationError as error:
        raise Invalid({"query": error.messages}) from error
    record_usage(dataset=resource.dataset, resource=resource, kind=UsageKind.API)

    names = fields or list(schema)
    records = [{name: record_value(row.get(name)) for name in names}
               for row in (page.rows if page else [])]
    if records_format == "lists":
        records = [[record[name] for name in names] for record in records]
    result = {
        "resource_id": str(resource.pk),
        "fields": [{"id": name, "type": FIELD_TYPES.get(schema[name].get("type"), "text"),
                    "info": {"label": schema[name].get("label") or name,
                             "notes": schema[name].get("description") or ""}}
                   for name in names],
        "records_format": records_format,
        "records": records,
        "limit": limit,
        "offset": offset,
        "_links": _links(request, params, offset, limit),
        "include_total": boolean(params, "include_total", True),
    }
    for echoed in ("filters", "q", "sort"):
        if params.get(echoed):
            result[echoed] = json_value(params, echoed)
    if result["include_total"]:
        if page is None:
            page = run_query(version, Query(filters=filters, search=search, limit=1))
        result["total"] = page.total
        result["total_was_estimated"] = False
    return result
