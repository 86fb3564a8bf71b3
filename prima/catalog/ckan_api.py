"""A CKAN-compatible Action API (read-only subset) so that CKAN clients and harvesters, such as
the ``ckanapi`` client and Satu Data Indonesia's harvester, work against Prima unchanged.

Shapes follow CKAN 2.10's action API: every answer is the envelope ``{"help", "success",
"result"}`` or ``{"help", "success": false, "error": {"__type", ...}}``. Only published datasets
are visible, whoever asks, and ``datastore_search`` reads only the published version of a
resource. Mapping: a satker is a CKAN *organization* (see ``organization_name``), a topic a
*group*, a dataset a *package*. Limits differ from CKAN where noted: ``rows`` and the datastore
``limit`` are capped at 1000 (CKAN's datastore allows 32000).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from prima.organisations.models import Satker

from .choices import ColumnType, DatasetStatus, ResourceKind, UsageKind, VersionStatus
from .models import Dataset, Licence, Resource, ResourceVersion, Tag, Topic
from .usage import record_usage

CKAN_VERSION = "2.10.4"  # the CKAN release whose API shapes this module follows
MAX_ROWS = 1000  # package_search rows, like CKAN's ckan.search.rows_max
DEFAULT_ROWS = 10
DATASTORE_DEFAULT_LIMIT = 100
DATASTORE_MAX_LIMIT = 1000  # CKAN allows 32000; the engine's page size stops at 1000
FACET_LIMIT = 50
NATIONAL_ORGANIZATION = "kpu-ri"

# Datastore field types as CKAN (PostgreSQL) names them.
FIELD_TYPES = {
    ColumnType.TEXT: "text", ColumnType.CODE: "text", ColumnType.INTEGER: "int",
    ColumnType.DECIMAL: "numeric", ColumnType.DATE: "date", ColumnType.DATETIME: "timestamp",
    ColumnType.BOOLEAN: "bool",
}
MIMETYPES = {
    "CSV": "text/csv", "TSV": "text/tab-separated-values", "JSON": "application/json",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "XLS": "application/vnd.ms-excel", "PDF": "application/pdf", "ZIP": "application/zip",
    "PARQUET": "application/vnd.apache.parquet", "HTML": "text/html", "XML": "application/xml",
}
# The Satu Data Indonesia metadata fields, published as CKAN extras under these keys.
EXTRA_FIELDS = (
    "update_frequency", "temporal_start", "temporal_end", "spatial_code", "contact_name",
    "contact_email", "source", "activity_name", "activity_organiser", "activity_purpose",
    "activity_method", "quality_assurance", "data_standard",
)


# --- the satker ↔ organization mapping (the one place it is defined) -----------------------

def organization_name(satker) -> str:
    """CKAN organization name of a satker: ``kpu-ri`` for KPU RI ("0"), else ``kpu-`` and the
    code with dots as dashes (``33.20`` → ``kpu-33-20``)."""
    code = satker if isinstance(satker, str) else satker.code
    if code == "0":
        return NATIONAL_ORGANIZATION
    return "kpu-" + code.replace(".", "-")


def satker_code_for(name_or_id: str) -> str:
    """The satker code an organization name (or id, which is the code itself) stands for."""
    value = (name_or_id or "").strip()
    if value == NATIONAL_ORGANIZATION:
        return "0"
    if re.fullmatch(r"kpu-\d+(-\d+)*", value):
        return value[4:].replace("-", ".")
    return value


# --- errors -------------------------------------------------------------------------------

class ActionError(Exception):
    status = 400
    kind = "Bad Request"

    def __init__(self, message: str = "", fields: dict | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}

    def as_dict(self) -> dict:
        error = {"__type": self.kind}
        if self.message:
            error["message"] = self.message
        error.update(self.fields)
        return error


class NotFound(ActionError):
    status = 404
    kind = "Not Found Error"


class Invalid(ActionError):
    """CKAN's "Validation Error": field name → list of messages, status 409."""

    status = 409
    kind = "Validation Error"

    def __init__(self, fields: dict):
        super().__init__("", fields)


class SearchQueryError(ActionError):
    status = 409
    kind = "Search Query Error"


# --- parameters ---------------------------------------------------------------------------

