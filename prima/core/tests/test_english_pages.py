"""Issue 13: every public page rendered in English reads in English dates: no Indonesian month
or day name (April, September and November are spelled the same in both languages)."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import reverse

from prima.inforequests.tests.factories import make_request
from prima.reform import services as reform
from prima.reform.choices import EventMode

INDONESIAN = re.compile(r"\b(Januari|Februari|Maret|Mei|Juni|Juli|Agustus|Oktober|Desember|"
                        r"Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\b")


@pytest.fixture
def pages(tree, people):
    request = make_request(tree.jepara, received_at=dt.datetime(
        2026, 12, 3, 10, tzinfo=dt.timezone(dt.timedelta(hours=7))))
    reform.create_event(organiser=tree.jepara, actor=people.system_admin, data={
        "title": "Sosialisasi zona integritas", "date": dt.date(2026, 5, 6),
        "mode": EventMode.ONLINE})
    return [
        "/", "/satker/", "/satker/33.20/", "/informasi/", "/informasi/register/",
        reverse("inforequests:public-tracking", args=[request.number_slug, request.secret]),
        "/informasi/33.20/daftar-informasi/", "/laporan/informasi/", "/data/",
        "/satker/33.20/reformasi/", reverse("servicestandards:public-list"),
        reverse("surveys:public-results", args=["33.20"]),
        reverse("integrity:public-satker", args=["33.20"]),
    ]


def test_public_pages_in_english_name_no_indonesian_month_or_day(client, pages):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    found = {}
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert '<html lang="en">' in html, path
        words = sorted(set(INDONESIAN.findall(html)))
        if words:
            found[path] = words
    assert found == {}
