"""JSON API of the open data catalog (django-ninja router, mounted at /api/v1/katalog/ in
prima/api.py): search datasets, read one with its resources and columns, and page through the
rows of a resource's published version with the same query convention as the table pages.

Only published datasets and published versions are ever shown, whoever asks.
"""

from __future__ import annotations

import math
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from prima.core.params import MAX_PAGE_NUMBER

from .choices import UsageKind
from .ckan.shapes import (
    listed_resources,
    organization_name,
    resource_download_url,
    satker_code_for,
)
from .engine.query import parse_query, run_query
from .models import Dataset, Resource
from .usage import record_usage

router = Router(tags=["Katalog"])

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


# --- schemas --------------------------------------------------------------------------------

class ErrorOut(Schema):
    detail: str


class SatkerOut(Schema):
    code: str
    name: str
    organization: str = Field(description="Nama organisasi pada API CKAN, mis. kpu-33-20")


class TopicOut(Schema):
    slug: str
    name: str


class LicenceOut(Schema):
    id: str
    title: str
    url: str


class ColumnOut(Schema):
    name: str
    label: str
    type: str
    is_code: bool
    description: str


class ResourceOut(Schema):
    slug: str
    name: str
    description: str
    kind: str
    format: str
    url: str = Field(description="Tautan unduhan berkas versi terbit atau tautan luar")
    is_tabular: bool
    has_table: bool = Field(description="Baris dapat dibaca lewat endpoint rows")
    row_count: int | None
    version: int | None
    published_at: Any
    columns: list[ColumnOut]
    rows_url: str | None


class DatasetSummaryOut(Schema):
    slug: str
    title: str
    description: str
    satker: SatkerOut
    topics: list[TopicOut]
    tags: list[str]
    licence: LicenceOut
    formats: list[str]
    published_at: Any
    updated_at: Any
    url: str
    api_url: str


class DatasetOut(DatasetSummaryOut):
    update_frequency: str
    temporal_start: Any
    temporal_end: Any
    spatial_code: str
    contact_name: str
    contact_email: str
    source: str
    activity_name: str
    activity_organiser: str
    activity_purpose: str
    activity_method: str
    quality_assurance: str
    data_standard: str
    resources: list[ResourceOut]


class DatasetPageOut(Schema):
    count: int
    page: int
    pages: int
    size: int
    results: list[DatasetSummaryOut]


class RowsOut(Schema):
    columns: list[ColumnOut]
    rows: list[dict[str, Any]]
    total: int
    next: str | None = Field(description="Alamat halaman berikutnya (keyset), atau null")


class DatasetFilter(Schema):
    q: str = Field("", description="Teks pada judul, deskripsi, label atau nama satker")
    satker: str = Field("", description="Kode satker (33.20) atau nama organisasi "
                                        "(kpu-33-20); satker di bawahnya ikut terhitung")
    topic: str = Field("", description="Slug topik")
    tag: str = Field("", description="Label")
    format: str = Field("", description="Format sumber data, mis. CSV")
    page: int = Field(1, ge=1, le=MAX_PAGE_NUMBER)
    size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


# --- helpers --------------------------------------------------------------------------------

def _api_path(request, *parts: str) -> str:
    prefix = request.path.split("/katalog/")[0] + "/katalog/dataset/"
    return request.build_absolute_uri(prefix + "/".join(parts))


def _summary(request, dataset) -> dict:
    satker = dataset.satker
    return {
        "slug": dataset.slug, "title": dataset.title, "description": dataset.description,
        "satker": {"code": satker.code, "name": satker.name,
                   "organization": organization_name(satker)},
        "topics": [{"slug": t.slug, "name": t.name} for t in dataset.topics.all()],
        "tags": [t.name for t in dataset.tags.all()],
        "licence": {"id": dataset.licence.id, "title": dataset.licence.title,
                    "url": dataset.licence.url},
        "formats": sorted({r.format.upper() for r in dataset.resources.all() if r.format}),
        "published_at": dataset.published_at, "updated_at": dataset.updated_at,
        "url": request.build_absolute_uri(dataset.get_absolute_url()),
        "api_url": _api_path(request, dataset.slug),
    }


def _columns(schema: list[dict]) -> list[dict]:
    return [{"name": c["name"], "label": c.get("label") or c["name"], "type": c.get("type", ""),
             "is_code": bool(c.get("is_code")), "description": c.get("description") or ""}
            for c in schema]


