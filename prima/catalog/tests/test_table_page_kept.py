"""The table page with the public page cache on (issue 13): published tables and the parts of
the page that do not depend on the view are kept per process under the page cache's generation
(``views/table_page.py``); the page is byte for byte the one built without them, in both
languages; a committed write (withdrawing the dataset, restricting a column) shows at once;
drafts stay previews of their satker's staff."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prima.catalog import satudata, services
from prima.catalog.engine import small
from prima.core import pagecache, snapshots

from .factories import published_dataset

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
ELAPSED = re.compile(r"\(\d+ ms\)")
CHART = re.compile(r"chart-\d+-")  # a process-wide counter (``core/charts.py``)
SECRET = "Bategede"  # a value of the column ``desa`` only
VIEWS = [{}, {"kecamatan__contains": "ked"}, {"kecamatan__contains": "zzz"},
         {"desa__eq": "Bategede"}, {"kecamatan__eq": "Kedung"}, {"_facet": "kecamatan"},
         {"_group_by": "kecamatan", "_metric": "sum:dpt", "_chart": "line"},
         {"_sort_desc": "dpt", "_size": "2"}, {"_search": "ked", "_size": "1"},
         {"dpt__gt": "abc"}, {"nope__eq": "1"}, {"_after": "bad"}]


@pytest.fixture
def table(people, tree):
    """A published TPS table: ``(dataset, resource, version)`` (list it before ``on``)."""
    return published_dataset(tree.jepara, people.ppid)


@pytest.fixture
def on(settings):
    """The page cache on (list it after the fixtures that write rows)."""
    settings.PRIMA_PUBLIC_PAGE_CACHE_SECONDS = 30
    pagecache._pages.clear()
    snapshots.clear()
    small.clear()
    yield
    pagecache._pages.clear()
    snapshots.clear()
    small.clear()


def _url(dataset, resource):
    return reverse("catalog:resource-table", args=[dataset.slug, resource.slug])


def _page(url, params, language) -> tuple[int, str]:
    client = Client()
    client.cookies["django_language"] = language
    response = client.get(url, params)
    html = TOKEN.sub("TOKEN", response.content.decode())
    return response.status_code, CHART.sub("chart-N-", ELAPSED.sub("(N ms)", html))


def test_pages_are_the_same_with_the_kept_parts(people, tree, settings):
    dataset, resource, _version = published_dataset(tree.jepara, people.ppid)
    satudata.save_column_metadata(resource=resource, actor=people.ppid,
                                  columns={"kode_desa": {"reference": "wilayah"}})
    url = _url(dataset, resource)
    cases = [(params, language) for params in VIEWS for language in ("id", "en")]
    without = [_page(url, params, language) for params, language in cases]
    settings.PRIMA_PUBLIC_PAGE_CACHE_SECONDS = 30
    snapshots.clear()
    small.clear()
    try:
        for (params, language), expected in zip(cases, without, strict=True):
            found = _page(url, params, language)
            if found != expected:  # the first difference, readable
                at = next(i for i, (a, b) in enumerate(zip(found[1], expected[1],
                                                           strict=False)) if a != b)
                assert found[1][at - 200:at + 200] == expected[1][at - 200:at + 200]
            assert found == expected, (params, language)
    finally:
        snapshots.clear()
        small.clear()
    statuses = {status for status, _html in without}
    assert statuses == {200, 400}
    assert 'data-testid="region-filter"' in without[0][1]  # the kept region filter
    assert "Sort" in without[1][1] and "Urutkan" in without[0][1]  # both languages


def test_another_views_first_request_reads_no_catalog_row(table, on):
    dataset, resource, _version = table
    url = _url(dataset, resource)
    assert Client().get(url, {"kecamatan__contains": "ked"}).status_code == 200

    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url, {"desa__contains": "bate"})

    assert response.status_code == 200 and SECRET in response.content.decode()
    # No catalog row read (the view's usage count is written, as before).
    assert not [q["sql"] for q in queries
                if "catalog_" in q["sql"] and "catalog_usagedaily" not in q["sql"]]


def test_a_withdrawn_dataset_is_gone_at_once(people, table, on,
                                             django_capture_on_commit_callbacks):
    dataset, resource, _version = table
    url = _url(dataset, resource)
    assert Client().get(url, {"kecamatan__contains": "a"}).status_code == 200  # kept

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_dataset(dataset=dataset, actor=people.ppid)

    assert Client().get(url, {"kecamatan__contains": "e"}).status_code == 404
    assert Client().get(url, {"kecamatan__contains": "a"}).status_code == 404  # not cached


def test_drafts_are_never_kept_and_stay_staff_previews(people, tree, table, on, login):
    dataset, resource, _version = table
    url = _url(dataset, resource)
    Client().get(url)  # every published table kept
    draft = services.create_dataset(satker=tree.jepara, actor=people.ppid, title="Draf TPS",
                                    description="Draf.")
    from .factories import table_resource

    draft_resource, _draft_version = table_resource(draft, people.ppid,
                                                    "kecamatan,dpt\nKedung,1\n")
    draft_url = _url(draft, draft_resource)

    assert Client().get(draft_url).status_code == 404
    staff = login(people.ppid)
    response = staff.get(draft_url)
    assert response.status_code == 200 and response.context["is_preview"]


def test_restricting_a_column_reaches_the_kept_table(people, table, on,
                                                     django_capture_on_commit_callbacks):
    dataset, resource, _version = table
    url = _url(dataset, resource)
    assert SECRET in Client().get(url).content.decode()  # kept, desa public

    with django_capture_on_commit_callbacks(execute=True):
        satudata.save_column_metadata(resource=resource, actor=people.ppid,
                                      columns={"desa": {"access": "restricted"}})

    text = Client().get(url, {"kecamatan__contains": "e"}).content.decode()
    assert SECRET not in text and "_sort=desa" not in text
    response = Client().get(url, {"desa__contains": "bate"})
    assert response.status_code == 400
    assert "tidak ada dalam tabel" in response.content.decode()


def test_an_engine_error_in_the_filter_values_is_the_pages_error(table, on, monkeypatch):
    from django.core.exceptions import ValidationError

    from prima.catalog import tables

    def too_slow(version):
        raise ValidationError("Kueri terlalu lama.")

    monkeypatch.setattr(tables, "frequent_values", too_slow)
    dataset, resource, _version = table
    response = Client().get(_url(dataset, resource))

    assert response.status_code == 400
    text = response.content.decode()
    assert "Kueri terlalu lama." in text and "<datalist" not in text
    assert snapshots.snapshot("catalog:table-page-parts", dict) == {}  # nothing kept
