"""Every page a citizen reaches first, on a 390×844 phone and at 1366×800: the page never
scrolls sideways (wide tables scroll inside their frame), the main menu is usable (folded behind
its button on the phone, open on the desktop) and axe-core finds no serious violation."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from prima.catalog.tests.factories import published_dataset
from prima.organisations.models import Satker
from prima.organisations.tests.factories import MembershipFactory, UserFactory

from .conftest import CHROMIUM_ARGS  # noqa: F401  (the same browser as every e2e test)
from .test_accessibility import violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIZES = {"phone": (390, 844), "desktop": (1366, 800)}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def pages(client, db):
    """The seven pages, with real data behind them: a request to track and a published
    table."""
    call_command("seed_satkers", verbosity=0)
    from prima.organisations.choices import Role

    jepara = Satker.objects.get(code="33.20")
    ppid = UserFactory(email="ppid@kpu.test", full_name="PPID Jepara")
    MembershipFactory(user=ppid, satker=jepara, role=Role.PPID)
    response = client.post("/api/v1/informasi/permohonan", json.dumps({
        "satker_code": "33.20", "requester_kind": "individual", "full_name": "Warga Uji",
        "nik": "3320000000000001", "address": "Jl. Kartini No. 5, Kauman, Jepara",
        "phone": "081234567890", "email": "warga@contoh.id", "occupation": "Peneliti",
        "information_requested": "Salinan SK penetapan DPT Pemilu 2024",
        "purpose": "Bahan penelitian", "obtain_method": "copy", "copy_form": "soft",
        "delivery_method": "download"}), content_type="application/json")
    request = response.json()
    dataset, resource, _version = published_dataset(jepara, ppid)
    return {
        "home": "/",
        "satker": "/satker/33.20/",
        "request form": "/informasi/33.20/ajukan/",
        "tracking": f"/informasi/lacak/{request['number_slug']}/{request['tracking_secret']}/",
        "register": "/informasi/register/",
        "catalog search": "/data/?q=TPS",
        "table": reverse("catalog:resource-table", args=[dataset.slug, resource.slug]),
    }


@pytest.mark.parametrize("size", SIZES)
def test_first_pages_fit_the_screen_with_a_usable_menu(browser, live_server, pages, size):
    width, height = SIZES[size]
    context = browser.new_context(base_url=live_server.url, locale="id-ID",
                                  viewport={"width": width, "height": height})
    context.set_default_timeout(15_000)
    page = context.new_page()
    overflow, problems = {}, {}
    for name, path in pages.items():
        response = page.goto(path)
        assert response.status == 200, (name, path)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            overflow[name] = scroll
        found = violations(page)
        if found:
            problems[name] = found
    assert overflow == {}
    assert problems == {}

    page.goto(pages["home"])
    menu, nav = page.get_by_role("button", name="Menu"), page.locator("#main-nav")
    if size == "phone":
        expect(nav).to_be_hidden()
        menu.click()
        expect(menu).to_have_attribute("aria-expanded", "true")
    else:
        expect(menu).to_be_hidden()
    expect(nav.get_by_role("link", name="Masuk")).to_be_visible()
    context.close()
