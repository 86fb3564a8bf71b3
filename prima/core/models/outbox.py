from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxEmailQuerySet(models.QuerySet):
    def due(self, now=None):
        now = now or timezone.now()
        return self.filter(status=OutboxEmail.Status.PENDING, next_attempt_at__lte=now)


class OutboxEmail(models.Model):
    """An email waiting to be sent; kept until delivered so a failed SMTP server loses nothing."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal permanen")

    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    subject = models.CharField(_("subjek"), max_length=998)
    from_email = models.CharField(_("pengirim"), max_length=320)
    to = models.JSONField(_("penerima"), default=list)
    cc = models.JSONField(default=list, blank=True)
    bcc = models.JSONField(default=list, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    body = models.TextField(_("isi"), blank=True)
    html_body = models.TextField(_("isi HTML"), blank=True)
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(_("percobaan"), default=0)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"), default=timezone.now)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)

    objects = OutboxEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("email keluar")
        verbose_name_plural = _("kotak keluar email")

    def __str__(self):
        return f"{', '.join(self.to)}: {self.subject}"
