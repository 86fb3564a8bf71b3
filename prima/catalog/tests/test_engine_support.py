"""Helpers shared by the engine tests: versions made from bytes with minimal model rows."""

from __future__ import annotations

import hashlib
import itertools

from django.core.files.base import ContentFile

_counter = itertools.count(1)


def make_version(content: bytes, name: str = "data.csv", *, number_format: str = "international",
                 resource=None, detected=None, satker=None):
    """A ResourceVersion holding ``content`` as its original file (status UPLOADED)."""
    from prima.accounts.models import User
    from prima.catalog.models import Dataset, Resource, ResourceVersion
    from prima.organisations.models import Satker

    n = next(_counter)
    if resource is None:
        user = User.objects.create_user(email=f"engine{n}@example.org", password="x")
        satker = satker or Satker.objects.first()
        if satker is None:
            satker = Satker.objects.create(code="0", name="KPU RI", level="pusat")
        dataset = Dataset.objects.create(satker=satker, slug=f"ds-{n}", title=f"Dataset {n}",
                                         description="Uji", created_by=user)
        resource = Resource.objects.create(dataset=dataset, slug=f"res-{n}", name=f"Tabel {n}",
                                           kind="file", is_tabular=True,
                                           number_format=number_format)
    number = resource.versions.count() + 1
    digest = hashlib.sha256(content).hexdigest()
    version = ResourceVersion(resource=resource, number=number, original_name=name,
                              sha256=digest, size=len(content),
                              created_by=resource.dataset.created_by, detected=detected or {})
    version.original.save(name, ContentFile(content), save=False)
    version.save()
    return version


def ingest(content: bytes, name: str = "data.csv", **kwargs):
    from prima.catalog.engine.ingest import ingest_version

    version = make_version(content, name, **kwargs)
    ingest_version(version.pk)
    version.refresh_from_db()
    return version


def by_name(version) -> dict:
    return {col["name"]: col for col in version.schema}


def test_make_version_stores_the_original(db, media, tree):
    version = make_version(b"a,b\n1,2\n")
    assert version.original.read() == b"a,b\n1,2\n"
    assert version.status == "uploaded"
