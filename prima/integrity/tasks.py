"""Daily reminders: every active employee who has not signed the pact in force gets an email
(``core.mail.compose``, queued through the outbox), at most one per person per day; the
command ``send_integrity_reminders`` is in ``settings.PRIMA_DAILY_COMMANDS``."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prima.core import audit
from prima.core.mail import compose
from prima.organisations.models import Membership

from .choices import AuditAction
from .models import PactVersion, Signature


def send_reminders(today: dt.date | None = None) -> int:
    """Email each active employee who has not signed the pact in force; returns how many."""
    today = today or timezone.localdate()
    version = PactVersion.objects.current()
    if version is None:
        return 0
    memberships = (Membership.objects.active()
                   .filter(~Exists(Signature.objects.filter(version=version,
                                                            user=OuterRef("user"))))
                   .select_related("user", "satker").order_by("user_id", "satker__code"))
    url = settings.PRIMA_BASE_URL + reverse("integrity:staff-pact")
    sent, seen = 0, set()
    for membership in memberships:
        user = membership.user
        if user.pk in seen or not user.email:
            continue
        seen.add(user.pk)
        sent += compose(
            to=[user.email], template="integrity/emails/reminder",
            subject=_("Pakta integritas belum Anda tanda tangani"),
            context={"user": user, "version": version, "satker": membership.satker,
                     "url": url, "today": today})
        audit.record(version, actor=None, action=AuditAction.REMINDER_SENT,
                     satker=membership.satker, changes={"to": user.email})
    return sent
