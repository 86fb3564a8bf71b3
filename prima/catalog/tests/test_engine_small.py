"""Small tables answered from memory (``engine/small.py``) give exactly the engine's page: the
same rows and values, total and keyset token, the same errors; larger tables get a ``contains``
total from the column's distinct texts; anything else is left to the engine."""

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict

from prima.catalog.engine import query as engine
from prima.catalog.engine import small
from prima.catalog.engine.access import public_view

from .factories import published_dataset

pytestmark = pytest.mark.django_db

CONTENT = (
    "kode,nama,kecamatan,dpt,persen\n"
    "33.20.01,KEDUNG Satu,Kedung,250,12.5\n"
    "33.20.02,Bulakbaru,Kedung,300,\n"
    "33.20.03,Kalianyar,Pecangaan,200,7.25\n"
    "33.20.04,İstimewa Ärger,,210,100\n"
    "33.20.05,Gerdu,Pecangaan,,0.5\n"
)
QUERIES = [
    "", "nama__contains=ked", "nama__contains=KED", "nama__contains=", "nama__contains=i",
    "nama__contains=är", "kecamatan__contains=a&_size=1", "dpt__contains=0",
    "persen__contains=.5", "kode__contains=33.20.0&_size=2", "kecamatan__eq=Kedung",
    "kecamatan__ne=Kedung", "kecamatan__isnull=1", "kecamatan__isnull=0",
    "dpt__isnull=true", "_search=ked bul", "_search=an&_size=1", "_col=nama&nama__contains=a",
    "nama__contains=a&kecamatan__eq=Pecangaan", "nama__contains=zzz",
]


@pytest.fixture
def version(people, tree):
    _dataset, _resource, version = published_dataset(tree.jepara, people.ppid,
                                                     content=CONTENT)
    small.clear()
    yield public_view(version)
    small.clear()


def _same(version, text):
    query = engine.parse_query(QueryDict(text), version.schema)
    expected = engine.run_query(version, query)
    found = small.run_query(version, query)
    assert found is not None, text
    assert (found.columns, found.rows, found.total, found.next_after, found.row_ids) == (
        expected.columns, expected.rows, expected.total, expected.next_after,
        expected.row_ids), text
    return expected


@pytest.mark.parametrize("text", QUERIES)
def test_small_table_pages_are_the_engines(version, text):
    page = _same(version, text)
    pages = 0
    while page.next_after and pages < 10:  # every following page too
        page = _same(version, f"{text}&_after={page.next_after}")
        pages += 1


@pytest.mark.parametrize("text", ["nama__contains=ked", "nama__contains=zzz",
                                  "persen__contains=5&_size=1", "kode__contains=2"])
def test_larger_tables_count_contains_from_distinct_texts(version, settings, text):
    settings.CATALOG_SMALL_TABLE_CELLS = 1  # every table is "larger"
    page = _same(version, text)
    if page.next_after:
        _same(version, f"{text}&_after={page.next_after}")


def test_other_queries_are_left_to_the_engine(version, settings):
    for text in ("_sort=dpt", "_offset=1", "dpt__gt=100", "kecamatan__in=Kedung",
                 "dpt__eq=250"):
        query = engine.parse_query(QueryDict(text), version.schema)
        assert small.run_query(version, query) is None, text
    settings.CATALOG_SMALL_TABLE_CELLS = 1
    for text in ("kecamatan__eq=Kedung", "_search=ked", "nama__contains=a&nama__contains=b"):
        query = engine.parse_query(QueryDict(text), version.schema)
        assert small.run_query(version, query) is None, text


def test_errors_are_the_engines(version):
    for text in ("_after=bad", "_after=WzEsMl0"):
        query = engine.parse_query(QueryDict(text), version.schema)
        with pytest.raises(ValidationError) as expected:
            engine.run_query(version, query)
        with pytest.raises(ValidationError) as found:
            small.run_query(version, query)
        assert found.value.messages == expected.value.messages
