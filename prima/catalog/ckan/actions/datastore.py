"""The datastore action: rows of a resource's published version, read by the engine."""

from __future__ import annotations

import csv
import io
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

ROW_FIELD = "_id"  # CKAN's datastore row id: the row's number in the published file
RECORDS_FORMATS = ("objects", "lists", "csv", "tsv")
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000  # CKAN allows 32000; the engine's page size stops at 1000


def _filter_value(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _sort_terms(sort, columns: set[str]) -> list[tuple[str, bool]]:
    """"col desc, col2" (names may be "quoted") → [(col, True), (col2, False)]. ``_id asc``
    is the rows' own order (the engine's last sort key always)."""
    if isinstance(sort, str) and sort.strip().startswith("["):
        try:
            sort = json.loads(sort)
        except ValueError:
            raise Invalid({"sort": [_("Nilai JSON tidak dapat dibaca.")]}) from None
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
        if name == ROW_FIELD and direction == "asc":
            break  # the rows' order: every later term is a tie-break of unique ids
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


def _sort_param(params):
    """``sort`` as text or a list; text is never read as JSON unless it is a JSON list (a
    quoted column name such as ``"dpt" desc`` is text)."""
    raw = params.get("sort")
    return raw if isinstance(raw, list | str) or raw is None else str(raw)


def _delimited(records: list[dict], names: list[str], delimiter: str) -> str:
    """Records as CSV/TSV text without a header (CKAN's ``records_format=csv|tsv``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    for record in records:
        writer.writerow(["" if record[name] is None else record[name] for name in names])
    return buffer.getvalue()


def _links(request, params, offset: int, limit: int) -> dict:
    def encode(value):
        return json.dumps(value) if isinstance(value, dict | list) else value

    base = {key: encode(value) for key, value in params.items() if key != "offset"}
    path = request.path
    return {"start": f"{path}?{urlencode(base)}",
            "next": f"{path}?{urlencode({**base, 'offset': offset + limit})}"}


def _field_info(column: dict, meta) -> dict:
    """CKAN's data dictionary of a field (``info``: label, notes, type_override) with the
    column's Satu Data variable metadata (MS-Var, Peraturan BPS 5/2020): its definition as
    the notes (else the schema's description), concept, unit, classification, time
    reference."""
    info = {"label": column.get("label") or column["name"],
            "notes": (meta.definition if meta else "") or column.get("description") or "",
            "type_override": ""}
    if meta is not None:
        info.update(concept=meta.concept, unit=meta.unit, classification=meta.classification,
                    time_reference=meta.time_reference)
    return info


def datastore_search(request, params):
    """Rows of a resource's published version: resource_id, filters (JSON object: column →
    value, a list means any of), q (text over all columns, or an object column → text),
    fields, sort ("col desc, col2", names may be "quoted"), distinct, limit (default 100,
    max 1000), offset, include_total, records_format (objects, lists, csv or tsv). Each
    record has ``_id``, its row number."""
    resource_id = required(params, "resource_id")
    resource = get_resource({"id": resource_id}, "id")
    version = resource.published_table()
    if version is None:
        raise NotFound(_("Sumber data tidak memiliki tabel terbit."))
    schema = {column["name"]: column for column in version.schema}
    limit = integer(params, "limit", DEFAULT_LIMIT, maximum=MAX_LIMIT)
    offset = integer(params, "offset", 0)
    records_format = str(params.get("records_format") or "objects")
    if records_format not in RECORDS_FORMATS:
        raise Invalid({"records_format": [_("Pilih salah satu: %(formats)s.")
                                          % {"formats": ", ".join(RECORDS_FORMATS)}]})
    distinct = boolean(params, "distinct")
    filters, search = _filters(params, schema)
    fields = str_list(params, "fields")
    for name in fields or []:
        if name not in schema and name != ROW_FIELD:
            raise Invalid({"fields": [_("Kolom tidak dikenal: %(column)s") % {"column": name}]})
    columns = [name for name in fields or [] if name != ROW_FIELD] or None
    # CKAN gives ``_id`` first unless ``fields`` leaves it out; distinct rows have none.
    with_id = not distinct and (fields is None or ROW_FIELD in fields)
    query = Query(filters=filters, search=search,
                  sort=_sort_terms(_sort_param(params), set(schema)),
                  columns=columns, limit=limit, offset=offset, distinct=distinct)
    try:
        page = run_query(version, query) if limit else None
    except DjangoValidationError as error:
        raise Invalid({"query": error.messages}) from error
    record_usage(dataset=resource.dataset, resource=resource, kind=UsageKind.API)
    metadata = {m.name: m for m in resource.column_metadata.all()}

    names = columns or list(schema)
    rows = page.rows if page else []
    records = [{name: record_value(row.get(name)) for name in names} for row in rows]
    if with_id:
        ids = page.row_ids if page else []
        names = [ROW_FIELD, *names]
        records = [{ROW_FIELD: row_id, **record}
                   for row_id, record in zip(ids, records, strict=True)]
    if records_format == "lists":
        records = [[record[name] for name in names] for record in records]
    elif records_format in ("csv", "tsv"):
        records = _delimited(records, names, "\t" if records_format == "tsv" else ",")
    id_field = [{"id": ROW_FIELD, "type": "int"}] if with_id else []
    result = {
        "resource_id": str(resource.pk),
        "fields": id_field + [
            {"id": name, "type": FIELD_TYPES.get(schema[name].get("type"), "text"),
             "info": _field_info(schema[name], metadata.get(name))}
            for name in names if name != ROW_FIELD],
        "records_format": records_format,
        "records": records,
        "limit": limit,
        "offset": offset,
        "_links": _links(request, params, offset, limit),
        "include_total": boolean(params, "include_total", True),
    }
    if distinct:
        result["distinct"] = True
    for echoed in ("filters", "q"):
        if params.get(echoed):
            result[echoed] = json_value(params, echoed)
    if params.get("sort"):
        result["sort"] = _sort_param(params)
    if result["include_total"]:
        if page is None:
            page = run_query(version, Query(filters=filters, search=search, limit=1,
                                            columns=columns, distinct=distinct))
        result["total"] = page.total
        result["total_was_estimated"] = False
    return result
