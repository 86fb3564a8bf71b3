"""Open data catalog in a real browser: an officer publishes a CSV after fixing a column type,
then a citizen filters, opens a facet, groups with a sum, sees the chart and downloads the CSV."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from prima.catalog.models import Dataset, ResourceVersion
from prima.catalog.tests.factories import publishes_directly
from prima.organisations.tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CSV = (
    "kode_desa,desa,kecamatan,no_tps,rw,dpt,suara_01,suara_02\n"
    "33.20.01.2001,Bategede,Kedung,001,1,250,120,98\n"
    "33.20.01.2001,Bategede,Kedung,002,2,240,100,110\n"
    "33.20.01.2002,Bulakbaru,Kedung,001,1,300,150,120\n"
    "33.20.02.2001,Kalianyar,Pecangaan,001,3,200,90,95\n"
    "33.20.02.2002,Gerdu,Pecangaan,001,1,210,80,100\n"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_officer_publishes_a_csv_and_a_citizen_explores_and_downloads_it(page, browser,
                                                                         live_server, people,
                                                                         tree):
    # Jepara publishes directly (set by its walidata; the default is the walidata's review).
    publishes_directly(tree.jepara)
    # The PPID of Jepara signs in and creates a dataset.
    page.goto("/akun/masuk/")
    page.get_by_label("Email").fill(people.ppid.email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator("h1")).to_contain_text("Selamat datang")

    page.goto("/staf/katalog/baru/")
    page.get_by_label(re.compile(r"^Judul")).fill("Hasil Pemilu 2024 per TPS Jepara")
    page.get_by_label(re.compile(r"^Deskripsi")).fill("Perolehan suara per TPS.")
    page.get_by_label("Label").fill("tps, hasil pemilu")
    page.get_by_label("Cakupan wilayah (kode Kemendagri)").fill("33.20")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("h1")).to_have_text("Hasil Pemilu 2024 per TPS Jepara")

    # Upload the CSV; ingestion runs and the version page shows the schema review.
    page.get_by_role("link", name="Tambah sumber data").click()
    page.get_by_label(re.compile(r"^Nama sumber data")).fill("Hasil per TPS")
    page.get_by_label("Berkas", exact=True).set_input_files(
        files=[{"name": "hasil-tps.csv", "mimeType": "text/csv", "buffer": CSV.encode()}])
    page.get_by_role("button", name="Tambahkan").click()
    expect(page.get_by_role("heading", name="Periksa skema")).to_be_visible()
    expect(page.locator("#version-status")).to_have_attribute("data-status", "review")
    expect(page.get_by_role("cell", name="Bulakbaru").first).to_be_visible()

    # "rw" was inferred as a number; it is a neighbourhood code, so the officer makes it text.
    expect(page.get_by_label("Tipe kolom rw")).to_have_value("integer")
    page.get_by_label("Tipe kolom rw").select_option("text")
    page.get_by_role("button", name="Simpan skema").click()
    expect(page.get_by_text("Skema disimpan")).to_be_visible()
    version = ResourceVersion.objects.get()
    assert {c["name"]: c["type"] for c in version.schema}["rw"] == "text"

    page.get_by_role("link", name="Terbitkan versi ini").click()
    page.get_by_role("button", name="Ya, terbitkan versi").click()
    expect(page.get_by_text("Versi diterbitkan.")).to_be_visible()
    page.get_by_role("link", name="Hasil Pemilu 2024 per TPS Jepara").click()
    page.get_by_role("link", name="Terbitkan dataset").click()
    page.get_by_role("button", name="Ya, terbitkan dataset").click()
    expect(page.get_by_text("Dataset diterbitkan.")).to_be_visible()
    assert Dataset.objects.get().status == "published"

    # A citizen, not signed in, finds the table.
    context = browser.new_context(base_url=live_server.url, locale="id-ID",
                                  accept_downloads=True)
    context.set_default_timeout(15_000)
    citizen = context.new_page()
    citizen.goto("/data/")
    citizen.get_by_role("link", name="Hasil Pemilu 2024 per TPS Jepara").click()
    citizen.get_by_role("link", name="Telusuri tabel").click()
    expect(citizen.get_by_test_id("row-total")).to_have_text("5 baris cocok")

    # Filter: kecamatan equals Kedung.
    citizen.get_by_text("Saring kolom").click()
    citizen.get_by_label("Kolom", exact=True).select_option("kecamatan")
    citizen.get_by_label("Syarat", exact=True).select_option("eq")
    citizen.get_by_label("Nilai", exact=True).fill("Kedung")
    citizen.get_by_role("button", name="Terapkan saringan").click()
    expect(citizen).to_have_url(re.compile(r"kecamatan__eq=Kedung"))
    expect(citizen.get_by_test_id("row-total")).to_have_text("3 baris cocok")

    # Facet on desa, then pick Bategede from it.
    citizen.get_by_text("Faset", exact=True).click()
    citizen.get_by_label("Hitung nilai kolom").select_option("desa")
    citizen.get_by_role("button", name="Tampilkan faset").click()
    facet = citizen.locator("section.facet")
    expect(facet.get_by_role("listitem").filter(has_text="Bategede")).to_contain_text("2")
    expect(facet.get_by_role("listitem").filter(has_text="Bulakbaru")).to_contain_text("1")

    # Group by desa with the sum of suara_01, as a bar chart.
    citizen.get_by_text("Kelompokkan dan grafik").click()
    citizen.get_by_label("Kelompokkan menurut").select_option("desa")
    citizen.get_by_label("Ukuran").select_option("sum:suara_01")
    citizen.get_by_role("button", name="Kelompokkan").click()
    chart = citizen.get_by_role("img", name=re.compile(r"Jumlah suara 01 per desa", re.I))
    expect(chart).to_be_visible()
    expect(chart.locator("text").filter(has_text="220")).to_have_count(1)  # 120 + 100

    # Download the current view (Kedung only) as CSV.
    with citizen.expect_download() as download_info:
        citizen.locator("a[data-format='csv']").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig") as fh:
        rows = list(csv.reader(io.StringIO(fh.read())))
    assert rows[0] == ["kode_desa", "desa", "kecamatan", "no_tps", "rw", "dpt", "suara_01",
                       "suara_02"]
    assert sorted(r[1] for r in rows[1:]) == ["Bategede", "Bategede", "Bulakbaru"]
    assert {r[2] for r in rows[1:]} == {"Kedung"}
    context.close()
