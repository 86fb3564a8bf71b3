"""Satu Data Indonesia in the catalog (domain satu-data.md): the walidata's review before
publication, variable and indicator metadata (the data dictionary) and reference codes.

- Review (Perpres 39/2019; roles "Produsen Data → Walidata → published"): a satker either
  publishes directly or through its walidata (``CatalogSetting.review_required``, default yes).
  With review, the producer submits a draft, the walidata of the satker or above checks that
  the metadata is complete and the codes valid (``review_problems``), then publishes it or
  returns it with notes. Every step goes through ``core.transitions`` and is audited.
- Metadata (Peraturan BPS 5/2020): MS-Var per column (``ColumnMetadata``), MS-Ind per
  indicator (``Indicator``), MS-Keg on the dataset; ``data_dictionary`` merges a table's
  columns with their MS-Var for the table page, CKAN, DCAT and the dictionary CSV.
- Reference codes: a column declared as a Kemendagri region code is checked against
  ``prima/data/wilayah.csv`` at ingestion (``engine.references``, unknown codes by line) and
  can be joined to region names and filtered by a satker's subtree (``<col>__subtree=``).

Bad input raises ``ValidationError`` with an Indonesian message and changes nothing.
"""

from __future__ import annotations

import csv
import functools
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prima.core import audit
from prima.core.transitions import transition
from prima.organisations.seed import DATA_DIR

from . import policies
from .choices import (
    AuditAction,
    ColumnAccess,
    ColumnReference,
    DatasetStatus,
    UpdateFrequency,
    VersionStatus,
)
from .models import CatalogSetting, ColumnMetadata, Dataset, Indicator, Resource

# --- review -------------------------------------------------------------------------------------

# Dataset metadata the walidata requires before publication (Peraturan BPS 5/2020: the dataset
# carries its metadata in the standard structure; MS-Keg: organiser, period).
REQUIRED_DATASET_FIELDS = (
    ("description", _("deskripsi")),
    ("source", _("sumber data")),
    ("activity_name", _("nama kegiatan (MS-Keg)")),
    ("activity_organiser", _("penyelenggara kegiatan (MS-Keg)")),
    ("activity_period", _("periode kegiatan (MS-Keg)")),
)
NOTE_MAX = 4000
MS_VAR_FIELDS = ("concept", "definition", "classification", "reference", "validation_rule",
                 "time_reference", "unit", "access")
MS_IND_FIELDS = ("name", "concept", "definition", "formula", "unit", "interpretation",
                 "disaggregation", "frequency")


def review_required(satker) -> bool:
    """Whether ``satker`` publishes through its walidata (no setting row: yes)."""
    setting = CatalogSetting.objects.filter(satker=satker).only("review_required").first()
    return True if setting is None else setting.review_required


@transaction.atomic
def set_review_required(*, satker, actor, required: bool) -> CatalogSetting:
    """Choose whether ``satker`` publishes directly or through its walidata; decided by a
    walidata of the satker or above (or the system administrator), not by the producer."""
    if not policies.is_walidata_for(actor, satker):
        raise PermissionDenied(_("Hanya walidata yang dapat mengubah pengaturan ini."))
    setting, _created = CatalogSetting.objects.select_for_update().get_or_create(satker=satker)
    before = {"review_required": setting.review_required}
    setting.review_required = bool(required)
    setting.updated_by = actor
    setting.save()
    audit.record(setting, actor=actor, action=AuditAction.SETTING_UPDATED, satker=satker.pk,
                 changes=audit.diff(before, {"review_required": setting.review_required}))
    return setting


def _tabular_resources(dataset: Dataset) -> list[Resource]:
    return list(Resource.objects.filter(dataset=dataset, is_tabular=True)
                .select_related("current_version").prefetch_related("column_metadata"))


