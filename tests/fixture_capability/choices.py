from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    SATKER_CHECKED = "fixture_capability.satker_checked", _("Satker diperiksa (uji)")