def _params(request) -> dict:
    """GET query string, POST form or POST JSON body, as one flat dict."""
    if request.method == "POST" and request.content_type != "application/x-www-form-urlencoded" \
            and request.content_type != "multipart/form-data" and request.body.strip():
        try:
            data = json.loads(request.body)
        except (ValueError, UnicodeDecodeError) as error:
            raise ActionError(_("Permintaan tidak valid: isi JSON tidak dapat dibaca.")) \
                from error
        if not isinstance(data, dict):
            raise ActionError(_("Permintaan tidak valid: isi JSON harus berupa objek."))
        return data
    source = request.POST if request.method == "POST" else request.GET
    return {key: values[0] if len(values) == 1 else values
            for key, values in source.lists()}


def _int(params, name, default, *, maximum=None) -> int:
    raw = params.get(name, default)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise Invalid({name: [_("Nilai harus bilangan bulat.")]}) from None
    if value < 0:
        raise Invalid({name: [_("Nilai tidak boleh negatif.")]})
    return min(value, maximum) if maximum is not None else value


def _bool(params, name, default=False) -> bool:
    raw = params.get(name, default)
    if isinstance(raw, bool):
        return raw
    return str(raw).strip().lower() in ("true", "1", "yes", "y", "on")


def _json_value(params, name, default=None):
    """A parameter that CKAN accepts as JSON text in query strings and as a value in JSON."""
    raw = params.get(name, default)
    if isinstance(raw, str) and raw.strip()[:1] in ("[", "{", '"'):
        try:
            return json.loads(raw)
        except ValueError:
            raise Invalid({name: [_("Nilai JSON tidak dapat dibaca.")]}) from None
    return raw


def _str_list(params, name) -> list[str] | None:
    value = _json_value(params, name)
    if value in (None, ""):
        return None
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise Invalid({name: [_("Harus berupa daftar teks.")]})


def _required(params, name) -> str:
    value = params.get(name)
    if value in (None, "") or not isinstance(value, str | int):
        raise Invalid({name: [_("Wajib diisi.")]})
    return str(value)


# --- dictionaries in CKAN's shape ---------------------------------------------------------

def _iso(value) -> str | None:
    """CKAN's timestamps: naive UTC in ISO 8601."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat()
    return value.isoformat()


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request else settings.PRIMA_BASE_URL + path


def published_datasets():
    """The only datasets this API (and DCAT and the JSON API) ever shows."""
    return Dataset.objects.filter(status=DatasetStatus.PUBLISHED)


def _package_queryset():
    return (published_datasets().select_related("satker", "licence")
            .prefetch_related("tags", "topics",
                              Prefetch("resources", queryset=Resource.objects.select_related(
                                  "current_version").order_by("position", "id"))))


def published_version(resource) -> ResourceVersion | None:
    """The resource's published version with a Parquet copy, or None."""
    version = resource.current_version
    if (resource.is_tabular and version is not None
            and version.status == VersionStatus.PUBLISHED and version.parquet_path):
        return version
    return None


def resource_download_url(request, resource) -> str:
    if resource.kind == ResourceKind.LINK and resource.url:
        return resource.url
    return _absolute(request, reverse("catalog:resource-download",
                                      args=[resource.dataset.slug, resource.slug]))


def resource_dict(request, resource, dataset) -> dict:
    version = resource.current_version
    fmt = (resource.format or "").upper()
    return {
        "id": str(resource.pk),
        "package_id": str(dataset.pk),
        "name": resource.name,
        "description": resource.description,
        "format": fmt,
        "mimetype": MIMETYPES.get(fmt),
        "url": resource_download_url(request, resource),
        "url_type": "upload" if resource.kind == ResourceKind.FILE else None,
        "size": version.size if version else None,
        "hash": f"sha256:{version.sha256}" if version else "",
        "created": _iso(resource.created_at),
        "last_modified": _iso(version.published_at if version else resource.updated_at),
        "metadata_modified": _iso(resource.updated_at),
        "position": resource.position,
        "datastore_active": published_version(resource) is not None,
        "state": "active",
    }


def organization_dict(satker, package_count: int | None = None) -> dict:
    data = {
        "id": satker.code,
        "name": organization_name(satker),
        "title": satker.name,
        "display_name": satker.name,
        "description": satker.description,
        "image_url": "",
        "type": "organization",
        "is_organization": True,
        "state": "active",
        "approval_status": "approved",
    }
    if package_count is not None:
        data["package_count"] = package_count
    return data