def review_problems(dataset: Dataset) -> list[str]:
    """What the walidata finds missing or wrong (empty: the dataset may be published): the
    dataset's metadata, content, MS-Var of every published column, MS-Ind of its indicators,
    its region code and the codes of its region-code columns."""
    from .services import has_content, validate_spatial_code

    problems = []
    for field, label in REQUIRED_DATASET_FIELDS:
        if not str(getattr(dataset, field) or "").strip():
            problems.append(_("Metadata belum lengkap: %(field)s.") % {"field": label})
    if not (dataset.contact_name or dataset.contact_email):
        problems.append(_("Metadata belum lengkap: kontak (nama atau email)."))
    if not has_content(dataset):
        problems.append(_("Belum ada versi berkas yang terbit atau tautan."))
    try:
        validate_spatial_code(dataset.spatial_code)
    except ValidationError:
        problems.append(_("Kode cakupan wilayah %(code)s tidak dikenal.")
                        % {"code": dataset.spatial_code})
    for resource in _tabular_resources(dataset):
        version = resource.current_version
        if version is None or version.status != VersionStatus.PUBLISHED:
            continue
        meta = {m.name: m for m in resource.column_metadata.all()}
        missing = [c["name"] for c in version.schema
                   if not (meta.get(c["name"]) and meta[c["name"]].definition.strip())]
        if missing:
            problems.append(_("Metadata variabel (MS-Var) belum lengkap pada %(resource)s: "
                              "definisi kolom %(columns)s.")
                            % {"resource": resource.name, "columns": ", ".join(missing)})
        # MS-Var public accessibility: a restricted variable has no place in a public table.
        restricted = [c["name"] for c in version.schema
                      if meta.get(c["name"]) and meta[c["name"]].access == ColumnAccess.RESTRICTED]
        if restricted:
            problems.append(_("Kolom berakses terbatas pada %(resource)s: %(columns)s. Unggah "
                              "versi tanpa kolom tersebut sebelum diterbitkan.")
                            % {"resource": resource.name, "columns": ", ".join(restricted)})
        for column in region_columns(resource, version):
            unknown = unknown_region_codes(version, column)
            if unknown:
                problems.append(_("Kolom %(column)s pada %(resource)s memuat kode wilayah "
                                  "yang tidak dikenal: %(codes)s.")
                                % {"column": column, "resource": resource.name,
                                   "codes": ", ".join(unknown[:10])})
    for indicator in dataset.indicators.all():
        empty = [str(Indicator._meta.get_field(f).verbose_name)
                 for f in ("definition", "formula", "unit", "frequency")
                 if not str(getattr(indicator, f) or "").strip()]
        if empty:
            problems.append(_("Metadata indikator (MS-Ind) %(name)s belum lengkap: "
                              "%(fields)s.") % {"name": indicator.name,
                                                "fields": ", ".join(empty)})
    return problems


@transaction.atomic
def return_dataset(*, dataset: Dataset, actor, note: str) -> Dataset:
    """The walidata sends a dataset in review back to its producer (draft) with notes."""
    if not policies.is_walidata_for(actor, dataset.satker):
        raise PermissionDenied(_("Hanya walidata yang dapat mengembalikan dataset."))
    note = (note or "").strip()[:NOTE_MAX]
    if not note:
        raise ValidationError({"note": _("Tuliskan catatan untuk produsen data.")},
                              code="note_required")
    return transition(dataset, actor=actor, allowed_from=(DatasetStatus.IN_REVIEW,),
                      to=DatasetStatus.DRAFT, action=AuditAction.DATASET_RETURNED,
                      message=_("Hanya dataset yang sedang diperiksa walidata yang dapat "
                                "dikembalikan."),
                      changes={"review_note": note, "reviewed_by": actor,
                               "reviewed_at": timezone.now()})


def datasets_to_review(user):
    """Datasets waiting for ``user``'s review (in review, in the subtrees where ``user`` is
    walidata), oldest first."""
    if not policies.is_walidata_anywhere(user):
        return Dataset.objects.none()
    qs = Dataset.objects.filter(status=DatasetStatus.IN_REVIEW)
    if not policies.is_system_admin(user):
        qs = qs.filter(policies.walidata_q(user))
    return qs.select_related("satker").order_by("updated_at", "pk")


# --- metadata -----------------------------------------------------------------------------------


def table_columns(resource: Resource) -> list[dict]:
    """The columns of a table: those of its published version, else of its latest version with
    a schema (a draft's first upload)."""
    version = resource.current_version
    if version is None or not version.schema:
        version = (resource.versions.exclude(schema=[]).exclude(
            status=VersionStatus.DISCARDED).order_by("-number").first())
    return list(version.schema) if version is not None else []


def _values(obj, fields) -> dict:
    return {f: getattr(obj, f) for f in fields}


