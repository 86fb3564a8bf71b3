from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarOverride(models.Model):
    """An admin-set change to the holiday calendar, with its legal basis.

    Domain working-days.md: cuti bersama are set by decree each year and are sometimes added,
    moved or cancelled; an office may close; an election day may be decreed a holiday.
    """

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Hari libur / cuti bersama tambahan")
        WORKING_DAY = "working_day", _("Hari kerja (libur dibatalkan)")

    date = models.DateField(_("tanggal"))
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("nama"), max_length=200)
    legal_basis = models.CharField(
        _("dasar hukum"), max_length=300,
        help_text=_("Mis. Keputusan Bersama Menteri Nomor ... Tahun ..."),
    )
    satker = models.ForeignKey(
        "organisations.Satker", on_delete=models.CASCADE, null=True, blank=True,
        related_name="calendar_overrides", verbose_name=_("satker"),
        help_text=_("Kosongkan untuk berlaku nasional; isi untuk penutupan kantor satker."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("dibuat oleh"),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("perubahan kalender")
        verbose_name_plural = _("perubahan kalender")
        constraints = [
            models.UniqueConstraint(
                fields=["date", "satker"], condition=models.Q(satker__isnull=False),
                name="calendar_override_unique_date_satker",
            ),
            models.UniqueConstraint(
                fields=["date"], condition=models.Q(satker__isnull=True),
                name="calendar_override_unique_national_date",
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}: {self.name}"
