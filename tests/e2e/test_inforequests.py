"""Information requests in a real browser (issue 3), through the pages only.

A citizen on a phone submits a request to KPU Kabupaten Jepara and keeps the private tracking
link; the PPID extends the deadline by 7 working days, decides "granted in part", attaches the
redacted PDF and delivers it; the citizen reads the extension and the decision, fetches the
written notice PDF, downloads the file through the private download link and files an
objection; the atasan PPID decides it. The public register and the annual report then count the
request, and the database agrees.

The live server runs on the real clock, so every expected date is computed here with
``prima.core.calendar`` from the moments the server recorded (receipt, objection), exactly as the
pages format them.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from prima.core import calendar
from prima.inforequests.choices import (
    Decision,
    EventKind,
    ObjectionOutcome,
    ObjectionStatus,
    Status,
)
from prima.inforequests.models import (
    DeliveredFile,
    DownloadLog,
    InformationRequest,
    Notice,
    Objection,
)
from prima.inforequests.tests.factories import make_consequence_test
from prima.organisations.tests.factories import PASSWORD, pdf_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CITIZEN = {
    "name": "Siti Rahmawati Wibisono",
    "nik": "3320014507890002",
    "phone": "081234567890",
    "email": "siti.rahmawati@contoh.id",
    "address": "Jl. Kartini No. 12, Kelurahan Panggang, Jepara",
}
INFORMATION = "Salinan berita acara rekapitulasi hasil penghitungan suara Pemilu 2024 tingkat " \
              "Kabupaten Jepara (model D.Hasil)."
PURPOSE = "Bahan penelitian skripsi tentang partisipasi pemilih."
EXTENSION_REASONS = "Dokumen sedang dipindai dan data pribadi saksi perlu dihitamkan."
REDACTION = "Nama dan tanda tangan saksi dihitamkan (Pasal 17 huruf h: rahasia pribadi)."
FILE_TITLE = "Berita acara rekapitulasi D.Hasil Kabupaten Jepara (dihitamkan)"
CASE = "Lampiran rekapitulasi per kecamatan tidak ikut diberikan, padahal saya memintanya."
RESPONSE = "Lampiran per kecamatan diberikan; nama saksi tetap dihitamkan."


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def new_page(browser, live_server, *, mobile=False):
    viewport = {"width": 390, "height": 844} if mobile else {"width": 1280, "height": 900}
    context = browser.new_context(base_url=live_server.url, locale="id-ID", viewport=viewport,
                                  accept_downloads=True)
    context.set_default_timeout(15_000)
    return context.new_page()


def sign_in(page, user):
    """PPID officers and the atasan PPID need no second factor."""
    page.goto("/akun/masuk/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator("h1")).to_contain_text("Selamat datang")


def fact(root, term):
    """The <dd> after the <dt> named ``term`` (in a page or a part of it)."""
    return root.locator("dt", has_text=re.compile(rf"^{re.escape(term)}$")).locator(
        "xpath=following-sibling::dd[1]")


def success(page):
    return page.locator(".message.success")


def submit_request(page):
    """Step 1: the citizen picks Jepara and submits the form; returns (number, tracking path)."""
    page.goto("/informasi/")
    expect(page.locator("h1")).to_have_text("Permohonan informasi publik")
    page.get_by_label("Cari satuan kerja").fill("Jepara")
    results = page.locator("#satker-results")
    expect(results.get_by_role("link", name="KPU Kabupaten Jepara")).to_be_visible()
    results.get_by_role("link", name="KPU Kabupaten Jepara").click()
    expect(page).to_have_url(re.compile(r"/informasi/33\.20/ajukan/$"))
    expect(page.locator("h1")).to_have_text("Permohonan informasi kepada KPU Kabupaten Jepara")

    page.get_by_label("Perorangan", exact=True).check()
    page.get_by_label(re.compile(r"^Nama lengkap")).fill(CITIZEN["name"])
    page.get_by_label(re.compile(r"^NIK")).fill(CITIZEN["nik"])
    page.get_by_label(re.compile(r"^Alamat")).fill(CITIZEN["address"])
    page.get_by_label("Pekerjaan").fill("Mahasiswa")
    page.get_by_label("Email", exact=True).fill(CITIZEN["email"])
    page.get_by_label("Nomor telepon/HP").fill(CITIZEN["phone"])
    page.get_by_label(re.compile(r"^Rincian informasi")).fill(INFORMATION)
    page.get_by_label(re.compile(r"^Tujuan penggunaan")).fill(PURPOSE)
    page.get_by_label("Mendapatkan salinan", exact=True).check()
    page.get_by_label("Salinan elektronik (soft copy)").check()
    page.get_by_label("Cara mendapatkan salinan").select_option(label="Tautan unduhan pribadi")
    # The form refuses submissions made within 3 s of showing it (a signed timestamp).
    page.wait_for_timeout(3100)
    page.get_by_role("button", name="Kirim permohonan").click()

    expect(page.locator("h1")).to_have_text("Tanda terima permohonan informasi")
    expect(page.get_by_role("status").first).to_contain_text("Permohonan Anda telah terdaftar.")
    number = fact(page, "Nomor pendaftaran").inner_text().strip()
    ir = InformationRequest.objects.get(number=number)
    assert number == f"0001/PPID/33.20/{ir.year}"
    expected = calendar.deadline(ir.received_at, 10, satker=ir.satker)
    assert ir.due_date == expected.due_date
    expect(fact(page, "Batas waktu pemberitahuan tertulis")).to_have_text(
        calendar.format_date(expected.due_date))
    expect(fact(page, "Dihitung diterima pada (hari ke-0)")).to_have_text(
        calendar.format_date(expected.received_on))
    tracking_url = page.get_by_role("link", name="Buka halaman pelacakan").get_attribute("href")
    tracking_path = urlsplit(tracking_url).path
    assert tracking_path.startswith(f"/informasi/lacak/{ir.number_slug}/")
    return ir, tracking_path


def officer_extends_decides_and_delivers(officer, ppid, ir, pdf_path):
    """Step 2: the PPID extends, decides "granted in part", adds the redacted PDF, delivers."""
    sign_in(officer, ppid)
    officer.goto("/staf/informasi/")
    expect(officer.locator("h1")).to_have_text("Permohonan informasi")
    officer.get_by_role("link", name=ir.number).click()
    expect(officer.locator("h1")).to_have_text(f"Permohonan {ir.number}")
    # PPID staff see the requester's personal data in full.
    expect(fact(officer, "NIK")).to_have_text(CITIZEN["nik"])

    new_due = calendar.add_working_days(ir.due_date, 7, satker=ir.satker)
    panel = officer.locator("#aksi-extend")
    panel.locator("summary").click()
    panel.get_by_label("Lama perpanjangan (hari kerja)").select_option("7")
    panel.get_by_label(re.compile(r"^Alasan perpanjangan")).fill(EXTENSION_REASONS)
    panel.get_by_role("button", name="Perpanjang jangka waktu").click()
    expect(success(officer)).to_have_text(
        f"Jangka waktu diperpanjang; batas waktu baru {calendar.format_date(new_due)}.")
    deadline_card = officer.locator("section", has=officer.locator("#h-deadline"))
    expect(deadline_card).to_contain_text(calendar.format_date(new_due))
    expect(deadline_card).to_contain_text("Diperpanjang 7 hari kerja")
    expect(officer.locator("#aksi-extend")).to_have_count(0)  # only once

    # A grant in part rests on a consequence test, like a refusal (UU 14/2008 Pasal 17, 19).
    test = make_consequence_test(ir.satker, ppid)
    officer.reload()
    panel = officer.locator("#aksi-decide")
    panel.locator("summary").click()
    panel.get_by_label(re.compile(r"^Keputusan")).select_option(label="Diberikan sebagian")
    panel.get_by_label("Informasi yang diberikan").fill(
        "Berita acara rekapitulasi D.Hasil Kabupaten Jepara beserta lampirannya.")
    panel.get_by_label("Bagian yang dihitamkan dan alasannya").fill(REDACTION)
    panel.get_by_label("Alasan pengecualian (Pasal 17)").select_option(value="h")
    panel.get_by_label("Uji konsekuensi").select_option(value=str(test.pk))
    panel.get_by_role("button", name="Putuskan dan terbitkan pemberitahuan tertulis").click()
    # The notice cannot be taken back: a confirmation page first (core.confirm).
    officer.get_by_role("button", name="Ya, terbitkan pemberitahuan").click()
    expect(success(officer)).to_have_text(
        "Pemberitahuan tertulis diterbitkan: Diberikan sebagian.")
    notice_card = officer.locator("section", has=officer.locator("#h-notice"))
    expect(fact(notice_card, "Ditandatangani")).to_contain_text("PPID Jepara")
    expect(fact(notice_card, "Bagian yang dihitamkan")).to_have_text(REDACTION)

    panel = officer.locator("#aksi-add-file")
    panel.locator("summary").click()
    panel.get_by_label(re.compile(r"^Judul berkas")).fill(FILE_TITLE)
    panel.get_by_label("Berkas", exact=True).set_input_files(pdf_path)
    panel.get_by_label("Versi yang dihitamkan").check()
    panel.get_by_label("Yang dihitamkan dan alasannya").fill(REDACTION)
    panel.get_by_role("button", name="Siapkan berkas atau tautan").click()
    expect(success(officer)).to_have_text(f"Berkas “{FILE_TITLE}” disiapkan.")
    expect(officer.get_by_role("link", name=FILE_TITLE)).to_be_visible()

    panel = officer.locator("#aksi-deliver")
    panel.locator("summary").click()
    expect(panel.get_by_label(re.compile(r"^Masa berlaku tautan"))).to_have_value("30")
    panel.get_by_role("button", name="Serahkan: buat tautan unduhan pribadi").click()
    expect(officer.locator("h1")).to_have_text("Tautan unduhan pribadi")
    download_url = officer.locator(".irs-secret").inner_text().strip()
    download_path = urlsplit(download_url).path
    assert re.fullmatch(r"/informasi/unduh/[^/]+/", download_path)
    return new_due, download_path


def citizen_reads_downloads_and_objects(page, ir, tracking_path, new_due, download_path):
    """Step 3: the citizen follows the request, gets the notice and the file, and objects."""
    page.goto(tracking_path)
    expect(page.locator("h1")).to_have_text(f"Permohonan {ir.number}")
    expect(fact(page, "Status")).to_have_text("Informasi diserahkan · Diberikan sebagian")
    expect(fact(page, "Batas waktu pemberitahuan")).to_contain_text(
        calendar.format_date(new_due))
    extension = fact(page, "Perpanjangan")
    expect(extension).to_contain_text("Diperpanjang 7 hari kerja")
    expect(extension).to_contain_text(EXTENSION_REASONS)
    timeline = page.locator(".ir-timeline")
    for step in ("Permohonan terdaftar", "Jangka waktu diperpanjang",
                 "Pemberitahuan tertulis diterbitkan", "Informasi diserahkan"):
        expect(timeline).to_contain_text(step)

    notice_link = page.get_by_role("link", name="Unduh pemberitahuan tertulis (PDF)")
    response = page.request.get(notice_link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    # The delivered file, listed on the tracking page with its redaction note.
    files = page.locator("section", has=page.locator("#files-title"))
    expect(files.get_by_role("link", name=FILE_TITLE)).to_be_visible()
    expect(files).to_contain_text(REDACTION)

    # The private download link (the one sent by email).
    page.goto(download_path)
    expect(page.locator("h1")).to_have_text(f"Informasi untuk permohonan {ir.number}")
    expect(page.locator("main")).to_contain_text(REDACTION)
    with page.expect_download() as info:
        page.get_by_role("link", name=FILE_TITLE).click()
    download = info.value
    assert download.suggested_filename == "d-hasil-jepara-dihitamkan.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read().startswith(b"%PDF")

    # The objection, on ground d (answered otherwise than asked).
    page.goto(tracking_path)
    page.get_by_role("link", name="Ajukan keberatan").click()
    expect(page.locator("h1")).to_have_text(f"Keberatan atas permohonan {ir.number}")
    page.get_by_label("Permintaan informasi ditanggapi tidak sebagaimana yang diminta").check()
    page.get_by_label(re.compile(r"^Kasus posisi")).fill(CASE)
    page.get_by_role("button", name="Kirim keberatan").click()
    expect(page).to_have_url(re.compile(re.escape(tracking_path) + "$"))
    objection = Objection.objects.get(request=ir)
    objection_due = calendar.deadline(objection.filed_at, 30, satker=ir.satker).due_date
    assert objection.due_date == objection_due
    assert objection.number == f"0001/KEB/33.20/{objection.year}"
    expect(success(page)).to_have_text(
        f"Keberatan Anda terdaftar dengan nomor {objection.number}. Atasan PPID wajib "
        f"menanggapinya paling lambat {calendar.format_date(objection_due)}.")
    objections = page.locator("h2", has_text="Keberatan").locator("xpath=following-sibling::ul[1]")
    expect(objections).to_contain_text(objection.number)
    expect(objections).to_contain_text("Terdaftar")
    return objection


def atasan_decides(atasan_page, atasan, objection):
    """Step 4: the atasan PPID answers the objection."""
    sign_in(atasan_page, atasan)
    atasan_page.goto("/staf/keberatan/")
    expect(atasan_page.locator("h1")).to_have_text("Register keberatan")
    atasan_page.get_by_role("link", name=objection.number).click()
    expect(atasan_page.locator("h1")).to_have_text(f"Keberatan {objection.number}")
    expect(atasan_page.locator("main")).to_contain_text(CASE)
    atasan_page.get_by_label(re.compile(r"^Tanggapan atasan PPID")).select_option(
        label="Keberatan diterima sebagian")
    atasan_page.get_by_label(re.compile(r"^Isi tanggapan")).fill(RESPONSE)
    atasan_page.get_by_role("button", name="Simpan tanggapan").click()
    expect(success(atasan_page)).to_have_text("Tanggapan atasan PPID atas keberatan disimpan.")
    decision = atasan_page.locator("section", has=atasan_page.locator("#h-decision"))
    expect(fact(decision, "Putusan")).to_have_text("Keberatan diterima sebagian")
    expect(fact(decision, "Atasan PPID")).to_contain_text("Atasan PPID Jepara")


def test_request_extension_partial_grant_download_objection_register_and_report(
        page, browser, live_server, tree, people, tmp_path, mailoutbox):
    pdf_path = tmp_path / "d-hasil-jepara-dihitamkan.pdf"
    pdf_path.write_bytes(pdf_bytes(2))

    # 1. The citizen, on a phone (the ``page`` fixture's viewport), submits the request.
    ir, tracking_path = submit_request(page)
    page.goto(tracking_path)
    expect(fact(page, "Status")).to_have_text("Terdaftar")
    expect(fact(page, "Batas waktu pemberitahuan")).to_contain_text(
        calendar.format_date(ir.due_date))

    # 2. The PPID officer, in another browser context.
    officer = new_page(browser, live_server)
    new_due, download_path = officer_extends_decides_and_delivers(officer, people.ppid, ir,
                                                                   pdf_path)
    assert new_due == calendar.add_working_days(ir.due_date, 7, satker=tree.jepara)
    # The same private link went to the citizen by email (pytest-django's locmem outbox).
    [delivery_mail] = [m for m in mailoutbox if "siap diunduh" in m.subject]
    assert delivery_mail.to == [CITIZEN["email"]]
    assert download_path in delivery_mail.body

    # 3. The citizen follows up, downloads and objects.
    objection = citizen_reads_downloads_and_objects(page, ir, tracking_path, new_due,
                                                    download_path)

    # 4. The atasan PPID decides the objection; the citizen sees the answer.
    atasan_page = new_page(browser, live_server)
    atasan_decides(atasan_page, people.atasan_ppid, objection)
    page.goto(tracking_path)
    objections = page.locator("h2", has_text="Keberatan").locator("xpath=following-sibling::ul[1]")
    expect(objections).to_contain_text("Diputus atasan PPID: Keberatan diterima sebagian")
    expect(objections).to_contain_text(RESPONSE)

    # 5. The public register lists it without personal data.
    page.goto("/informasi/register/?satker=33.20")
    row = page.locator("tbody tr", has_text=ir.number)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Diberikan sebagian")
    expect(row).to_contain_text("KPU Kabupaten Jepara")
    body = page.locator("body").inner_text()
    for personal in (CITIZEN["name"], CITIZEN["nik"], CITIZEN["phone"], CITIZEN["email"],
                     "Siti", "Kartini"):
        assert personal not in body

    # ... and the annual report counts it.
    page.goto(f"/laporan/informasi/?satker=33.20&year={ir.year}")
    expect(page.locator("h1")).to_have_text(f"Laporan layanan informasi publik tahun {ir.year}")
    figures = page.locator(".report-figures")
    expect(fact(figures, "Permohonan informasi")).to_have_text("1")
    expect(fact(figures, "Diputus")).to_have_text("1")
    expect(fact(figures, "Keberatan")).to_have_text("1")
    outcomes = page.get_by_role("table", name="Hasil permohonan")
    expect(outcomes.get_by_role("row", name=re.compile(r"^Diberikan sebagian"))
           .get_by_role("cell").last).to_have_text("1")
    by_outcome = page.get_by_role("table", name="Keberatan menurut tanggapan")
    expect(by_outcome.get_by_role("row", name=re.compile(r"^Keberatan diterima sebagian"))
           .get_by_role("cell").last).to_have_text("1")

    # The database agrees.
    ir.refresh_from_db()
    assert ir.status == Status.DELIVERED
    assert ir.decision == Decision.GRANTED_IN_PART
    assert ir.extension_days == 7
    assert ir.due_date == new_due
    assert ir.full_name == CITIZEN["name"] and ir.nik == CITIZEN["nik"]
    notice = Notice.objects.get(request=ir)
    assert notice.decision == Decision.GRANTED_IN_PART
    assert notice.redaction_explanation == REDACTION
    assert notice.signed_by_name == "PPID Jepara"
    with notice.pdf.open("rb") as handle:
        assert handle.read().startswith(b"%PDF")
    delivered = DeliveredFile.objects.get(request=ir)
    assert delivered.is_redacted and delivered.redaction_note == REDACTION
    assert DownloadLog.objects.filter(file=delivered).count() == 1
    assert ir.events.filter(kind=EventKind.DOWNLOADED).count() == 1
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.DECIDED
    assert objection.outcome == ObjectionOutcome.UPHELD_IN_PART
    assert objection.grounds == ["d"]
    assert objection.response == RESPONSE
    assert objection.decided_by == people.atasan_ppid

    officer.context.close()
    atasan_page.context.close()