def group_dict(topic, package_count: int | None = None) -> dict:
    data = {
        "id": topic.slug,
        "name": topic.slug,
        "title": topic.name,
        "display_name": topic.name,
        "description": topic.description,
        "image_display_url": "",
        "type": "group",
        "is_organization": False,
        "state": "active",
        "approval_status": "approved",
    }
    if package_count is not None:
        data["package_count"] = package_count
    return data


def package_dict(request, dataset) -> dict:
    """A package as CKAN's package_show returns it (expects ``_package_queryset`` prefetches)."""
    resources = [resource_dict(request, r, dataset) for r in dataset.resources.all()]
    tags = [{"id": str(t.pk), "name": t.name, "display_name": t.name, "state": "active",
             "vocabulary_id": None} for t in dataset.tags.all()]
    extras = []
    for field in EXTRA_FIELDS:
        value = getattr(dataset, field)
        extras.append({"key": field, "value": value.isoformat() if hasattr(value, "isoformat")
                       else (value or "")})
    extras.append({"key": "satker_code", "value": dataset.satker.code})
    return {
        "id": str(dataset.pk),
        "name": dataset.slug,
        "title": dataset.title,
        "notes": dataset.description,
        "type": "dataset",
        "state": "active",
        "private": False,
        "author": dataset.satker.name,
        "author_email": dataset.satker.email,
        "maintainer": dataset.contact_name,
        "maintainer_email": dataset.contact_email,
        "license_id": dataset.licence_id,
        "license_title": dataset.licence.title,
        "license_url": dataset.licence.url,
        "isopen": dataset.licence.is_open,
        "url": _absolute(request, dataset.get_absolute_url()),
        "version": None,
        "owner_org": dataset.satker.code,
        "organization": organization_dict(dataset.satker),
        "groups": [group_dict(t) for t in dataset.topics.all()],
        "tags": tags,
        "num_tags": len(tags),
        "resources": resources,
        "num_resources": len(resources),
        "extras": extras,
        "metadata_created": _iso(dataset.created_at),
        "metadata_modified": _iso(dataset.updated_at),
        "relationships_as_object": [],
        "relationships_as_subject": [],
    }


def _get_dataset(params) -> Dataset:
    key = _required(params, "id")
    datasets = _package_queryset()
    found = datasets.filter(slug=key).first()
    if found is None and key.isdigit():
        found = datasets.filter(pk=int(key)).first()
    if found is None:
        raise NotFound(_("Dataset tidak ditemukan."))
    return found


def _get_resource(params, name="id") -> Resource:
    key = _required(params, name)
    resource = None
    if key.isdigit():
        resource = (Resource.objects.select_related("dataset__satker", "current_version")
                    .filter(pk=int(key), dataset__status=DatasetStatus.PUBLISHED).first())
    if resource is None:
        raise NotFound(_("Sumber data tidak ditemukan."))
    return resource


# --- package_search -----------------------------------------------------------------------

_TERM = re.compile(
    r'(?P<sign>[+-]?)(?P<field>[A-Za-z_.]+):'
    r'(?:"(?P<quoted>[^"]*)"|\[(?P<low>\S+) TO (?P<high>\S+)\]|(?P<bare>[^\s"]+))'
    r'|"(?P<phrase>[^"]*)"|(?P<word>\S+)'
)
SORT_FIELDS = {
    "metadata_modified": "updated_at", "metadata_created": "created_at",
    "title_string": "title", "title": "title", "name": "slug", "score": "score",
}
FACET_FIELDS = {
    "organization": "satker__code", "groups": "topics__slug", "tags": "tags__name",
    "res_format": "resources__format", "license_id": "licence_id",
}


