"""The integrity pact in a real browser: an employee of Jepara tries a wrong password (refused,
nothing signed), signs with the right one, downloads the signed pact as PDF, and anyone
verifies its code on the public page."""

import re

import pytest
from playwright.sync_api import expect

from prima.integrity import services
from prima.integrity.models import Signature
from prima.organisations.tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, user):
    page.goto("/akun/masuk/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator("h1")).to_contain_text("Selamat datang")


def test_an_employee_signs_downloads_and_verifies(page, browser, live_server, tree, people):
    draft = services.create_version(actor=people.system_admin, period=2026,
                                    title="Pakta Integritas Pegawai",
                                    body="Saya berjanji tidak menerima gratifikasi.")
    services.publish_version(version=draft, actor=people.system_admin)

    sign_in(page, people.employee)
    expect(page.get_by_text("Pakta integritas belum Anda tanda tangani")).to_be_visible()
    page.get_by_role("link", name="Pakta integritas belum Anda tanda tangani").first.click()
    expect(page.locator("h1")).to_have_text("Pakta integritas saya")
    expect(page.get_by_text("Saya berjanji tidak menerima gratifikasi.")).to_be_visible()

    # A wrong password: a clear message, nothing signed.
    page.get_by_label("Kata sandi Anda").fill("bukan-kata-sandi")
    page.get_by_label(re.compile("menyetujui pakta")).check()
    page.get_by_role("button", name="Tanda tangani").click()
    expect(page.locator(".form-errors")).to_contain_text("Kata sandi salah")
    assert not Signature.objects.exists()

    # The right password signs.
    page.get_by_label("Kata sandi Anda").fill(PASSWORD)
    page.get_by_label(re.compile("menyetujui pakta")).check()
    page.get_by_role("button", name="Tanda tangani").click()
    expect(page.locator(".message.success")).to_contain_text("Kode verifikasi")
    signature = Signature.objects.get()
    assert signature.user == people.employee

    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh pakta bertanda tangan (PDF)").click()
    download = info.value
    with open(download.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"

    # Anyone checks the code printed on the PDF on the public page.
    public = browser.new_context(base_url=live_server.url, locale="id-ID").new_page()
    public.goto("/integritas/verifikasi/")
    public.get_by_label("Kode verifikasi").fill(signature.display_code.lower())
    public.get_by_role("button", name="Periksa").click()
    expect(public.locator("#verdict")).to_contain_text("SAH")
    expect(public.locator("#verdict")).not_to_contain_text("TIDAK SAH")
    expect(public.get_by_text(signature.signer_name)).to_be_visible()
    public.context.close()
