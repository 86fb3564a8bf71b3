"""A person logs in, switches language and opens the satker tree, in a real browser."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from prima.organisations.tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_employee_logs_in_switches_language_and_opens_the_tree(page, people):
    page.goto("/akun/masuk/")
    page.get_by_label("Email").fill(people.employee.email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator("h1")).to_contain_text("Selamat datang")
    expect(page.locator("[data-satker='33.20']")).to_be_visible()

    page.get_by_test_id("lang-en").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_contain_text("Welcome")

    # On the phone the main menu is folded behind its button (labelled in English too).
    page.get_by_role("button", name="Menu").click()
    page.locator("#main-nav").get_by_role("link", name="Work units").click()
    expect(page).to_have_url(re.compile(r"/satker/$"))
    page.get_by_test_id("lang-id").click()
    expect(page.locator("html")).to_have_attribute("lang", "id")
    page.get_by_label("Cari satuan kerja").fill("Jepara")
    expect(page.get_by_role("link", name="KPU Kabupaten Jepara").first).to_be_visible()
    page.get_by_role("link", name="KPU Kabupaten Jepara").first.click()
    expect(page.locator("h1")).to_have_text("KPU Kabupaten Jepara")


def test_wrong_password_gets_an_indonesian_message(page, people):
    page.goto("/akun/masuk/")
    page.get_by_label("Email").fill(people.employee.email)
    page.get_by_label("Kata sandi").fill("salah-sekali")
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator(".form-errors")).to_contain_text("salah")
    expect(page).to_have_url(re.compile(r"/akun/masuk/"))


def test_evaluator_passes_two_factor_and_sees_units_below(page, people):
    device = TOTPDevice.objects.create(user=people.evaluator, name="hp", confirmed=True)
    page.goto("/akun/masuk/")
    page.get_by_label("Email").fill(people.evaluator.email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page).to_have_url(re.compile(r"/akun/2fa/verifikasi/"))
    page.get_by_label(re.compile("Kode")).fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name=re.compile("Verifikasi")).click()
    expect(page.locator("h1")).to_contain_text("Selamat datang")
    expect(page.get_by_role("link", name="KPU Kabupaten Jepara")).to_be_visible()
