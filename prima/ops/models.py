from django.db import models
from django.utils.translation import gettext_lazy as _


class Lease(models.Model):
    """A claim on a piece of background work, kept alive by its worker's heartbeat; a lease
    that expired means the worker died (see ``prima.ops.leases``)."""

    key = models.CharField(_("kunci"), max_length=200, unique=True)
    owner = models.CharField(_("pemegang"), max_length=200, blank=True)
    attempts = models.PositiveIntegerField(_("percobaan"), default=0)
    heartbeat_at = models.DateTimeField(_("detak terakhir"))
    expires_at = models.DateTimeField(_("berakhir"), db_index=True)

    class Meta:
        verbose_name = _("sewa pekerjaan")
        verbose_name_plural = _("sewa pekerjaan")

    def __str__(self):
        return f"{self.key} ({self.owner}, {self.attempts})"