def _resource(request, dataset, resource) -> dict:
    version = resource.current_version
    table = resource.published_table()
    return {
        "slug": resource.slug, "name": resource.name, "description": resource.description,
        "kind": resource.kind, "format": (resource.format or "").upper(),
        "url": resource_download_url(request, resource),
        "is_tabular": resource.is_tabular, "has_table": table is not None,
        "row_count": table.row_count if table else None,
        "version": version.number if version else None,
        "published_at": version.published_at if version else None,
        "columns": _columns(table.schema) if table else [],
        "rows_url": _api_path(request, dataset.slug, resource.slug, "rows") if table else None,
    }


def _not_found(detail: str) -> Status:
    return Status(404, {"detail": detail})


# --- endpoints ------------------------------------------------------------------------------

@router.get("/dataset", response=DatasetPageOut, summary="Cari dataset",
            url_name="catalog-datasets")
def list_datasets(request, filters: Query[DatasetFilter]):
    """Published datasets, newest change first, filtered by text, satker (with the satkers
    below it), topic, tag and resource format."""
    published = Dataset.objects.published()
    datasets = published.with_public_resources()
    if text := filters.q.strip():
        matching = published.filter(
            Q(title__icontains=text) | Q(description__icontains=text)
            | Q(tags__name__icontains=text) | Q(satker__name__icontains=text)).values("pk")
        datasets = datasets.filter(pk__in=matching)
    if filters.satker.strip():
        datasets = datasets.in_subtree(satker_code_for(filters.satker))
    if filters.topic:
        datasets = datasets.filter(pk__in=published.filter(
            topics__slug=filters.topic).values("pk"))
    if filters.tag:
        datasets = datasets.filter(pk__in=published.filter(
            tags__name=filters.tag).values("pk"))
    if filters.format:
        datasets = datasets.filter(pk__in=published.filter(
            resources__format__iexact=filters.format).values("pk"))
    count = datasets.count()
    start = (filters.page - 1) * filters.size
    page = datasets.order_by("-updated_at", "pk")[start:start + filters.size]
    return {"count": count, "page": filters.page, "size": filters.size,
            "pages": max(1, math.ceil(count / filters.size)),
            "results": [_summary(request, d) for d in page]}


@router.get("/dataset/{slug}", response={200: DatasetOut, 404: ErrorOut},
            summary="Rincian dataset", url_name="catalog-dataset")
def get_dataset(request, slug: str):
    """One published dataset with its Satu Data metadata, resources and their columns."""
    dataset = Dataset.objects.published().with_public_resources().filter(slug=slug).first()
    if dataset is None:
        return _not_found(_("Dataset tidak ditemukan."))
    record_usage(dataset=dataset, kind=UsageKind.API)
    data = _summary(request, dataset)
    for name in ("update_frequency", "temporal_start", "temporal_end", "spatial_code",
                 "contact_name", "contact_email", "source", "activity_name",
                 "activity_organiser", "activity_purpose", "activity_method",
                 "quality_assurance", "data_standard"):
        data[name] = getattr(dataset, name)
    # Files without a published version are left out (no dead download links).
    data["resources"] = [_resource(request, dataset, r) for r in listed_resources(dataset)]
    return Status(200, data)


@router.get("/dataset/{slug}/{resource_slug}/rows",
            response={200: RowsOut, 400: ErrorOut, 404: ErrorOut},
            summary="Baris tabel sumber data", url_name="catalog-rows")
def get_rows(request, slug: str, resource_slug: str):
    """Rows of the published version. Query parameters as on the table page: filters
    `<kolom>__<op>=nilai` (op: eq, ne, contains, gt, gte, lt, lte, in, isnull; e.g.
    `dpt__gt=200`, `kode__in=33.20,33.21`), `_search` (text), `_sort` / `_sort_desc`
    (column), `_col` (repeatable: columns to return), `_size` (1-1000, default 50) and
    `_after` (the `next` link's keyset token)."""
    resource = (Resource.objects.published().select_related("dataset", "current_version")
                .filter(dataset__slug=slug, slug=resource_slug).first())
    version = resource.published_table() if resource else None
    if version is None:
        return _not_found(_("Tabel sumber data tidak ditemukan."))
    try:
        query = parse_query(request.GET, version.schema)
        page = run_query(version, query)
    except ValidationError as error:
        return Status(400, {"detail": " ".join(error.messages)})
    record_usage(dataset=resource.dataset, resource=resource, kind=UsageKind.API)
    next_url = None
    if page.next_after:
        params = QueryDict(mutable=True)
        params.update(request.GET)
        params["_after"] = page.next_after
        next_url = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
    return Status(200, {"columns": _columns(page.columns), "rows": page.rows,
                        "total": page.total, "next": next_url})