def _clean_column(name: str, data: dict) -> dict:
    values = {f: str(data.get(f) or "").strip() for f in MS_VAR_FIELDS}
    if values["reference"] and values["reference"] not in ColumnReference.values:
        raise ValidationError(_("Kode referensi kolom %(name)s tidak dikenal.") % {"name": name},
                              code="reference")
    values["access"] = values["access"] or ColumnAccess.PUBLIC
    if values["access"] not in ColumnAccess.values:
        raise ValidationError(_("Akses publik kolom %(name)s tidak dikenal.") % {"name": name},
                              code="access")
    for field in ("validation_rule", "time_reference", "unit"):
        limit = ColumnMetadata._meta.get_field(field).max_length
        if len(values[field]) > limit:
            raise ValidationError(_("Isian %(field)s kolom %(name)s terlalu panjang.")
                                  % {"field": field, "name": name}, code="too_long")
    return values


@transaction.atomic
def save_column_metadata(*, resource: Resource, actor, columns: dict[str, dict]) -> list[dict]:
    """Save the MS-Var of the table's columns (``{column name: {field: value}}``); a version
    still under review is checked again when a column becomes a region-code column, and its
    problems are returned."""
    from . import services

    services._require_write(actor, resource.dataset)
    names = {c["name"] for c in table_columns(resource)}
    unknown = sorted(set(columns) - names)
    if unknown:
        raise ValidationError(_("Kolom tidak ada dalam tabel: %(names)s.")
                              % {"names": ", ".join(unknown)}, code="unknown_column")
    cleaned = {name: _clean_column(name, data) for name, data in columns.items()}
    existing = {m.name: m for m in ColumnMetadata.objects.select_for_update().filter(
        resource=resource)}
    before = {name: _values(m, MS_VAR_FIELDS) for name, m in existing.items()}
    rechecks = False
    for name, values in cleaned.items():
        meta = existing.get(name) or ColumnMetadata(resource=resource, name=name)
        if values["reference"] and values["reference"] != meta.reference:
            rechecks = True
        for field, value in values.items():
            setattr(meta, field, value)
        meta.save()
        existing[name] = meta
    after = {name: _values(m, MS_VAR_FIELDS) for name, m in existing.items()}
    audit.record(resource, actor=actor, action=AuditAction.DATASET_METADATA_UPDATED,
                 satker=resource.dataset.satker_id,
                 changes=audit.diff({"columns": before}, {"columns": after}))
    problems = []
    if rechecks:
        for version in resource.versions.filter(status=VersionStatus.REVIEW).exclude(schema=[]):
            problems += services.review_schema(version=version, actor=actor,
                                               schema=version.schema)
    return problems


def _clean_indicator(data: dict) -> dict:
    values = {f: str(data.get(f) or "").strip() for f in MS_IND_FIELDS}
    name = values["name"] or "?"
    required = {"name": _("nama"), "definition": _("definisi"), "formula": _("rumus"),
                "unit": _("satuan")}
    missing = [label for field, label in required.items() if not values[field]]
    if missing:
        raise ValidationError(_("Indikator %(name)s: isi %(fields)s.")
                              % {"name": name, "fields": ", ".join(missing)}, code="required")
    if values["frequency"] and values["frequency"] not in UpdateFrequency.values:
        raise ValidationError(_("Frekuensi indikator %(name)s tidak dikenal.") % {"name": name},
                              code="frequency")
    for field in ("name", "unit", "disaggregation"):
        if len(values[field]) > Indicator._meta.get_field(field).max_length:
            raise ValidationError(_("Isian indikator %(name)s terlalu panjang.")
                                  % {"name": name[:80]}, code="too_long")
    return values


@transaction.atomic
def save_indicators(*, dataset: Dataset, actor, indicators: list[dict]) -> list[Indicator]:
    """Replace the dataset's indicator metadata (MS-Ind) with ``indicators`` (in order)."""
    from . import services

    services._require_write(actor, dataset)
    cleaned = [_clean_indicator(item) for item in indicators]
    existing = list(Indicator.objects.select_for_update().filter(dataset=dataset))
    before = [_values(i, MS_IND_FIELDS) for i in existing]
    Indicator.objects.filter(dataset=dataset).delete()
    saved = [Indicator.objects.create(dataset=dataset, **values) for values in cleaned]
    audit.record(dataset, actor=actor, action=AuditAction.DATASET_METADATA_UPDATED,
                 changes=audit.diff({"indicators": before},
                                    {"indicators": [_values(i, MS_IND_FIELDS)
                                                    for i in saved]}))
    return saved


