"""Private tracking links and download tokens: only a SHA-256 of each secret is stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from .numbers import slug_to_number

SECRET_BYTES = 24


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def hash_secret(secret: str) -> str:
    return hashlib.sha256((secret or "").encode()).hexdigest()


def find_by_secret(number_slug: str, secret: str):
    """The request with this number whose tracking secret matches, else ``None``."""
    from .models import InformationRequest

    # A NUL character is never part of a number (and PostgreSQL refuses it in a query).
    if not secret or not number_slug or "\x00" in number_slug:
        return None
    # The written notice comes along (one query less on every page that reads it; none when
    # there is no notice yet).
    # The number is unique: no ordering to compile (``first()`` would add one).
    found = list(InformationRequest.objects.select_related("satker", "notice")
                 .filter(number=slug_to_number(number_slug)).order_by()[:1])
    request = found[0] if found else None
    # Compare in constant time even when the number is unknown, so timing reveals nothing.
    stored = request.tracking_secret_hash if request is not None else "0" * 64
    if not hmac.compare_digest(stored, hash_secret(secret)) or request is None:
        return None
    return request


def find_download_link(token: str):
    """The download link of this token (whatever its validity: check ``link.is_valid``)."""
    from .models import DownloadLink

    if not token:
        return None
    return (DownloadLink.objects.select_related("request", "request__satker")
            .filter(token_hash=hash_secret(token)).first())
