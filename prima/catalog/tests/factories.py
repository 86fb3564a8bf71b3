"""Test data for the catalog: datasets and tables published through the real services.

Ingestion runs synchronously here (the engine's ``ingest_version``), exactly as the background
task would run it; set ``settings.MEDIA_ROOT`` to a temporary directory first (``media``).
"""

from __future__ import annotations

import factory
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prima.catalog import services
from prima.catalog.choices import DatasetStatus
from prima.catalog.models import Dataset
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


def published_dataset(satker, actor, *, title: str = "Hasil Pemilu 2024 per TPS",
                      content: str = TPS_CSV, **fields):
    fields.setdefault("description", "Perolehan suara per TPS di Kabupaten Jepara.")
    dataset = services.create_dataset(satker=satker, actor=actor, title=title, **fields)
    resource, version = table_resource(dataset, actor, content)
    dataset = services.publish_dataset(dataset=dataset, actor=actor)
    return dataset, resource, version


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