def data_dictionary(resource: Resource, columns: list[dict] | None = None) -> list[dict]:
    """One entry per column: name, label, type and its MS-Var (blank where not filled)."""
    columns = table_columns(resource) if columns is None else columns
    meta = {m.name: m for m in resource.column_metadata.all()}
    entries = []
    for column in columns:
        m = meta.get(column["name"])
        entry = {"name": column["name"], "label": column.get("label") or column["name"],
                 "type": column.get("type", ""), "description": column.get("description", "")}
        for field in MS_VAR_FIELDS:
            entry[field] = getattr(m, field) if m else ""
        entry["access"] = entry["access"] or ColumnAccess.PUBLIC
        entry["reference_label"] = (ColumnReference(entry["reference"]).label
                                    if entry["reference"] else "")
        entry["access_label"] = ColumnAccess(entry["access"]).label
        entries.append(entry)
    return entries


DICTIONARY_HEADER = ("kolom", "label", "tipe", "konsep", "definisi", "klasifikasi",
                     "kode_referensi", "aturan_validasi", "rujukan_waktu", "satuan",
                     "akses_publik")


def dictionary_csv(resource: Resource) -> str:
    """The data dictionary as CSV, the sidecar of the table's exports."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(DICTIONARY_HEADER)
    for e in data_dictionary(resource):
        writer.writerow([e["name"], e["label"], e["type"], e["concept"], e["definition"],
                         e["classification"], e["reference"], e["validation_rule"],
                         e["time_reference"], e["unit"], e["access"]])
    return out.getvalue()


# --- reference codes ----------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def wilayah_names() -> dict[str, str]:
    """Kemendagri region code → name (prima/data/wilayah.csv, province to desa)."""
    with (DATA_DIR / "wilayah.csv").open(encoding="utf-8", newline="") as fh:
        return {row["kode"].strip(): row["nama"].strip() for row in csv.DictReader(fh)}


def region_names(codes) -> dict[str, str]:
    """The names of ``codes`` (unknown codes left out): the join of a region-code column."""
    names = wilayah_names()
    return {code: names[code] for code in codes if code in names}


def satkers_of_regions(codes) -> dict[str, object]:
    """Each region code joined to the satker tree: the satker whose code is the longest
    prefix of it (a desa of Jepara → KPU Kabupaten Jepara, a Jawa Tengah code without its own
    kabupaten satker → KPU Provinsi Jawa Tengah, anything else → KPU RI). One query."""
    from prima.core.scope import ROOT_CODE, is_in_subtree
    from prima.organisations.models import Satker

    codes = {str(c) for c in codes if c}
    prefixes = set()
    for code in codes:
        parts = code.split(".")
        prefixes |= {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
    satkers = {s.code: s for s in Satker.objects.filter(code__in=prefixes | {ROOT_CODE})}
    joined = {}
    for code in codes:
        found = [s for c, s in satkers.items() if is_in_subtree(code, c)]
        if found:
            joined[code] = max(found, key=lambda s: len(s.code) if s.code != ROOT_CODE else 0)
    return joined


def region_columns(resource: Resource, version=None) -> list[str]:
    """Names of the columns of ``version`` declared as Kemendagri region codes."""
    declared = {m.name for m in resource.column_metadata.all()
                if m.reference == ColumnReference.WILAYAH}
    schema = (version.schema if version is not None else table_columns(resource)) or []
    return [c["name"] for c in schema if c["name"] in declared]


def unknown_region_codes(version, column: str) -> list[str]:
    """Distinct values of ``column`` in the version's Parquet table that are not region
    codes (at most 50)."""
    from .engine.query import Table
    from .engine.safety import quote_ident, run

    table = Table(version)
    ident = quote_ident(column)
    rows = run(table.connection(),
               f"SELECT DISTINCT CAST({ident} AS VARCHAR) FROM t "  # noqa: S608
               f"WHERE {ident} IS NOT NULL ORDER BY 1")
    names = wilayah_names()
    return [r[0] for r in rows if r[0].strip() and r[0].strip() not in names][:50]
