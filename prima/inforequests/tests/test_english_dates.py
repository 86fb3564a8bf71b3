"""Every date on the information request pages is in the reader's language (Django's date
formats with translations): the tracking page in English has no Indonesian month or day name,
and the timeline's entries are translated."""

import re

from django.urls import reverse

from prima.inforequests import services
from prima.inforequests.tests.factories import at, freeze_now, grant, make_request

INDONESIAN = re.compile(
    r"\b(Januari|Februari|Maret|Mei|Juni|Juli|Agustus|Oktober|Desember|Senin|Selasa|Rabu|"
    r"Kamis|Jumat|Sabtu|Minggu)\b")


def test_tracking_page_in_english_has_no_indonesian_dates(client, tree, people, monkeypatch):
    freeze_now(monkeypatch, at(2026, 12, 3, 10))
    ir = make_request(tree.jepara, received_at=at(2026, 12, 3, 9))
    services.extend_request(request=ir, days=3, reasons="Arsip di gudang", actor=people.ppid)
    grant(ir, people.ppid)
    services.add_delivered_file(request=ir, actor=people.ppid, title="SK",
                                link_url="https://data.kpu.go.id/sk")
    services.deliver_request(request=ir, actor=people.ppid)
    url = reverse("inforequests:public-tracking", args=[ir.number_slug, ir.secret])

    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert INDONESIAN.findall(english) == []
    assert "December 2026" in english
    assert "Request received via" in english

    client.cookies["django_language"] = "id"
    indonesian = client.get(url).content.decode()
    assert "Desember 2026" in indonesian




def test_staff_pages_in_english_have_no_indonesian_dates(tree, people, login, monkeypatch):
    freeze_now(monkeypatch, at(2026, 12, 3, 10))
    ir = make_request(tree.jepara, received_at=at(2026, 12, 3, 9))
    services.extend_request(request=ir, days=3, reasons="Arsip di gudang", actor=people.ppid)
    c = login(people.ppid)
    c.cookies["django_language"] = "en"
    html = c.get(reverse("inforequests:staff-detail", args=[ir.number_slug])).content.decode()
    assert INDONESIAN.findall(html) == []
    assert "December 2026" in html
