"""Fixtures shared by the catalog's tests (the root conftest gives ``tree``, ``people``,
``login`` and a fresh MEDIA_ROOT for every test)."""

from __future__ import annotations

import pytest

from prima.catalog.choices import WALIDATA
from prima.organisations.tests.factories import member

from .factories import build_catalog, published_dataset


@pytest.fixture
def catalog(tree):
    """Two published datasets (Jepara, Jawa Tengah), a draft and a withdrawn one (Jepara), made
    directly as rows (``factories.build_catalog``)."""
    return build_catalog(tree)


@pytest.fixture
def published_table(people, tree):
    """A published Jepara dataset (topic pemilu, tags tps and hasil) with one TPS table that
    went through the real services and engine: ``(dataset, resource, version)``."""
    return published_dataset(tree.jepara, people.ppid, topics=["pemilu"], tags=["tps", "hasil"])


@pytest.fixture
def walidata(tree):
    """The walidata of KPU Provinsi Jawa Tengah: reviews Jepara's datasets (the province
    above)."""
    return member(tree.jateng, WALIDATA, full_name="Walidata Jateng")
