"""Two-factor authentication with TOTP apps and one-time backup codes (django-otp).

Set-up creates an unconfirmed TOTP device; it becomes the person's device only after they
prove that their authenticator app produces the right code. Confirmation replaces any earlier
devices and issues a fresh set of backup codes, shown once.
"""

from __future__ import annotations

import re
from base64 import b32encode

import django_otp
import qrcode
import qrcode.image.svg
from django.db import transaction
from django.middleware.csrf import rotate_token
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from prima.core import audit

from .choices import AuditAction

BACKUP_CODE_COUNT = 10
TOTP_DEVICE_NAME = _("Aplikasi autentikator")
BACKUP_DEVICE_NAME = _("Kode cadangan")


def has_confirmed_device(user) -> bool:
    return any(True for _device in devices_for_user(user, confirmed=True))


def pending_totp_device(user) -> TOTPDevice:
    """The person's unconfirmed TOTP device, created on first use (one at a time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=str(TOTP_DEVICE_NAME),
                                           confirmed=False)
    return device


def qr_code_svg(text: str) -> str:
    """``text`` as a QR code in inline SVG (no image files, no external service)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    # Drop the XML declaration so the SVG can sit inside HTML.
    return re.sub(r"^<\?xml[^>]*\?>\s*", "", svg)


def secret_base32(device: TOTPDevice) -> str:
    """The device secret for manual entry, in groups of four characters."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def verified_login(request, device) -> None:
    """Mark the session as verified with ``device``, under a new session key and CSRF token:
    the second factor raises the session's privilege, so (as at sign-in) a key fixed or seen
    before the step is worthless after it."""
    request.session.cycle_key()
    rotate_token(request)
    django_otp.login(request, device)


def normalise_token(token: str) -> str:
    return re.sub(r"[\s-]", "", token or "").lower()


def confirm_totp_device(*, user, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm ``device`` with a code from the app; returns the new backup codes, or ``None``.

    The token check runs outside the confirming transaction so that a wrong code still
    counts towards the device's throttling.
    """
    if device.user_id != user.pk or device.confirmed:
        return None
    if not device.verify_token(normalise_token(token)):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _replace_backup_codes(user)
        # ``device.user`` is the model instance (``user`` may be request.user's lazy proxy).
        audit.record(device.user, actor=device.user, action=AuditAction.TWO_FACTOR_ENABLED,
                     changes={"device": [None, device.name]})
    return codes


def _replace_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    backup = StaticDevice.objects.create(user=user, name=str(BACKUP_DEVICE_NAME), confirmed=True)
    codes = [StaticToken.random_token() for _i in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=backup, token=c) for c in codes])
    return codes


def match_device(user, token: str):
    """``(device, throttled)``: the confirmed device that accepts ``token``, if any, and
    whether the attempt was refused because every candidate device is still throttled.

    Six digits are checked against the authenticator app; anything else against the backup
    codes, so a mistyped app code never throttles the backup codes (and the reverse). A backup
    code is consumed by a successful match, so it works once.
    """
    token = normalise_token(token)
    if not token:
        return None, False
    is_app_code = token.isdigit() and len(token) == 6
    candidates = [d for d in devices_for_user(user, confirmed=True)
                  if isinstance(d, StaticDevice) != is_app_code]
    throttled = bool(candidates)
    for device in candidates:
        # Verify under a row lock so a code cannot be used twice concurrently.
        with transaction.atomic():
            locked = type(device).objects.select_for_update().get(pk=device.pk)
            if not locked.verify_is_allowed()[0]:
                continue
            throttled = False
            if locked.verify_token(token):
                return locked, False
    return None, throttled
