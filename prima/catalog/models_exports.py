"""Large exports prepared in the background (a file of the whole view, for one requester).

An export of more rows than ``CATALOG_EXPORT_BACKGROUND_ROWS`` is not streamed in the request:
``ExportJob`` records what was asked (version, format, the view's query string), who asked (the
user, or the anonymous session), and the task (``tasks.prepare_export``) writes the file with
its progress. The file is private: it has no URL of its own and is served only to the
requester by ``views.exports`` while the dataset stays visible to them.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(24)


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu giliran")
    RUNNING = "running", _("Sedang disiapkan")
    DONE = "done", _("Siap diunduh")
    FAILED = "failed", _("Gagal")


class ExportJob(models.Model):
    token = models.CharField(max_length=64, unique=True, default=new_token)
    version = models.ForeignKey("catalog.ResourceVersion", on_delete=models.CASCADE,
                                related_name="+")
    fmt = models.CharField(_("format"), max_length=8)
    query = models.TextField(blank=True)  # the view's query string (filters, search, sort)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                     null=True, blank=True, related_name="+")
    session_key = models.CharField(max_length=64, blank=True)  # anonymous requester
    status = models.CharField(_("status"), max_length=8, choices=ExportStatus.choices,
                              default=ExportStatus.QUEUED)
    rows_total = models.PositiveBigIntegerField(default=0)
    rows_done = models.PositiveBigIntegerField(default=0)
    file = models.FileField(max_length=300, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "catalog"
        verbose_name = _("ekspor besar")
        verbose_name_plural = _("ekspor besar")

    def __str__(self):
        return f"{self.version} {self.fmt} {self.status}"

    @property
    def progress(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        return min(99, self.rows_done * 100 // self.rows_total) if self.rows_total else 0

    @property
    def pending(self) -> bool:
        return self.status in (ExportStatus.QUEUED, ExportStatus.RUNNING)
