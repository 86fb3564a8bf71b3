"""Service standards in a real browser (phone width): Jepara's PPID officer adds a service with
its standard, writes the offline and online SOPs row by row (a bad row is refused with a clear
message and nothing is saved), sees the flowchart drawn, publishes the service; the head
approves and puts both SOPs in effect; the public page shows them with their flowcharts."""

import pytest
from playwright.sync_api import expect

from prima.organisations.tests.factories import PASSWORD, DocumentFactory
from prima.servicestandards.choices import SopStatus
from prima.servicestandards.models import Service, Sop, SopStep

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def sign_in(page, user):
    page.goto("/akun/masuk/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator("h1")).to_contain_text("Selamat datang")


def fill_row(page, index, number, activity, actor, kind, no_goto=""):
    prefix = f"#id_step-{index}-"
    page.locator(prefix + "number").fill(str(number))
    page.locator(prefix + "activity").fill(activity)
    page.locator(prefix + "actor").select_option(actor)
    page.locator(prefix + "kind").select_option(kind)
    page.locator(prefix + "no_goto").fill(str(no_goto))
    page.locator(prefix + "time_value").fill("10")


def write_sop(page, channel_link, actors):
    page.get_by_role("link", name=channel_link).click()
    page.get_by_label("Pelaksana (satu per baris)").fill("\n".join(actors))
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".message.success")).to_contain_text("Draf SOP dibuat")


