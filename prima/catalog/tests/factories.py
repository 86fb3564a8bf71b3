"""Test data for the catalog: datasets and tables published through the real services, and
catalog rows made directly for the readers (CKAN adapter, JSON API, DCAT).

Ingestion runs synchronously here (the engine's ``ingest_version``), exactly as the background
task would run it; files go to the test's own MEDIA_ROOT (the root conftest's ``media``).
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import factory
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from prima.catalog import services
from prima.catalog.choices import DatasetStatus, ResourceKind, VersionStatus
from prima.catalog.models import (
    CatalogSetting,
    Dataset,
    Licence,
    Resource,
    ResourceVersion,
    Tag,
    Topic,
)
from prima.organisations.tests.factories import SatkerFactory, UserFactory

TPS_CSV = (
    "kode_desa,desa,kecamatan,no_tps,dpt,suara_01,suara_02\n"
    "33.20.01.2001,Bategede,Kedung,001,250,120,98\n"
    "33.20.01.2001,Bategede,Kedung,002,240,100,110\n"
    "33.20.01.2002,Bulakbaru,Kedung,001,300,150,120\n"
    "33.20.02.2001,Kalianyar,Pecangaan,001,200,90,95\n"
    "33.20.02.2002,Gerdu,Pecangaan,001,210,80,100\n"
)


class DatasetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dataset

    satker = factory.SubFactory(SatkerFactory)
    slug = factory.Sequence(lambda n: f"dataset-{n}")
    title = factory.Sequence(lambda n: f"Dataset uji {n}")
    description = "Data uji katalog."
    created_by = factory.SubFactory(UserFactory)
    status = DatasetStatus.DRAFT


def upload(content: str | bytes, name: str = "data.csv") -> SimpleUploadedFile:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/csv")


def ingest(version):
    from prima.catalog.engine.ingest import ingest_version

    ingest_version(version.pk)
    version.refresh_from_db()
    return version


def table_resource(dataset, actor, content: str = TPS_CSV, *, name: str = "Hasil per TPS",
                   filename: str = "tps.csv", key_column: str = "", publish: bool = True):
    """A tabular resource with its first version ingested (and published if asked)."""
    resource, version = services.add_resource(dataset=dataset, actor=actor, name=name,
                                              upload=upload(content, filename),
                                              key_column=key_column)
    ingest(version)
    if publish:
        services.publish_version(version=version, actor=actor)
        version.refresh_from_db()
    resource.refresh_from_db()
    return resource, version


def publishes_directly(satker):
    """Let ``satker``'s writers publish without the walidata (the default is the review)."""
    CatalogSetting.objects.update_or_create(satker=satker,
                                            defaults={"review_required": False})


def published_dataset(satker, actor, *, title: str = "Hasil Pemilu 2024 per TPS",
                      content: str = TPS_CSV, **fields):
    fields.setdefault("description", "Perolehan suara per TPS di Kabupaten Jepara.")
    dataset = services.create_dataset(satker=satker, actor=actor, title=title, **fields)
    resource, version = table_resource(dataset, actor, content)
    publishes_directly(satker)
    dataset = services.publish_dataset(dataset=dataset, actor=actor)
    return dataset, resource, version



# --- Catalog rows made directly (the CKAN adapter, the JSON API and DCAT read them) ----------

CSV = b"kode_wilayah,nama,dpt\n33.20.01,Kedung,1200\n33.20.02,Pecangaan,950\n"
SCHEMA = [
    {"name": "kode_wilayah", "label": "Kode wilayah", "type": "code", "is_code": True},
    {"name": "nama", "label": "Nama kecamatan", "type": "text", "is_code": False},
    {"name": "dpt", "label": "Jumlah DPT", "type": "integer", "is_code": False},
]


def make_dataset(satker, slug, *, status=DatasetStatus.PUBLISHED, topics=(), tags=(),
                 licence="CC-BY-4.0", **fields):
    Licence.objects.get_or_create(id=licence, defaults={"title": licence})
    fields.setdefault("title", f"Judul {slug}")
    fields.setdefault("description", f"Uraian {slug}")
    dataset = Dataset.objects.create(
        satker=satker, slug=slug, status=status, licence_id=licence, created_by=UserFactory(),
        published_at=timezone.now() if status == DatasetStatus.PUBLISHED else None, **fields)
    dataset.topics.set([Topic.objects.get_or_create(slug=t, defaults={"name": t.title()})[0]
                        for t in topics])
    dataset.tags.set([Tag.objects.get_or_create(name=t)[0] for t in tags])
    return dataset


