"""The annual report, the DIP and the register are linked from /informasi/ and every satker
page; "Permohonan informasi" appears once in the menu of /informasi/ pages."""

from django.urls import reverse


def test_start_page_links_report_register_and_dip(client, tree):
    html = client.get(reverse("inforequests:public-start")).content.decode()
    assert reverse("inforequests:report-annual") in html
    assert reverse("inforequests:public-register") in html
    assert reverse("inforequests:public-dip", args=[tree.jateng.code]) in html
    nav = html[html.index("<nav"):html.index("</nav>")]
    assert nav.count("Permohonan informasi") == 1


def test_every_satker_page_links_report_register_and_dip(client, tree):
    page = client.get(reverse("organisations:satker-detail", args=[tree.jepara.code]))
    html = page.content.decode()
    assert f'{reverse("inforequests:report-annual")}?satker=33.20' in html
    assert f'{reverse("inforequests:public-register")}?satker=33.20' in html
    assert reverse("inforequests:public-dip", args=["33.20"]) in html


def test_menu_has_information_requests_once_on_every_public_page(client, tree):
    for url in (reverse("inforequests:public-track"), reverse("inforequests:public-register"),
                reverse("inforequests:public-dip", args=["33.20"])):
        html = client.get(url).content.decode()
        nav = html[html.index("<nav"):html.index("</nav>")]
        assert nav.count("Permohonan informasi") == 1, url
