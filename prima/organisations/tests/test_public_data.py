"""Satker pages with the public page cache on (issue 13): the satkers, children, divisions,
leadership, latest public documents and published services are read for every satker at once
and kept while the page cache's generation holds, so another satker's first request asks no
query; the page is the same as without them, and a committed write shows at once."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from prima.core import pagecache, snapshots
from prima.organisations.choices import DivisionKind
from prima.organisations.tests.factories import DivisionFactory

CSRF = re.compile(r"[A-Za-z0-9]{64}")


def detail(code):
    return reverse("organisations:satker-detail", args=[code])


@pytest.fixture
def on(settings):
    """The page cache on (list it after the fixtures that write rows: a write registers the
    generation's move once per transaction)."""
    settings.PRIMA_PUBLIC_PAGE_CACHE_SECONDS = 30
    pagecache._pages.clear()
    snapshots.clear()
    yield
    pagecache._pages.clear()
    snapshots.clear()


def _page(code) -> str:
    return CSRF.sub("TOKEN", Client().get(detail(code)).content.decode())


def test_pages_are_the_same_with_the_kept_data(jepara_filled, settings):
    codes = ["0", "33", "33.20", "33.19", "91"]
    without = {code: _page(code) for code in codes}
    settings.PRIMA_PUBLIC_PAGE_CACHE_SECONDS = 30
    snapshots.clear()
    try:
        for code in codes:
            assert _page(code) == without[code], code
    finally:
        snapshots.clear()
    assert "Siti Rahayu" in without["33.20"] and "KPU Kabupaten Jepara" in without["33"]


def test_another_satkers_first_request_asks_no_query(jepara_filled, on,
                                                     django_assert_num_queries):
    assert Client().get(detail("33.20")).status_code == 200  # reads every satker's data
    with django_assert_num_queries(0):
        response = Client().get(detail("33"))
    assert "KPU Kabupaten Jepara" in response.content.decode()  # a child, from the kept list
    with django_assert_num_queries(0):  # a satker that does not exist
        assert Client().get(detail("99.99")).status_code == 404


def test_a_committed_write_shows_on_the_next_page(jepara_filled, on,
                                                  django_capture_on_commit_callbacks):
    Client().get(detail("33.20"))
    with django_capture_on_commit_callbacks(execute=True):
        DivisionFactory(satker=jepara_filled, kind=DivisionKind.SECTION, order=9,
                        name="Subbagian Baru")
    assert "Subbagian Baru" in Client().get(detail("33.20")).content.decode()


def test_nothing_is_kept_with_the_page_cache_off(jepara_filled, django_assert_num_queries):
    Client().get(detail("33.20"))
    assert snapshots.snapshot("organisations:satkers", dict) is None
    with django_assert_num_queries(7):  # the page's own queries, every time
        Client().get(detail("33"))
