"""Catalog records as the dictionaries CKAN 2.10 returns: packages (datasets), resources,
organizations (satkers), groups (topics), and the satker ↔ organization name mapping (the one
place it is defined; the JSON API and DCAT use it too)."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

from django.conf import settings
from django.urls import reverse

from prima.core.scope import ROOT_CODE

from ..choices import ColumnType, ResourceKind, VersionStatus

NATIONAL_ORGANIZATION = "kpu-ri"

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
    # The rest of MS-Keg (Peraturan BPS 5/2020).
    "activity_unit", "activity_period", "activity_design", "activity_dissemination",
)
INDICATOR_FIELDS = ("name", "concept", "definition", "formula", "unit", "interpretation",
                    "disaggregation", "frequency")
# Datastore field types as CKAN (PostgreSQL) names them.
FIELD_TYPES = {
    ColumnType.TEXT: "text", ColumnType.CODE: "text", ColumnType.INTEGER: "int",
    ColumnType.DECIMAL: "numeric", ColumnType.DATE: "date", ColumnType.DATETIME: "timestamp",
    ColumnType.BOOLEAN: "bool",
}


# --- the satker ↔ organization mapping ----------------------------------------------------

def organization_name(satker) -> str:
    """CKAN organization name of a satker: ``kpu-ri`` for KPU RI ("0"), else ``kpu-`` and the
    code with dots as dashes (``33.20`` → ``kpu-33-20``)."""
    code = satker if isinstance(satker, str) else satker.code
    if code == ROOT_CODE:
        return NATIONAL_ORGANIZATION
    return "kpu-" + code.replace(".", "-")


def satker_code_for(name_or_id: str) -> str:
    """The satker code an organization name (or id, which is the code itself) stands for."""
    value = (name_or_id or "").strip()
    if value == NATIONAL_ORGANIZATION:
        return ROOT_CODE
    if re.fullmatch(r"kpu-\d+(-\d+)*", value):
        return value[4:].replace("-", ".")
    return value


# --- values -------------------------------------------------------------------------------

def iso(value) -> str | None:
    """CKAN's timestamps: naive UTC in ISO 8601."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat()
    return value.isoformat()


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request else settings.PRIMA_BASE_URL + path


def record_value(value):
    """A datastore cell as JSON: whole decimals as integers, dates as ISO text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


# --- dictionaries -------------------------------------------------------------------------

def is_listed(resource) -> bool:
    """A link, or a file with a published version: what package_show and DCAT list (a file
    still without a published version would be a dead download link)."""
    if resource.kind == ResourceKind.LINK:
        return bool(resource.url)
    version = resource.current_version
    return version is not None and version.status == VersionStatus.PUBLISHED


def listed_resources(dataset) -> list:
    """The dataset's resources that ``is_listed``, in their order (uses the prefetch of
    ``DatasetQuerySet.with_public_resources``)."""
    return [resource for resource in dataset.resources.all() if is_listed(resource)]


def resource_download_url(request, resource) -> str:
    """A link's own address, else the absolute address of the download view."""
    if resource.kind == ResourceKind.LINK and resource.url:
        return resource.url
    if not resource.original_is_public:
        # A restricted column: the original is not public, the table's export is.
        return absolute(request, reverse("catalog:resource-export",
                                         args=[resource.dataset.slug, resource.slug, "csv"]))
    return absolute(request, reverse("catalog:resource-download",
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
        "created": iso(resource.created_at),
        "last_modified": iso(version.published_at if version else resource.updated_at),
        "metadata_modified": iso(resource.updated_at),
        "position": resource.position,
        "datastore_active": resource.has_published_table,
        "state": "active",
        # Satu Data: the MS-Var of every column (Peraturan BPS 5/2020), the data dictionary.
        "data_dictionary": _data_dictionary(resource),
    }


def _data_dictionary(resource) -> list[dict]:
    from ..satudata import data_dictionary

    version = resource.current_version
    if not resource.is_tabular or version is None:
        return []
    return [{k: v for k, v in entry.items() if not k.endswith("_label")}
            for entry in data_dictionary(resource, columns=version.schema)]


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
    """A package as CKAN's package_show returns it (expects the prefetches of
    ``DatasetQuerySet.with_public_resources``)."""
    resources = [resource_dict(request, r, dataset) for r in listed_resources(dataset)]
    tags = [{"id": str(t.pk), "name": t.name, "display_name": t.name, "state": "active",
             "vocabulary_id": None} for t in dataset.tags.all()]
    extras = []
    for field in EXTRA_FIELDS:
        value = getattr(dataset, field)
        extras.append({"key": field, "value": value.isoformat() if hasattr(value, "isoformat")
                       else (value or "")})
    extras.append({"key": "satker_code", "value": dataset.satker.code})
    indicators = [{f: getattr(i, f) for f in INDICATOR_FIELDS} for i in dataset.indicators.all()]
    if indicators:
        # Satu Data indicator metadata (MS-Ind); CKAN extras hold text, so it is JSON.
        extras.append({"key": "indicator_metadata",
                       "value": json.dumps(indicators, ensure_ascii=False)})
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
        "url": absolute(request, dataset.get_absolute_url()),
        "version": None,
        "owner_org": dataset.satker.code,
        "organization": organization_dict(dataset.satker),
        "groups": [group_dict(t) for t in dataset.topics.all()],
        "tags": tags,
        "num_tags": len(tags),
        "resources": resources,
        "num_resources": len(resources),
        "extras": extras,
        "metadata_created": iso(dataset.created_at),
        "metadata_modified": iso(dataset.updated_at),
        "relationships_as_object": [],
        "relationships_as_subject": [],
    }
