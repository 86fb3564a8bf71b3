from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    """What core records in the audit trail (``core.<object>_<verb>``)."""

    CALENDAR_OVERRIDE_ADDED = "core.calendar_override_added", _("Perubahan kalender ditambahkan")
    CALENDAR_OVERRIDE_REMOVED = "core.calendar_override_removed", _("Perubahan kalender dihapus")
    EVIDENCE_LINKED = "core.evidence_linked", _("Data dukung ditautkan")
    EVIDENCE_UNLINKED = "core.evidence_unlinked", _("Tautan data dukung dihapus")
