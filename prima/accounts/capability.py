"""What accounts contributes to the platform (see ``prima.core.registry``): sign-in pages,
member management of a satker (its card entry, URLs, matrix rows) and its audit actions."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prima.core.registry import Capability, CardLink, UrlMount
from prima.organisations.policies import Purpose, can

from .choices import AuditAction

capability = Capability(
    label=_("Akun"),
    card_links=(
        CardLink(_("Pengguna & undangan"), lambda s: reverse("members:list", args=[s.code]),
                 lambda user, s: can(user, Purpose.MEMBERS, s), order=40),
    ),
    audit_actions=AuditAction,
    matrix=("prima.accounts.tests.matrix",),
    urls=(
        UrlMount("akun/", "prima.accounts.urls"),
        UrlMount("staf/", "prima.accounts.urls.members"),
    ),
)