def test_officer_publishes_a_service_with_both_sops_and_flowcharts(page, browser, live_server,
                                                                    tree, people):
    sign_in(page, people.ppid)
    page.goto("/staf/layanan/33.20/baru/")
    page.get_by_label("Kunci layanan").fill("cek-data-pemilih")
    page.get_by_label("Nama layanan").fill("Pengecekan data pemilih")
    page.get_by_label("1. Persyaratan").fill("KTP elektronik")
    page.get_by_label("2. Sistem, mekanisme dan prosedur").fill("Pemilih menunjukkan KTP.")
    page.get_by_label("3. Jangka waktu pelayanan").fill("30")
    page.get_by_label("Satuan waktu").select_option("menit")
    page.get_by_label("5. Produk pelayanan").fill("Keterangan status pemilih")
    page.get_by_label("6. Penanganan pengaduan, saran dan masukan").fill("Kotak saran")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("h1")).to_have_text("Pengecekan data pemilih")
    service = Service.objects.get(key="cek-data-pemilih")

    # Offline SOP: a first attempt with a bad first row is refused; nothing is saved.
    write_sop(page, "Buat SOP Luring (di kantor)", ["Pemilih", "Petugas"])
    fill_row(page, 0, 1, "Datang ke kantor", "Pemilih", "process")
    fill_row(page, 1, 2, "Memberi keterangan", "Petugas", "end")
    page.get_by_role("button", name="Simpan langkah").click()
    expect(page.locator(".form-errors")).to_contain_text("langkah pertama harus simbol mulai")
    assert not SopStep.objects.exists()
    fill_row(page, 0, 1, "Datang ke kantor", "Pemilih", "start")
    page.get_by_role("button", name="Simpan dan tambah baris").click()
    expect(page.locator(".message.success")).to_contain_text("Langkah prosedur disimpan")
    # Two more rows: a decision between the two steps.
    fill_row(page, 2, 2, "Terdaftar di Sidalih?", "Petugas", "decision", no_goto=1)
    page.locator("#id_step-1-number").fill("3")
    page.get_by_role("button", name="Simpan langkah").click()
    expect(page.locator(".message.success")).to_contain_text("Langkah prosedur disimpan")
    flowchart = page.locator(".ss-flowchart svg")
    expect(flowchart).to_be_visible()
    expect(flowchart.locator("text", has_text="Tidak")).to_have_count(1)
    expect(flowchart.locator("polygon")).not_to_have_count(0)

    # Online SOP.
    page.goto(f"/staf/layanan/33.20/{service.pk}/")
    write_sop(page, "Buat SOP Daring (web, email, telepon, chat)", ["Pemilih", "Layanan daring"])
    fill_row(page, 0, 1, "Membuka cekdptonline", "Pemilih", "start")
    fill_row(page, 1, 2, "Menampilkan status", "Layanan daring", "end")
    page.get_by_role("button", name="Simpan langkah").click()
    expect(page.locator(".ss-flowchart svg")).to_be_visible()

    # Publish the service.
    page.goto(f"/staf/layanan/33.20/{service.pk}/")
    page.get_by_role("link", name="Terbitkan").click()
    page.get_by_role("button", name="Terbitkan").click()
    expect(page.locator(".message.success")).to_contain_text("Layanan diterbitkan")

    # The head approves each SOP with the SK and puts it in effect.
    decree = DocumentFactory(satker=tree.jepara, kind="sk", number="61/SK/2024",
                             uploaded_by=people.head, subject="Penetapan SOP")
    head_context = browser.new_context(base_url=live_server.url, locale="id-ID",
                                       viewport={"width": 1280, "height": 900})
    head_context.set_default_timeout(15_000)
    head = head_context.new_page()
    sign_in(head, people.head)
    for sop in Sop.objects.filter(service=service):
        head.goto(f"/staf/layanan/33.20/sop/{sop.pk}/")
        head.get_by_role("link", name="Ubah identitas").click()
        head.get_by_label("Nomor SOP").fill(f"0{sop.pk}/SOP/3320/2024")
        head.get_by_role("button", name="Simpan").click()
        head.get_by_role("link", name="Sahkan").click()
        head.get_by_label("SK pengesahan").select_option(str(decree.pk))
        head.get_by_role("button", name="Sahkan").click()
        expect(head.locator(".message.success")).to_contain_text("SOP disahkan")
        head.get_by_role("link", name="Berlakukan").click()
        head.get_by_role("button", name="Berlakukan").click()
        expect(head.locator(".message.success")).to_contain_text("SOP diberlakukan")
    assert set(Sop.objects.values_list("status", flat=True)) == {SopStatus.EFFECTIVE}
    head_context.close()

    # The public sees the service, both SOPs and their flowcharts.
    page.goto("/layanan/33.20/cek-data-pemilih/")
    expect(page.locator("h1")).to_have_text("Pengecekan data pemilih")
    sop_links = page.locator("a[href^='/layanan/33.20/sop/']")
    expect(sop_links).to_have_count(2)
    sop_links.first.click()
    expect(page.locator(".ss-flowchart svg")).to_be_visible()
    expect(page.locator(".ss-flowchart svg text", has_text="Terdaftar di")).to_have_count(1)
    page.go_back()
    page.locator("a[href^='/layanan/33.20/sop/']").nth(1).click()
    expect(page.locator(".ss-flowchart svg")).to_be_visible()
    expect(page.locator(".ss-flowchart svg text", has_text="Menampilkan")).to_have_count(1)


def test_service_pages_have_no_serious_accessibility_violations(page, tree, people):
    from prima.servicestandards.demo import load_servicestandards_demo
    from tests.e2e.test_accessibility import violations

    load_servicestandards_demo()
    sop = Sop.objects.filter(service__satker=tree.jepara, service__key="permohonan-informasi",
                             channel="luring").get()
    service = sop.service
    draft = Sop.objects.create(service=service, channel="luring", name="Draf revisi",
                               revision=9, created_by=people.ppid)
    public = ["/layanan/", "/layanan/33.20/", "/layanan/33.20/permohonan-informasi/",
              f"/layanan/33.20/sop/{sop.pk}/", "/satker/33.20/"]
    sign_in(page, people.ppid)
    staff = ["/staf/layanan/33.20/", f"/staf/layanan/33.20/{service.pk}/",
             f"/staf/layanan/33.20/{service.pk}/ubah/", f"/staf/layanan/33.20/sop/{sop.pk}/",
             f"/staf/layanan/33.20/sop/{draft.pk}/langkah/"]
    found = {}
    for path in public + staff:
        page.goto(path)
        problems = violations(page)
        if problems:
            found[path] = problems
    assert found == {}