def _range_bound(value: str, field: str):
    if value == "*":
        return None
    for fmt in ("%Y-%m-%dT%H:%M:%S.%fZ", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S",
                "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value, fmt).replace(tzinfo=dt.UTC)
        except ValueError:
            continue
    raise SearchQueryError(_("Rentang waktu %(field)s tidak valid: %(value)s")
                           % {"field": field, "value": value})


def _field_condition(field: str, value: str | None, low=None, high=None) -> Q:
    """One ``field:value`` term of q/fq as a condition on published datasets."""
    if field in ("metadata_modified", "metadata_created"):
        column = SORT_FIELDS[field]
        if low is None and high is None:
            raise SearchQueryError(_("Gunakan rentang [awal TO akhir] untuk %(field)s.")
                                   % {"field": field})
        condition = Q()
        if (start := _range_bound(low, field)) is not None:
            condition &= Q(**{f"{column}__gte": start})
        if (end := _range_bound(high, field)) is not None:
            condition &= Q(**{f"{column}__lte": end})
        return condition
    if value == "*":
        return Q()
    if field == "organization":
        return Q(satker__code=satker_code_for(value))
    if field == "owner_org":
        return Q(satker__code=value)
    if field == "tags":
        return Q(pk__in=Dataset.objects.filter(tags__name=value).values("pk"))
    if field == "groups":
        return Q(pk__in=Dataset.objects.filter(topics__slug=value).values("pk"))
    if field == "res_format":
        return Q(pk__in=Dataset.objects.filter(resources__format__iexact=value).values("pk"))
    if field == "license_id":
        return Q(licence_id=value)
    if field == "name":
        return Q(slug=value)
    if field == "title":
        return Q(title__icontains=value)
    if field == "notes":
        return Q(description__icontains=value)
    if field == "text":
        return _text_condition(value)
    if field == "id":
        return Q(pk=int(value)) if value.isdigit() else Q(pk__in=[])
    if field in ("dataset_type", "type"):
        return Q() if value == "dataset" else Q(pk__in=[])
    if field == "state":
        return Q() if value == "active" else Q(pk__in=[])
    if field == "capacity":
        return Q() if value == "public" else Q(pk__in=[])
    raise SearchQueryError(_("Kolom pencarian tidak dikenal: %(field)s") % {"field": field})


def _text_condition(word: str) -> Q:
    matching = Dataset.objects.filter(
        Q(title__icontains=word) | Q(description__icontains=word) | Q(slug__icontains=word)
        | Q(tags__name__icontains=word) | Q(satker__name__icontains=word)
        | Q(resources__name__icontains=word) | Q(topics__name__icontains=word)
    ).values("pk")
    return Q(pk__in=matching)


def _parse_terms(text: str) -> tuple[Q, list[str]]:
    """Terms joined by spaces or AND: ``field:value`` (``-`` negates), words and "phrases"."""
    condition, words = Q(), []
    text = (text or "").strip()
    if text in ("", "*:*", "*"):
        return condition, words
    for match in _TERM.finditer(text):
        if match["field"]:
            value = match["quoted"] if match["quoted"] is not None else match["bare"]
            term = _field_condition(match["field"], value, match["low"], match["high"])
            condition &= ~term if match["sign"] == "-" else term
        else:
            word = match["phrase"] if match["phrase"] is not None else match["word"]
            if word in ("AND", "&&"):
                continue
            if word in ("OR", "||", "NOT"):
                raise SearchQueryError(_("Operator %(op)s tidak didukung; gabungkan syarat "
                                         "dengan spasi atau AND.") % {"op": word})
            if word.strip():
                words.append(word.strip())
    return condition, words


def _order_by(sort: str, has_score: bool) -> list[str]:
    ordering = []
    for part in (sort or "").split(","):
        bits = part.split()
        if not bits:
            continue
        if len(bits) > 2 or bits[0] not in SORT_FIELDS or (
                len(bits) == 2 and bits[1].lower() not in ("asc", "desc")):
            raise SearchQueryError(_("Urutan tidak dikenal: %(sort)s") % {"sort": part.strip()})
        column = SORT_FIELDS[bits[0]]
        if column == "score" and not has_score:
            continue
        descending = len(bits) == 2 and bits[1].lower() == "desc"
        ordering.append(("-" if descending else "") + column)
    return ordering + ["-updated_at", "pk"]


def _facets(datasets, fields: list[str], limit: int, mincount: int) -> tuple[dict, dict]:
    facets, search_facets = {}, {}
    pks = datasets.values("pk")
    for field in fields:
        if field not in FACET_FIELDS:
            raise SearchQueryError(_("Facet tidak dikenal: %(field)s") % {"field": field})
        column = FACET_FIELDS[field]
        rows = (Dataset.objects.filter(pk__in=pks).exclude(**{f"{column}__isnull": True})
                .values(column).annotate(count=Count("pk", distinct=True))
                .filter(count__gte=max(mincount, 1)).order_by("-count", column)[:limit])
        counts = {row[column]: row["count"] for row in rows}
        names = _facet_display_names(field, list(counts))
        if field == "organization":
            counts = {organization_name(code): n for code, n in counts.items()}
            names = {organization_name(code): title for code, title in names.items()}
        if field == "res_format":
            merged: dict[str, int] = {}
            for value, n in counts.items():
                merged[value.upper()] = merged.get(value.upper(), 0) + n
            counts = merged
        facets[field] = counts
        search_facets[field] = {"title": field, "items": [
            {"name": value, "display_name": names.get(value, value), "count": n}
            for value, n in counts.items()]}
    return facets, search_facets


def _facet_display_names(field: str, values: list) -> dict:
    if field == "organization":
        return dict(Satker.objects.filter(code__in=values).values_list("code", "name"))
    if field == "groups":
        return dict(Topic.objects.filter(slug__in=values).values_list("slug", "name"))
    if field == "license_id":
        return dict(Licence.objects.filter(id__in=values).values_list("id", "title"))
    return {}


def package_search(request, params):
    """Search published datasets: q (words, "phrases", field:value), fq (field:value terms for
    organization, tags, groups, res_format, license_id, name, id, metadata_modified:[a TO b]),
    rows (max 1000), start, sort (e.g. "metadata_modified desc", "title_string asc",
    "score desc"), facet.field (JSON list of organization, groups, tags, res_format,
    license_id), facet.limit, facet.mincount."""
    q_condition, words = _parse_terms(str(params.get("q") or ""))
    fq_condition, fq_words = _parse_terms(str(params.get("fq") or ""))
    if fq_words:
        raise SearchQueryError(_("fq hanya menerima syarat kolom:nilai."))
    datasets = published_datasets().filter(q_condition & fq_condition)
    for word in words:
        datasets = datasets.filter(_text_condition(word))
    if words:
        score = Value(0, output_field=IntegerField())
        for word in words:
            score = score + Case(When(title__icontains=word, then=Value(2)),
                                 default=Value(0), output_field=IntegerField())
        datasets = datasets.annotate(score=score)
    sort = str(params.get("sort") or "score desc, metadata_modified desc")
    rows = _int(params, "rows", DEFAULT_ROWS, maximum=MAX_ROWS)
    start = _int(params, "start", 0)
    ordering = _order_by(sort, bool(words))
    facet_fields = _str_list(params, "facet.field") or _str_list(params, "facet_field") or []
    result = {"count": datasets.count(), "sort": sort}
    if _bool(params, "facet", True) and facet_fields:
        facets, search_facets = _facets(
            datasets, facet_fields,
            _int(params, "facet.limit", FACET_LIMIT, maximum=MAX_ROWS) or FACET_LIMIT,
            _int(params, "facet.mincount", 1))
    else:
        facets, search_facets = {}, {}
    page_pks = list(datasets.order_by(*ordering).values_list("pk", flat=True)
                    [start:start + rows]) if rows else []
    by_pk = _package_queryset().in_bulk(page_pks)
    page = [by_pk[pk] for pk in page_pks]
    result.update({"results": [package_dict(request, d) for d in page], "facets": facets,
                   "search_facets": search_facets})
    return result


# --- the other actions --------------------------------------------------------------------

def package_list(request, params):
    """Names of all published datasets, sorted; optional limit and offset."""
    offset = _int(params, "offset", 0)
    limit = _int(params, "limit", None)
    names = published_datasets().order_by("slug").values_list("slug", flat=True)
    return list(names[offset:offset + limit] if limit is not None else names[offset:])


def package_show(request, params):
    """One published dataset by id or name, with its resources, organization and groups."""
    dataset = _get_dataset(params)
    record_usage(dataset=dataset, kind=UsageKind.API)
    return package_dict(request, dataset)


def resource_show(request, params):
    """One resource (by id) of a published dataset."""
    resource = _get_resource(params)
    return resource_dict(request, resource, resource.dataset)


def _counted(queryset, relation: str):
    return queryset.annotate(package_count=Count(
        relation, filter=Q(**{f"{relation}__status": DatasetStatus.PUBLISHED}), distinct=True))


def _listing(params, items: list[dict], default_sort: str, all_fields_limit: int = 1000):
    """CKAN's organization_list/group_list: sort ("name asc", "title asc",
    "package_count desc"), limit, offset, all_fields."""
    sort = str(params.get("sort") or default_sort).strip()
    bits = sort.split()
    if not bits or bits[0] not in ("name", "title", "package_count") or (
            len(bits) > 1 and bits[1].lower() not in ("asc", "desc")):
        raise Invalid({"sort": [_("Urutan tidak dikenal: %(sort)s") % {"sort": sort}]})
    items.sort(key=lambda item: item["name"])
    # Python's sort is stable also in reverse, so ties stay in name order.
    items.sort(key=lambda item: item[bits[0]],
               reverse=len(bits) > 1 and bits[1].lower() == "desc")
    offset = _int(params, "offset", 0)
    limit = _int(params, "limit", all_fields_limit)
    items = items[offset:offset + limit]
    if _bool(params, "all_fields"):
        return items
    return [item["name"] for item in items]


def organization_list(request, params):
    """Satkers as CKAN organizations (names like kpu-33-20); all_fields for dictionaries with
    package_count (published datasets)."""
    satkers = _counted(Satker.objects.all(), "datasets")
    wanted = _str_list(params, "organizations")
    items = [organization_dict(s, s.package_count) for s in satkers]
    if wanted:
        items = [item for item in items if item["name"] in wanted]
    return _listing(params, items, "name asc")


def organization_show(request, params):
    """One satker as an organization, by name (kpu-33-20) or id (its code, 33.20);
    include_datasets adds its published datasets (up to 1000)."""
    key = _required(params, "id")
    satker = _counted(Satker.objects.filter(code=satker_code_for(key)), "datasets").first()
    if satker is None:
        raise NotFound(_("Organisasi tidak ditemukan."))
    data = organization_dict(satker, satker.package_count)
    data.update({"extras": [{"key": "satker_code", "value": satker.code},
                            {"key": "level", "value": satker.level}],
                 "users": [], "tags": [], "groups": []})
    if _bool(params, "include_datasets"):
        data["packages"] = [package_dict(request, d) for d in
                            _package_queryset().filter(satker=satker)
                            .order_by("slug")[:MAX_ROWS]]
    return data


def group_list(request, params):
    """Topics as CKAN groups; all_fields for dictionaries with package_count."""
    items = [group_dict(t, t.package_count) for t in _counted(Topic.objects.all(), "datasets")]
    wanted = _str_list(params, "groups")
    if wanted:
        items = [item for item in items if item["name"] in wanted]
    return _listing(params, items, "name asc")


def group_show(request, params):
    """One topic as a group, by name (its slug); include_datasets adds published datasets."""
    key = _required(params, "id")
    topic = _counted(Topic.objects.filter(slug=key), "datasets").first()
    if topic is None:
        raise NotFound(_("Grup tidak ditemukan."))
    data = group_dict(topic, topic.package_count)
    if _bool(params, "include_datasets"):
        data["packages"] = [package_dict(request, d) for d in
                            _package_queryset().filter(topics=topic)
                            .order_by("slug")[:MAX_ROWS]]
    return data


def tag_list(request, params):
    """Tags of published datasets, sorted; query narrows by substring; all_fields for
    dictionaries."""
    tags = Tag.objects.filter(datasets__status=DatasetStatus.PUBLISHED).distinct()
    if query := str(params.get("query") or params.get("q") or "").strip():
        tags = tags.filter(name__icontains=query)
    tags = tags.order_by("name")
    if _bool(params, "all_fields"):
        return [{"id": str(t.pk), "name": t.name, "display_name": t.name,
                 "vocabulary_id": None} for t in tags]
    return [t.name for t in tags]


def license_list(request, params):
    """The licences datasets can carry."""
    return [{"id": lic.id, "title": lic.title, "url": lic.url, "status": "active",
             "od_conformance": "approved" if lic.is_open else "not reviewed",
             "osd_conformance": "not reviewed"} for lic in Licence.objects.order_by("id")]


def status_show(request, params):
    """Site information and the CKAN version whose API this site follows."""
    return {
        "site_title": str(settings.PRIMA_SITE_NAME),
        "site_description": _("Katalog data terbuka satuan kerja KPU."),
        "site_url": settings.PRIMA_BASE_URL,
        "ckan_version": CKAN_VERSION,
        "error_emails_to": None,
        "locale_default": settings.LANGUAGE_CODE,
        "extensions": ["datastore"],
    }


def help_show(request, params):
    """The documentation of an action."""
    name = _required(params, "name")
    if name not in ACTIONS:
        raise NotFound(_("Aksi tidak ditemukan: %(name)s") % {"name": name})
    return " ".join((ACTIONS[name].__doc__ or "").split())


# --- datastore_search ---------------------------------------------------------------------

def _record_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


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
    from .engine.query import Filter, Query, run_query

    resource_id = _required(params, "resource_id")
    resource = _get_resource({"id": resource_id}, "id")
    version = published_version(resource)
    if version is None:
        raise NotFound(_("Sumber data tidak memiliki tabel terbit."))
    schema = {column["name"]: column for column in version.schema}
    limit = _int(params, "limit", DATASTORE_DEFAULT_LIMIT, maximum=DATASTORE_MAX_LIMIT)
    offset = _int(params, "offset", 0)
    records_format = str(params.get("records_format") or "objects")
    if records_format not in ("objects", "lists"):
        raise Invalid({"records_format": [_("Hanya objects atau lists.")]})

    filters = []
    raw_filters = _json_value(params, "filters") or {}
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
    q = _json_value(params, "q") or ""
    if isinstance(q, dict):
        for column, text in q.items():
            if column not in schema:
                raise Invalid({"q": [_("Kolom tidak dikenal: %(column)s") % {"column": column}]})
            filters.append(Filter(column, "contains", _filter_value(text)))
    elif isinstance(q, str):
        search = q.strip()
    else:
        raise Invalid({"q": [_("Harus berupa teks atau objek JSON.")]})
    fields = _str_list(params, "fields")
    for name in fields or []:
        if name not in schema:
            raise Invalid({"fields": [_("Kolom tidak dikenal: %(column)s") % {"column": name}]})
    query = Query(filters=filters, search=search,
                  sort=_sort_terms(_json_value(params, "sort"), set(schema)),
                  columns=fields, limit=limit, offset=offset)
    try:
        page = run_query(version, query) if limit else None
    except DjangoValidationError as error:
        raise Invalid({"query": error.messages}) from error
    record_usage(dataset=resource.dataset, resource=resource, kind=UsageKind.API)

    names = fields or list(schema)
    records = [{name: _record_value(row.get(name)) for name in names}
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
        "include_total": _bool(params, "include_total", True),
    }
    for echoed in ("filters", "q", "sort"):
        if params.get(echoed):
            result[echoed] = _json_value(params, echoed)
    if result["include_total"]:
        if page is None:
            page = run_query(version, Query(filters=filters, search=search, limit=1))
        result["total"] = page.total
        result["total_was_estimated"] = False
    return result


ACTIONS: dict[str, Callable] = {function.__name__: function for function in (
    package_list, package_search, package_show, resource_show, organization_list,
    organization_show, group_list, group_show, tag_list, license_list, status_show, help_show,
    datastore_search,
)}


# --- the view -----------------------------------------------------------------------------

def _help_url(request, action: str) -> str:
    return request.build_absolute_uri(
        reverse("ckan:action", args=["help_show"]) + "?" + urlencode({"name": action}))


def _respond(request, action: str, status: int, body: dict) -> JsonResponse:
    response = JsonResponse({"help": _help_url(request, action), **body}, status=status,
                            json_dumps_params={"ensure_ascii": False})
    # Public, read-only data: browsers on other sites may read it (no cookies are involved).
    response["Access-Control-Allow-Origin"] = "*"
    return response


@csrf_exempt  # read-only actions; POST is only a transport for the parameters, as in CKAN
@require_http_methods(["GET", "POST"])
def action_view(request, action: str):
    function = ACTIONS.get(action)
    try:
        if function is None:
            raise ActionError(_("Permintaan tidak valid: aksi tidak dikenal: %(action)s")
                              % {"action": action})
        result = function(request, _params(request))
    except ActionError as error:
        return _respond(request, action, error.status,
                        {"success": False, "error": error.as_dict()})
    return _respond(request, action, 200, {"success": True, "result": result})
