from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class EvidenceLink(models.Model):
    """A record cited as evidence for another record (its owner), by a stable reference.

    The cited record is named by its evidence source's key and primary key
    (``prima.core.evidence``), not by a content type, so the reference survives a model being
    moved and reads the same in every app; the title is kept as it was when linked.
    """

    owner_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    owner_id = models.CharField(max_length=64)
    owner = GenericForeignKey("owner_type", "owner_id")
    satker = models.ForeignKey("organisations.Satker", on_delete=models.PROTECT,
                               related_name="evidence_links", verbose_name=_("satker"))
    kind = models.CharField(_("jenis data dukung"), max_length=32)
    record_id = models.CharField(_("ID data"), max_length=64)
    title = models.CharField(_("judul"), max_length=300)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("ditautkan oleh"))
    created_at = models.DateTimeField(_("ditautkan"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("tautan data dukung")
        verbose_name_plural = _("tautan data dukung")
        constraints = [
            models.UniqueConstraint(fields=["owner_type", "owner_id", "kind", "record_id"],
                                    name="evidence_link_unique_per_owner"),
        ]
        indexes = [models.Index(fields=["kind", "record_id"]),
                   models.Index(fields=["owner_type", "owner_id"])]

    def __str__(self):
        return self.title

    @property
    def ref(self):
        from prima.core.evidence import EvidenceRef

        return EvidenceRef(self.kind, self.record_id)
