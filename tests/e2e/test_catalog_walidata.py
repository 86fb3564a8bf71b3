"""Satu Data in a real browser (phone width): the producer submits a dataset, the walidata of
Jawa Tengah returns it with notes, the producer resubmits and the walidata publishes it."""

import pytest
from playwright.sync_api import expect

from prima.catalog import satudata, services
from prima.catalog.choices import WALIDATA
from prima.catalog.models import Dataset
from prima.catalog.tests.factories import table_resource
from prima.organisations.tests.factories import PASSWORD, member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _sign_in(page, email):
    page.context.clear_cookies()
    page.goto("/akun/masuk/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator("h1")).to_contain_text("Selamat datang")


def test_walidata_returns_then_publishes_a_dataset(page, live_server, people, tree):
    walidata = member(tree.jateng, WALIDATA, full_name="Walidata Jateng")
    dataset = services.create_dataset(
        satker=tree.jepara, actor=people.ppid, title="Hasil per TPS Jepara",
        description="Suara per TPS.", contact_name="PPID", source="Rekapitulasi",
        activity_name="Pemilu 2024", activity_organiser="KPU Kabupaten Jepara",
        activity_period="2024")
    resource, version = table_resource(dataset, people.ppid)
    satudata.save_column_metadata(resource=resource, actor=people.ppid, columns={
        c["name"]: {"definition": f"Definisi {c['name']}"} for c in version.schema})
    detail = f"/staf/katalog/{dataset.slug}/"

    # The producer submits the draft to the walidata.
    _sign_in(page, people.ppid.email)
    page.goto(detail)
    expect(page.get_by_role("link", name="Terbitkan dataset")).to_have_count(0)
    page.get_by_role("link", name="Ajukan ke walidata").click()
    page.get_by_role("button", name="Ya, ajukan untuk diperiksa walidata").click()
    expect(page.get_by_text("Dataset diajukan untuk diperiksa.")).to_be_visible()

    # The walidata finds it waiting on the staff home and returns it with a note.
    _sign_in(page, walidata.email)
    page.get_by_role("link", name="1 dataset menunggu pemeriksaan walidata").click()
    page.get_by_role("link", name="Hasil per TPS Jepara").click()
    expect(page.get_by_text("Metadata lengkap dan kode valid")).to_be_visible()
    page.get_by_label("Catatan untuk produsen data").fill("Tambahkan satuan kolom dpt.")
    page.get_by_role("button", name="Kembalikan dengan catatan").click()
    expect(page.get_by_text("Dataset dikembalikan ke produsen data dengan catatan.")
           ).to_be_visible()

    # The producer reads the note and submits again.
    _sign_in(page, people.ppid.email)
    page.goto(detail)
    expect(page.get_by_test_id("review-note")).to_contain_text("Tambahkan satuan kolom dpt.")
    page.get_by_role("link", name="Ajukan ke walidata").click()
    page.get_by_role("button", name="Ya, ajukan untuk diperiksa walidata").click()

    # The walidata publishes it.
    _sign_in(page, walidata.email)
    page.goto(detail)
    page.get_by_role("link", name="Periksa sebagai walidata").click()
    page.get_by_role("button", name="Terbitkan dataset").click()
    expect(page.get_by_text("Dataset diperiksa dan diterbitkan.")).to_be_visible()
    published = Dataset.objects.get()
    assert (published.status, published.reviewed_by) == ("published", walidata)

    # Its table page shows the data dictionary to everyone.
    page.context.clear_cookies()
    page.goto(f"/data/{dataset.slug}/{resource.slug}/")
    expect(page.get_by_test_id("data-dictionary")).to_contain_text("Definisi dpt")
