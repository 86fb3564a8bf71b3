"""Sending the private tracking links again to a requester who lost them: only SHA-256 hashes
of the secrets are stored, so each request gets a new secret (the old link stops working) and
the links go to the email the requests were made with, never shown on screen."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from prima.core import audit

from .. import emails, tracking
from ..choices import AuditAction
from ..models import InformationRequest
from ..numbers import slug_to_number
from .common import send_safely

# The most recent requests of one email address that get a new link at once.
RESEND_MAX_REQUESTS = 20


@transaction.atomic
def resend_tracking_links(*, email, number="") -> int:
    """New tracking links for the requests made with ``email`` (only ``number`` when given),
    emailed to that address. Returns how many requests matched; callers must not tell the
    visitor (whether an email is known is never revealed)."""
    email = str(email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": _("Alamat email tidak valid.")}) from exc
    requests = InformationRequest.objects.select_for_update(of=("self",)).select_related(
        "satker").filter(email__iexact=email)
    number = "".join(str(number or "").split())
    if number:
        requests = requests.filter(number=slug_to_number(number.replace("/", "-")))
    found = list(requests.order_by("-received_at", "-id")[:RESEND_MAX_REQUESTS])
    if not found:
        return 0
    links = []
    for request in found:
        secret = tracking.new_secret()
        request.tracking_secret_hash = tracking.hash_secret(secret)
        request.save(update_fields=["tracking_secret_hash", "updated_at"])
        audit.record(request, actor=None, action=AuditAction.TRACKING_LINK_RESENT,
                     satker=request.satker_id)
        links.append((request, secret))
    send_safely(emails.send_tracking_links, email, links)
    return len(links)
