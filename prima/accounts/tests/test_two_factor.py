import re
from base64 import b32decode

from django.contrib.sessions.backends.db import SessionStore
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from prima.core.models import AuditEvent

SETUP = "/akun/2fa/atur/"
VERIFY = "/akun/2fa/verifikasi/"


def code_for(device, offset=0):
    """The code an authenticator app shows now (``offset`` steps later)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits,
                 drift=device.drift + offset)
    return f"{value:06d}"


def test_setup_shows_qr_svg_and_base32_secret(client, people):
    client.force_login(people.admin)
    response = client.get(SETUP + "?next=/staf/")
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=people.admin)
    assert device.confirmed is False
    assert "<svg" in response.text
    assert "<?xml" not in response.text
    secret = re.search(r'data-testid="otp-secret">([A-Z2-7 ]+)<', response.text).group(1)
    assert b32decode(secret.replace(" ", "")) == device.bin_key
    # Reloading keeps the same pending device, so a scanned code stays valid.
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=people.admin).count() == 1


def test_setup_confirms_device_with_real_code_and_shows_ten_backup_codes(client, people):
    client.force_login(people.admin)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=people.admin)

    response = client.post(SETUP, {"token": code_for(device), "next": "/staf/"})

    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed is True
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.text)
    assert len(codes) == 10
    assert sorted(StaticToken.objects.filter(device__user=people.admin)
                  .values_list("token", flat=True)) == sorted(codes)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/staf/").status_code == 200
    event = AuditEvent.objects.get(action="accounts.two_factor_enabled")
    assert event.actor == people.admin


def test_setup_rejects_wrong_code_and_confirms_nothing(client, people):
    client.force_login(people.admin)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=people.admin)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"

    response = client.post(SETUP, {"token": wrong})

    assert response.status_code == 200
    assert "Kode tidak cocok" in response.text
    device.refresh_from_db()
    assert device.confirmed is False
    assert not StaticDevice.objects.filter(user=people.admin).exists()
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_setup_rejects_input_that_is_not_six_digits(client, people):
    client.force_login(people.admin)
    response = client.post(SETUP, {"token": "abc"})
    assert "Masukkan 6 angka" in response.text


def test_setup_with_a_confirmed_device_requires_verification_first(client, people):
    TOTPDevice.objects.create(user=people.admin, name="hp", confirmed=True)
    client.force_login(people.admin)
    response = client.get(SETUP)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=people.admin).count() == 1


def _confirmed_devices(user):
    device = TOTPDevice.objects.create(user=user, name="hp", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="cadangan", confirmed=True)
    StaticToken.objects.create(device=static, token="abcd2345")
    return device, static


def test_verify_accepts_current_totp_code_and_follows_next(client, people):
    device, _static = _confirmed_devices(people.admin)
    client.force_login(people.admin)

    response = client.post(VERIFY, {"token": code_for(device), "next": "/staf/"})

    assert response.status_code == 302
    assert response["Location"] == "/staf/"
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/staf/").status_code == 200


def test_verify_rejects_wrong_code(client, people):
    device, _static = _confirmed_devices(people.admin)
    client.force_login(people.admin)
    wrong = f"{(int(code_for(device)) + 500_000) % 1_000_000:06d}"

    response = client.post(VERIFY, {"token": wrong})

    assert response.status_code == 200
    assert "Kode salah" in response.text
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get("/staf/")["Location"] == "/akun/2fa/verifikasi/?next=/staf/"


def test_verify_same_totp_code_cannot_be_replayed(client, people):
    device, _static = _confirmed_devices(people.admin)
    code = code_for(device)
    client.force_login(people.admin)
    assert client.post(VERIFY, {"token": code}).status_code == 302

    other = client.__class__()
    other.force_login(people.admin)
    response = other.post(VERIFY, {"token": code})
    assert response.status_code == 200
    assert DEVICE_ID_SESSION_KEY not in other.session


def test_backup_code_works_once(client, people):
    _device, static = _confirmed_devices(people.admin)
    client.force_login(people.admin)

    response = client.post(VERIFY, {"token": "ABCD-2345", "next": "/staf/"})

    assert response["Location"] == "/staf/"
    assert client.session[DEVICE_ID_SESSION_KEY] == static.persistent_id
    assert not StaticToken.objects.filter(device=static).exists()

    # Another session tries the same code.
    other = client.__class__()
    other.force_login(people.admin)
    response = other.post(VERIFY, {"token": "abcd2345"})
    assert response.status_code == 200
    assert "Kode salah" in response.text
    assert DEVICE_ID_SESSION_KEY not in other.session


def test_verify_without_device_sends_to_setup(client, people):
    client.force_login(people.admin)
    response = client.get(VERIFY + "?next=/staf/")
    assert response["Location"] == "/akun/2fa/atur/?next=%2Fstaf%2F"


def test_verify_requires_sign_in(client, db):
    response = client.get(VERIFY)
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/")


def test_password_change_needs_verified_session_for_admins(client, people):
    _confirmed_devices(people.admin)
    client.force_login(people.admin)
    response = client.get("/akun/sandi/ubah/")
    assert response["Location"] == "/akun/2fa/verifikasi/?next=%2Fakun%2Fsandi%2Fubah%2F"


def test_second_wrong_code_right_away_is_refused_as_throttled(client, people):
    device, _static = _confirmed_devices(people.admin)
    client.force_login(people.admin)
    wrong = f"{(int(code_for(device)) + 500_000) % 1_000_000:06d}"
    client.post(VERIFY, {"token": wrong})

    response = client.post(VERIFY, {"token": code_for(device)})

    assert "Terlalu banyak kode salah" in response.text
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_verify_rotates_the_session_key_and_csrf_token(client, people):
    device, _static = _confirmed_devices(people.admin)
    client.force_login(people.admin)
    client.get(VERIFY)
    key_before = client.session.session_key
    csrf_before = client.cookies["csrftoken"].value

    response = client.post(VERIFY, {"token": code_for(device), "next": "/staf/"})

    assert response.status_code == 302
    assert client.session.session_key != key_before
    assert client.cookies["csrftoken"].value != csrf_before
    # The old key is gone: presenting it again is an anonymous visit.
    assert not SessionStore().exists(key_before)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/staf/").status_code == 200


def test_setup_confirmation_rotates_the_session_key(client, people):
    client.force_login(people.admin)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=people.admin)
    key_before = client.session.session_key

    response = client.post(SETUP, {"token": code_for(device), "next": "/staf/"})

    assert response.status_code == 200
    assert client.session.session_key != key_before
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