def add_file(dataset, slug, *, fmt="CSV", content=CSV, tabular=True, schema=SCHEMA,
             status=VersionStatus.PUBLISHED):
    """A file resource with one version; a tabular one gets a Parquet path (the engine fills
    the file itself where a test needs rows)."""
    resource = Resource.objects.create(dataset=dataset, slug=slug, name=f"Berkas {slug}",
                                       kind=ResourceKind.FILE, format=fmt, is_tabular=tabular)
    version = ResourceVersion.objects.create(
        resource=resource, number=1, status=status, original_name=f"{slug}.{fmt.lower()}",
        original=ContentFile(content, name=f"{slug}.{fmt.lower()}"), sha256="ab" * 32,
        size=len(content), schema=schema if tabular else [], created_by=dataset.created_by,
        parquet_path=f"catalog/parquet/{slug}.parquet" if tabular else "",
        row_count=2 if tabular else None, published_at=timezone.now())
    resource.current_version = version
    resource.save(update_fields=["current_version"])
    return resource


def publish_table(dataset, slug, content: bytes, fmt="CSV"):
    """A tabular resource whose file went through the real engine ingestion and is published
    (what services.publish_version leaves behind)."""
    from prima.catalog.engine.ingest import ingest_version

    resource = Resource.objects.create(dataset=dataset, slug=slug, name=f"Tabel {slug}",
                                       kind=ResourceKind.FILE, format=fmt, is_tabular=True)
    version = ResourceVersion.objects.create(
        resource=resource, number=1, original_name=f"{slug}.{fmt.lower()}",
        original=ContentFile(content, name=f"{slug}.{fmt.lower()}"), sha256="cd" * 32,
        size=len(content), created_by=dataset.created_by)
    ingest_version(version.pk)
    version.refresh_from_db()
    assert version.status == VersionStatus.REVIEW, version.problems
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    resource.current_version = version
    resource.save(update_fields=["current_version"])
    return resource


def add_link(dataset, slug, url, fmt="PDF"):
    return Resource.objects.create(dataset=dataset, slug=slug, name=f"Tautan {slug}",
                                   kind=ResourceKind.LINK, format=fmt, url=url)


def build_catalog(tree):
    """Two published datasets (Jepara, Jawa Tengah), a draft and a withdrawn one (Jepara)."""
    results = make_dataset(
        tree.jepara, "hasil-pemilu-2024-jepara", title="Hasil Pemilu 2024 Kabupaten Jepara",
        description='Rekapitulasi "resmi" per kecamatan.\nSumber: KPU.',
        topics=["pemilu"], tags=["pemilu", "tps"], spatial_code="33.20",
        temporal_start=dt.date(2024, 2, 14), temporal_end=dt.date(2024, 3, 20),
        contact_name="PPID Jepara", contact_email="ppid@jepara.kpu.go.id",
        update_frequency="per_election", source="Rekapitulasi KPU")
    table = add_file(results, "rekap-kecamatan")
    pdf = add_link(results, "berita-acara", "https://jepara.kpu.go.id/ba.pdf")
    budget = make_dataset(tree.jateng, "anggaran-2024", title="Anggaran KPU Jawa Tengah 2024",
                          description="Pagu dan realisasi.", topics=["anggaran"],
                          tags=["anggaran"], licence="CC0-1.0")
    sheet = add_file(budget, "pagu", fmt="XLSX", content=b"PK\x03\x04", tabular=False)
    draft = make_dataset(tree.jepara, "draf-rahasia", title="Draf Rahasia Pemilu",
                         status=DatasetStatus.DRAFT, topics=["pemilu"], tags=["rahasia"])
    draft_table = add_file(draft, "draf-tabel")
    withdrawn = make_dataset(tree.jepara, "ditarik", title="Data Ditarik Pemilu",
                             status=DatasetStatus.WITHDRAWN, tags=["ditarik"])
    return SimpleNamespace(results=results, table=table, pdf=pdf, budget=budget, sheet=sheet,
                           draft=draft, draft_table=draft_table, withdrawn=withdrawn)
