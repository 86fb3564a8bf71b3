"""What core contributes to the platform (see ``prima.core.registry``): the working-day
calendar (its purpose, its card entry and audit actions), the evidence links, its URLs."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prima.organisations.choices import Role
from prima.organisations.policies import Purpose, can

from .choices import AuditAction
from .registry import ALL_ROLES, AccessPurpose, Capability, CardLink, Rule, UrlMount

capability = Capability(
    label=_("Inti"),
    purposes=(
        AccessPurpose("CALENDAR", "calendar", _("Kalender hari kerja"),
                      Rule(read=ALL_ROLES, write=frozenset({Role.ADMIN}),
                           evaluator_reads_below=False)),
    ),
    card_links=(
        CardLink(_("Kalender hari kerja"), lambda s: reverse("core:calendar"),
                 lambda user, s: can(user, Purpose.CALENDAR, s, write=True), order=50),
    ),
    audit_actions=AuditAction,
    matrix=("prima.core.tests.matrix",),
    urls=(UrlMount("", "prima.core.urls"),),
)
