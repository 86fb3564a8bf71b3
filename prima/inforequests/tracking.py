"""Private tracking links and download tokens: only a SHA-256 of each secret is stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from .compiled import CompiledQuery
from .numbers import slug_to_number

SECRET_BYTES = 24
NUMBER_STAND_IN = "\x00number"


def _by_number(number: str, *, objections_flag: bool = False):
    from django.db.models import Exists, OuterRef

    from .models import InformationRequest, Objection

    # The written notice comes along (one query less on every page that reads it; none when
    # there is no notice yet). The number is unique: no ordering to compile.
    queryset = InformationRequest.objects.select_related("satker", "notice").filter(number=number)
    if objections_flag:  # the tracking page asks for objections only when there are some
        queryset = queryset.annotate(
            has_objections=Exists(Objection.objects.filter(request=OuterRef("pk"))))
    return queryset.order_by()[:1]


# Compiled once per thread (prima.inforequests.compiled): the lookup runs on every private page.
_REQUEST_BY_NUMBER = CompiledQuery(_by_number, NUMBER_STAND_IN)
_PAGE_REQUEST_BY_NUMBER = CompiledQuery(lambda number: _by_number(number, objections_flag=True),
                                        NUMBER_STAND_IN)


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def hash_secret(secret: str) -> str:
    return hashlib.sha256((secret or "").encode()).hexdigest()


def find_by_secret(number_slug: str, secret: str, *, objections_flag: bool = False):
    """The request with this number whose tracking secret matches, else ``None``; with
    ``objections_flag`` it also carries ``has_objections``."""
    # A NUL character is never part of a number (and PostgreSQL refuses it in a query).
    if not secret or not number_slug or "\x00" in number_slug:
        return None
    query = _PAGE_REQUEST_BY_NUMBER if objections_flag else _REQUEST_BY_NUMBER
    found = query(slug_to_number(number_slug))
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
