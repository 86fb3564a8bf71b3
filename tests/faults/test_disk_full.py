"""Disk full during an upload: the officer gets a clear message (503, nothing saved), and
nothing is half-stored: no database row, no file, not even a partial one."""

from __future__ import annotations

import errno
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prima.core.storage import FileSystemStorage

pytestmark = pytest.mark.django_db


class _FillsUp:
    def __init__(self, real, budget):
        self.real, self.budget = real, budget

    def write(self, data):
        if len(data) > self.budget:
            self.real.write(data[: self.budget])  # the disk takes what it can, then fails
            self.budget = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.budget -= len(data)
        return self.real.write(data)

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()


class FullDiskStorage(FileSystemStorage):
    """The storage of a disk with 4 KB left."""

    def _writer(self, fd):
        return _FillsUp(super()._writer(fd), 4096)


def test_an_upload_on_a_full_disk_changes_nothing(login, people, tree, media, settings):
    from prima.catalog import services
    from prima.catalog.models import Resource, ResourceVersion
    from prima.core.models import AuditEvent

    dataset = services.create_dataset(satker=tree.jepara, actor=people.ppid,
                                      title="Data TPS", description="Uji disk penuh.")
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "tests.faults.test_disk_full.FullDiskStorage"}}
    events = AuditEvent.objects.count()
    csv = ("kode,nilai\n" + "".join(f"{i:05d},{i}\n" for i in range(5000))).encode()

    response = login(people.ppid).post(
        reverse("catalog:staff-resource-create", args=[dataset.slug]),
        {"name": "TPS", "number_format": "international",
         "upload": SimpleUploadedFile("tps.csv", csv, content_type="text/csv")},
        HTTP_ACCEPT="text/html")

    assert response.status_code == 503
    page = response.content.decode()
    assert "Penyimpanan berkas sedang penuh" in page and "Traceback" not in page
    assert Resource.objects.count() == 0 and ResourceVersion.objects.count() == 0
    assert AuditEvent.objects.count() == events
    assert [p for p in media.rglob("*") if p.is_file()] == []
