"""Self-assessment in a real browser: Jepara's reform team starts the integrity-zone worksheet,
fills two items (autosaved), links a decree as evidence and submits; the Jawa Tengah evaluator
(two-factor sign-in) changes one answer, the evaluator score and the WBK eligibility update;
the worksheet is exported as XLSX and re-imported unchanged with no differences."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from prima.assessments.models import Answer, Assessment
from prima.organisations.tests.factories import PASSWORD, DocumentFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def sign_in(page, user, device=None):
    page.goto("/akun/masuk/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    if device is not None:
        expect(page).to_have_url(re.compile(r"/akun/2fa/verifikasi/"))
        page.get_by_label(re.compile("Kode")).fill(f"{totp(device.bin_key):06d}")
        page.get_by_role("button", name=re.compile("Verifikasi")).click()
    expect(page.locator("h1")).to_contain_text("Selamat datang")


def test_fill_link_submit_verify_export_reimport(page, browser, live_server, tree, people,
                                                 tmp_path):
    decree = DocumentFactory(satker=tree.jepara, subject="SK Tim Pembangunan ZI Jepara")

    sign_in(page, people.reform)
    page.goto("/staf/penilaian/33.20/")
    page.get_by_label("Jenis penilaian").select_option("zi")
    page.get_by_label("Tahun").fill("2024")
    page.get_by_role("button", name="Mulai").click()
    expect(page.locator("h1")).to_contain_text("Zona Integritas")
    # The autosave script is deferred: a change made before it runs would not be posted.
    page.wait_for_load_state("load")
    assessment = Assessment.objects.get(satker=tree.jepara, year=2024)

    # Two items, each saved on change by the page's script.
    page.locator("#self-mp_tim").select_option("Ya")
    expect(page.locator("#item-mp_tim .lke-saved").first).to_have_text("Tersimpan")
    page.locator("#self-mp_tim_seleksi").select_option("B")
    expect(page.locator("#item-mp_tim_seleksi .lke-saved").first).to_have_text("Tersimpan")
    expect(page.locator("#self-total")).to_have_text("0,42")  # mean(1, 0.67) × 0.5
    expect(page.locator("#answered")).to_have_text("2")

    # Link the decree as evidence of the first item.
    page.locator("#item-mp_tim").get_by_role("link", name=re.compile("data dukung")).click()
    with page.expect_response(re.compile(r"/evidence|bukti|data-dukung|records")):
        page.locator("#id_ref_0").select_option("document")
    page.wait_for_load_state("networkidle")
    expect(page.locator(f"#id_ref_2 option[value='{decree.pk}']")).to_have_count(1)
    page.locator("#id_ref_2").select_option(str(decree.pk))
    page.get_by_role("button", name="Tautkan").click()
    expect(page.locator("#links")).to_contain_text("SK Tim Pembangunan ZI Jepara")
    assert Answer.objects.get(assessment=assessment, item_key="mp_tim").evidence_count == 1

    page.goto(f"/staf/penilaian/33.20/{assessment.pk}/")
    page.locator("#submit-link").click()
    page.get_by_role("button", name="Ajukan").click()
    expect(page.locator("#status")).to_have_text("Diajukan untuk verifikasi")

    # The province evaluator changes one answer beside the satker's.
    device = TOTPDevice.objects.create(user=people.evaluator, name="hp", confirmed=True)
    context = browser.new_context(base_url=live_server.url, locale="id-ID",
                                  viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
    context.set_default_timeout(15_000)
    ev = context.new_page()
    sign_in(ev, people.evaluator, device)
    ev.goto(f"/staf/penilaian/33.20/{assessment.pk}/")
    expect(ev.locator("#eligibility-eval-WBK caption")).to_contain_text("belum memenuhi")
    ev.locator("#eval-mp_tim").select_option("Tidak")
    expect(ev.locator("#item-mp_tim .lke-saved").last).to_have_text("Tersimpan")
    expect(ev.locator("#evaluator-total")).to_have_text("0,17")  # mean(0, 0.67) × 0.5
    ev.reload()
    expect(ev.locator("#self-total")).to_have_text("0,42")
    total_row = ev.locator("#eligibility-eval-WBK tbody tr").first
    expect(total_row).to_contain_text("0,17")
    expect(total_row).to_contain_text("Tidak lulus")

    # Export, then import the same file: no differences.
    with ev.expect_download() as info:
        ev.get_by_role("link", name="Unduh XLSX").click()
    path = tmp_path / "lke.xlsx"
    info.value.save_as(path)
    before = list(Answer.objects.order_by("pk").values())
    ev.get_by_role("link", name="Impor XLSX").click()
    ev.get_by_label("Berkas XLSX lembar kerja").set_input_files(str(path))
    ev.get_by_role("button", name="Impor").click()
    expect(ev.locator(".messages")).to_contain_text("Tidak ada perbedaan")
    assert list(Answer.objects.order_by("pk").values()) == before
    context.close()
