"""Reform in a real browser: a team member of Jepara reports a quarter with an evidence PDF and
submits it; the evaluator of Jawa Tengah (with two-factor sign-in) asks for a revision from the
evaluation inbox; the member revises and resubmits; the evaluator accepts; the satker dashboard
and the province comparison show the new achievement and status."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from prima.organisations.tests.factories import PASSWORD, pdf_bytes
from prima.reform.choices import PlanStatus, ReportStatus
from prima.reform.models import ProgressReport
from prima.reform.tests.factories import build_plan, indicators_of

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


def test_report_revise_resubmit_accept_and_dashboards(page, browser, live_server, tree,
                                                        people):
    # Jepara's running 2020 plan: 2 areas × 1 activity × 2 indicators, target 100 each,
    # quarterly targets 10/40/70/100.
    plan = build_plan(tree.jepara, year=2020, areas=2, activities=1, indicators=2,
                      status=PlanStatus.RUNNING, quarterly=True)
    indicators = indicators_of(plan)
    report_url = f"/staf/rb/33.20/rencana/{plan.pk}/laporan/2/"

    # The team member fills quarter II, saves, uploads the evidence PDF and submits.
    sign_in(page, people.reform)
    page.goto(report_url)
    for indicator, value in zip(indicators, ["40", "20", "40", "40"], strict=True):
        page.locator(f"#id_value_{indicator.pk}").fill(value)
    page.get_by_label("Uraian capaian").fill("Sosialisasi berjalan sesuai jadwal.")
    page.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.locator(".message.success")).to_contain_text("disimpan")
    page.get_by_text("Unggah berkas data dukung").click()
    page.locator("#id_upload-title").fill("Notulen rapat tim RB triwulan II")
    page.locator("#id_upload-file").set_input_files(files=[{
        "name": "notulen.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}])
    page.get_by_role("button", name="Unggah", exact=True).click()
    expect(page.get_by_role("link", name="Notulen rapat tim RB triwulan II",
                                exact=True)).to_be_visible()
    page.get_by_role("button", name="Ajukan laporan tersimpan untuk evaluasi").click()
    expect(page.locator(".message.success")).to_contain_text("diajukan untuk evaluasi")

    # The province evaluator signs in with two factors and opens it from the inbox.
    device = TOTPDevice.objects.create(user=people.evaluator, name="hp", confirmed=True)
    evaluator_context = browser.new_context(base_url=live_server.url, locale="id-ID",
                                            viewport={"width": 1280, "height": 900})
    evaluator_context.set_default_timeout(15_000)
    ev = evaluator_context.new_page()
    sign_in(ev, people.evaluator, device)
    ev.goto("/staf/rb/evaluasi/")
    expect(ev.locator("h1")).to_have_text("Evaluasi laporan reformasi birokrasi")
    ev.get_by_role("link", name=re.compile(r"^Evaluasi KPU Kabupaten Jepara TW II 2020")).click()
    expect(ev.locator("#report-status")).to_have_attribute("data-status", "submitted")
    expect(ev.get_by_role("link", name="Notulen rapat tim RB triwulan II")).to_be_visible()
    ev.locator(f"#id_comment_{indicators[1].pk}").fill("Realisasi baru 20, jelaskan kendalanya.")
    ev.get_by_label("Rekomendasi 1", exact=True).fill("Percepat pelaksanaan kegiatan 1.1.")
    deadline = timezone.localdate() + dt.timedelta(days=30)
    ev.get_by_label("Batas waktu rekomendasi 1").fill(deadline.isoformat())
    ev.get_by_label("Perlu perbaikan").check()
    ev.get_by_role("button", name="Kirim hasil evaluasi").click()
    expect(ev.locator(".message.success")).to_contain_text("dikembalikan")
    expect(ev.locator("#report-status")).to_have_attribute("data-status", "revise")

    # The member sees the comment, raises the lagging indicator and resubmits.
    page.goto(report_url)
    expect(page.get_by_text("Realisasi baru 20, jelaskan kendalanya.")).to_be_visible()
    expect(page.get_by_text("Percepat pelaksanaan kegiatan 1.1.")).to_be_visible()
    page.locator(f"#id_value_{indicators[1].pk}").fill("40")
    page.get_by_role("button", name="Simpan lalu ajukan untuk evaluasi").click()
    expect(page.locator(".message.success")).to_contain_text("diajukan untuk evaluasi")

    # The evaluator accepts.
    ev.reload()
    expect(ev.locator("#report-status")).to_have_attribute("data-status", "submitted")
    ev.get_by_label("Diterima", exact=True).check()
    ev.get_by_role("button", name="Kirim hasil evaluasi").click()
    expect(ev.locator(".message.success")).to_have_text("Laporan diterima.")
    report = ProgressReport.objects.get(plan=plan, quarter=2)
    assert report.status == ReportStatus.ACCEPTED

    # The satker dashboard and the province comparison show 40% and the accepted report.
    ev.goto("/staf/rb/dasbor/33.20/?year=2020")
    expect(ev.locator("#plan-achievement")).to_contain_text("40%")
    expect(ev.get_by_role("cell", name="Diterima")).to_be_visible()
    ev.goto("/staf/rb/dasbor/33/perbandingan/?year=2020")
    jepara = ev.locator('#ranking tr[data-code="33.20"]')
    expect(jepara).to_contain_text("40%")
    expect(jepara.locator("td").first).to_have_text("1")
    status_row = ev.locator("#report-status tr", has_text="KPU Kabupaten Jepara")
    expect(status_row.locator("td").nth(1)).to_have_text("Diterima")
    evaluator_context.close()


def test_evaluator_sees_a_satker_that_missed_a_quarter_ranked_below_and_reads_why(
        page, tree, people):
    # Jepara sent only TW I (a high figure); Kudus reported every quarter of 2020.
    from prima.reform.tests.factories import build_report

    early = build_plan(tree.jepara, year=2020, areas=1, activities=1, indicators=1)
    build_report(early, 1, values=90, status=ReportStatus.ACCEPTED)
    steady = build_plan(tree.kudus, year=2020, areas=1, activities=1, indicators=1)
    for quarter in (1, 2, 3, 4):
        build_report(steady, quarter, values=25 * quarter - 5, status=ReportStatus.ACCEPTED)
    device = TOTPDevice.objects.create(user=people.evaluator, name="hp", confirmed=True)

    # On a phone: the menu folds behind its button and opens on a tap.
    page.goto("/")
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    expect(page.locator("#main-nav")).to_be_hidden()
    menu.click()
    expect(page.locator("#main-nav")).to_be_visible()

    sign_in(page, people.evaluator, device)
    page.goto("/staf/rb/dasbor/33/perbandingan/")          # no year: the latest with reports
    expect(page.locator("h1")).to_contain_text("2020")
    rows = page.locator("#ranking tbody tr")
    expect(rows.nth(0)).to_have_attribute("data-code", "33.19")
    expect(rows.nth(1)).to_have_attribute("data-code", "33.20")
    expect(rows.nth(1)).to_contain_text("Belum melapor")
    expect(rows.nth(1)).to_contain_text("TW II")
    page.get_by_text("Cara membaca status").click()
    expect(page.locator("#state-rules")).to_contain_text("tidak pernah \"Sesuai rencana\"")
    # Wide tables scroll inside their frame; the page itself never scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
