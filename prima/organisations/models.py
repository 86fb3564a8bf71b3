from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from prima.core.scope import is_in_subtree

from .choices import DivisionKind, DocumentKind, Level, Position, TimeZone, role_choices
from .querysets import MembershipQuerySet, SatkerQuerySet

# The office hours every satker starts with; shown in the reader's language while unchanged.
DEFAULT_OFFICE_HOURS = "Senin–Jumat 08.00–16.00"


class Satker(models.Model):
    """A KPU work unit (satuan kerja): KPU RI, a KPU/KIP Provinsi or a KPU/KIP Kabupaten/Kota."""

    # Kemendagri region code as in data/wilayah.csv; KPU RI is "0" (domain kpu.md).
    code = models.CharField(_("kode"), max_length=16, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    region_name = models.CharField(_("nama wilayah"), max_length=200, blank=True)
    level = models.CharField(_("tingkat"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("satker induk"),
    )
    timezone = models.CharField(
        _("zona waktu"), max_length=32, choices=TimeZone.choices, default=TimeZone.WIB
    )
    address = models.TextField(_("alamat"), blank=True)
    phone = models.CharField(_("telepon"), max_length=64, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    office_hours = models.CharField(
        _("jam layanan"), max_length=200, blank=True,
        default=DEFAULT_OFFICE_HOURS,
    )
    population = models.PositiveBigIntegerField(_("jumlah penduduk"), null=True, blank=True)
    description = models.TextField(_("profil"), blank=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = SatkerQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("satuan kerja")
        verbose_name_plural = _("satuan kerja")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:satker-detail", args=[self.code])

    @property
    def timezone_label(self) -> str:
        return TimeZone(self.timezone).label

    @property
    def office_hours_display(self) -> str:
        """The office hours as written by the satker; the untouched default in the reader's
        language."""
        if self.office_hours == DEFAULT_OFFICE_HOURS:
            return gettext("Senin–Jumat 08.00–16.00")
        return self.office_hours

    def ancestor_codes(self) -> list[str]:
        """Codes of the satkers above this one, nearest last ("0" for KPU RI first)."""
        if self.level == Level.NATIONAL:
            return []
        parts = self.code.split(".")
        return ["0"] + [".".join(parts[:i]) for i in range(1, len(parts))]

    def is_below(self, other: "Satker") -> bool:
        """True when this satker lies under ``other`` in the tree (not equal)."""
        return is_in_subtree(self.code, other.code, include_self=False)


class Division(models.Model):
    """A commissioner division or a secretariat sub-section of a satker."""

    satker = models.ForeignKey(
        Satker, on_delete=models.CASCADE, related_name="divisions", verbose_name=_("satker")
    )
    kind = models.CharField(_("jenis"), max_length=16, choices=DivisionKind.choices)
    name = models.CharField(_("nama"), max_length=200)
    description = models.TextField(_("uraian tugas"), blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["satker", "kind", "order", "name"]
        verbose_name = _("divisi / subbagian")
        verbose_name_plural = _("divisi / subbagian")
        constraints = [
            models.UniqueConstraint(fields=["satker", "name"], name="division_unique_name")
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A person's role in one satker; the roles are the basis of every access decision."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships",
        verbose_name=_("pengguna"),
    )
    satker = models.ForeignKey(
        Satker, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("satker")
    )
    role = models.CharField(_("peran"), max_length=16, choices=role_choices)
    position = models.CharField(
        _("jabatan pimpinan"), max_length=16, choices=Position.choices, blank=True, default=""
    )
    title = models.CharField(_("jabatan"), max_length=200, blank=True)
    division = models.ForeignKey(
        Division, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships",
        verbose_name=_("divisi / subbagian"),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["satker", "role"]
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "satker", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} {self.satker}"


def document_upload_to(instance, filename):
    return f"documents/{instance.satker.code}/{instance.sha256[:2]}/{instance.sha256}.pdf"


class Document(models.Model):
    """An official document of a satker (a decree or other), kept as a checked PDF."""

    satker = models.ForeignKey(
        Satker, on_delete=models.PROTECT, related_name="documents", verbose_name=_("satker")
    )
    kind = models.CharField(_("jenis"), max_length=16, choices=DocumentKind.choices)
    number = models.CharField(_("nomor"), max_length=120)
    date = models.DateField(_("tanggal"))
    subject = models.CharField(_("perihal"), max_length=500)
    file = models.FileField(_("berkas PDF"), upload_to=document_upload_to, max_length=255)
    sha256 = models.CharField(_("checksum SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("ukuran (byte)"))
    original_name = models.CharField(_("nama berkas asli"), max_length=255)
    is_public = models.BooleanField(_("tampil di halaman publik"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "kind", "number"], name="document_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}: {self.subject}"
