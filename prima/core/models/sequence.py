from django.db import models
from django.utils.translation import gettext_lazy as _


class Sequence(models.Model):
    """A gapless counter (registration numbers): incremented under a row lock in a transaction."""

    key = models.CharField(_("kunci"), max_length=120, unique=True)
    value = models.PositiveBigIntegerField(_("nilai terakhir"), default=0)

    class Meta:
        verbose_name = _("penomoran")
        verbose_name_plural = _("penomoran")

    def __str__(self):
        return f"{self.key} = {self.value}"
