"""The integrity zone (integrity-zone.md): the declaration (pencanangan), the units built
towards WBK/WBBM, the versioned integrity pact and its signatures.

Signatures and the collective lists printed from them are records of fact: once written they
never change. ``Signature`` and ``Roster`` refuse ``save()`` on an existing row and ``delete()``,
and their querysets refuse ``update()`` and ``delete()``, so neither the admin, a service nor a
bulk query can alter them; the text of a published pact version is frozen the same way.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from prima.organisations.models import Satker

from .choices import SignatureMethod, Target, UnitStatus, VersionStatus
from .querysets import ImmutableQuerySet, PactVersionQuerySet, SignatureQuerySet

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed


def new_code() -> str:
    """A random 12-character verification code (60 bits; not guessable, not enumerable)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))


def normalise_code(value: str) -> str:
    """A code as typed (lower case, dashes, spaces) in its stored form."""
    return "".join(ch for ch in str(value or "").upper() if ch.isalnum())[:32]


def display_code(code: str) -> str:
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ImmutableRecord(PermissionDenied):
    """A write to a record that never changes (a signature, a printed list)."""


class ImmutableModel(models.Model):
    """A row written once: ``save()`` inserts only, ``delete()`` is refused."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecord(_("Data ini tidak dapat diubah setelah disimpan."))
        kwargs["force_insert"] = True
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecord(_("Data ini tidak dapat dihapus."))


class PactVersion(models.Model):
    """One version of the integrity pact text; published versions never change."""

    FROZEN_FIELDS = ("period", "number", "title", "body")

    period = models.PositiveSmallIntegerField(_("periode (tahun)"))
    number = models.PositiveIntegerField(_("nomor versi"), unique=True)
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("teks pakta"))
    status = models.CharField(_("status"), max_length=16, choices=VersionStatus.choices,
                              default=VersionStatus.DRAFT)
    text_sha256 = models.CharField(_("SHA-256 teks"), max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("dibuat oleh"))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("diterbitkan oleh"))
    published_at = models.DateTimeField(_("diterbitkan"), null=True, blank=True)

    objects = PactVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("versi pakta integritas")
        verbose_name_plural = _("versi pakta integritas")

    def __str__(self):
        return _("Pakta integritas %(period)s versi %(number)s") % {
            "period": self.period, "number": self.number}

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            stored = type(self).objects.filter(pk=self.pk).values(
                "status", *self.FROZEN_FIELDS).first()
            if stored and stored["status"] == VersionStatus.PUBLISHED and (
                    self.status != VersionStatus.PUBLISHED
                    or any(getattr(self, f) != stored[f] for f in self.FROZEN_FIELDS)):
                raise ImmutableRecord(_("Teks pakta yang telah diterbitkan tidak dapat diubah."))
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if type(self).objects.filter(pk=self.pk, status=VersionStatus.PUBLISHED).exists():
            raise ImmutableRecord(_("Pakta yang telah diterbitkan tidak dapat dihapus."))
        return super().delete(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED

    def signed_text(self) -> str:
        """The exact text a signer agrees to (title and body, line endings normalised)."""
        body = "\n".join(line.rstrip() for line in self.body.replace("\r\n", "\n").split("\n"))
        return f"{self.title.strip()}\n\n{body.strip()}\n"

    def computed_sha256(self) -> str:
        return sha256_text(self.signed_text())


class Signature(ImmutableModel):
    """One employee's signature of one pact version: who, when, from where, and the SHA-256 of
    the exact text signed (integrity-zone.md "Integrity pact"). Never changes."""

    version = models.ForeignKey(PactVersion, on_delete=models.PROTECT,
                                related_name="signatures", verbose_name=_("versi pakta"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="integrity_signatures", verbose_name=_("penanda tangan"))
    # The signer's identity and satker at the moment of signing (they may change later).
    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("satker saat menandatangani"))
    signer_name = models.CharField(_("nama penanda tangan"), max_length=200)
    signer_email = models.EmailField(_("email penanda tangan"))
    signer_title = models.CharField(_("jabatan"), max_length=200, blank=True)
    text_sha256 = models.CharField(_("SHA-256 teks yang ditandatangani"), max_length=64)
    signed_at = models.DateTimeField(_("waktu tanda tangan"))
    ip_address = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    method = models.CharField(_("cara"), max_length=16, choices=SignatureMethod.choices,
                              default=SignatureMethod.CLICK_THROUGH)
    digest = models.CharField(_("SHA-256 tanda tangan"), max_length=64)
    code = models.CharField(_("kode verifikasi"), max_length=16, unique=True, default=new_code)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_at", "-id"]
        verbose_name = _("tanda tangan pakta integritas")
        verbose_name_plural = _("tanda tangan pakta integritas")
        constraints = [models.UniqueConstraint(fields=["version", "user"],
                                               name="integrity_signature_once_per_version")]

    def __str__(self):
        return f"{self.signer_name} — {self.version}"

    @property
    def display_code(self) -> str:
        return display_code(self.code)

    def canonical(self, *, satker_code: str | None = None) -> str:
        """What the signature digest covers: the text's hash, the signer's identity, the
        time and the address, one field per line."""
        return "\n".join([
            "prima/pakta-integritas/1",
            f"version={self.version_id}",
            f"text_sha256={self.text_sha256}",
            f"user={self.user_id}",
            f"name={self.signer_name}",
            f"email={self.signer_email}",
            f"title={self.signer_title}",
            f"satker={satker_code if satker_code is not None else self.satker.code}",
            f"signed_at={self.signed_at.isoformat()}",
            f"ip={self.ip_address or ''}",
            f"method={self.method}",
        ])

    def computed_digest(self) -> str:
        return sha256_text(self.canonical())


class Roster(ImmutableModel):
    """A printed collective list of a satker's signatures of one version, with its own
    verification code; the digest covers every listed signature's digest. Never changes."""

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("satker"))
    version = models.ForeignKey(PactVersion, on_delete=models.PROTECT, related_name="rosters",
                                verbose_name=_("versi pakta"))
    entries = models.JSONField(_("tanda tangan tercantum"), default=list)  # [[pk, digest], ...]
    active_count = models.PositiveIntegerField(_("jumlah pegawai aktif"))
    digest = models.CharField(_("SHA-256 daftar"), max_length=64)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("dicetak oleh"))
    issued_at = models.DateTimeField(_("dicetak"))
    code = models.CharField(_("kode verifikasi"), max_length=16, unique=True, default=new_code)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("daftar penandatangan pakta")
        verbose_name_plural = _("daftar penandatangan pakta")

    def __str__(self):
        return f"{self.satker} — {self.version} ({self.issued_at:%Y-%m-%d %H:%M})"

    @property
    def display_code(self) -> str:
        return display_code(self.code)

    @staticmethod
    def digest_of(*, satker_code: str, version_id: int, entries, issued_at) -> str:
        lines = ["prima/daftar-pakta/1", f"satker={satker_code}", f"version={version_id}",
                 f"issued_at={issued_at.isoformat()}"]
        lines += [f"{pk}:{digest}" for pk, digest in entries]
        return sha256_text("\n".join(lines))


def charter_upload_to(instance, filename):
    return f"integrity/{instance.satker.code}/{instance.charter_sha256[:2]}/" \
           f"{instance.charter_sha256}.pdf"


class Declaration(models.Model):
    """The declaration of the integrity zone (pencanangan, integrity-zone.md stage 1): the
    event, its date, the witnesses and the signed charter (an upload or a satker document)."""

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("satker"))
    date = models.DateField(_("tanggal pencanangan"))
    event = models.CharField(_("acara"), max_length=300)
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    witnesses = models.TextField(_("saksi"), blank=True,
                                 help_text=_("Satu saksi per baris, mis. KemenPANRB, KPK, "
                                             "Ombudsman, perwakilan masyarakat."))
    description = models.TextField(_("uraian"), blank=True)
    # The charter: an uploaded PDF kept in private storage, or a satker document cited
    # through core.evidence ("document:12").
    charter_file = models.FileField(_("piagam pencanangan (PDF)"), upload_to=charter_upload_to,
                                    max_length=255, blank=True)
    charter_sha256 = models.CharField(_("checksum piagam"), max_length=64, blank=True)
    charter_name = models.CharField(_("nama berkas piagam"), max_length=255, blank=True)
    charter_ref = models.CharField(_("dokumen piagam (SK)"), max_length=64, blank=True)
    is_public = models.BooleanField(_("tampil di halaman publik"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("dicatat oleh"))
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("pencanangan zona integritas")
        verbose_name_plural = _("pencanangan zona integritas")

    def __str__(self):
        return _("Pencanangan ZI %(satker)s, %(date)s") % {"satker": self.satker,
                                                          "date": self.date}

    def witness_list(self) -> list[str]:
        return [line.strip() for line in self.witnesses.splitlines() if line.strip()]


class ZoneUnit(models.Model):
    """A unit built towards a predicate in a year (integrity-zone.md stages 2–6)."""

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("satker"))
    target = models.CharField(_("target predikat"), max_length=8, choices=Target.choices)
    year = models.PositiveSmallIntegerField(_("tahun"))
    status = models.CharField(_("status"), max_length=16, choices=UnitStatus.choices,
                              default=UnitStatus.BUILDING)
    note = models.TextField(_("catatan"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("dicatat oleh"))
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        ordering = ["-year", "target"]
        verbose_name = _("unit zona integritas")
        verbose_name_plural = _("unit zona integritas")
        constraints = [models.UniqueConstraint(fields=["satker", "target", "year"],
                                               name="integrity_unit_once_per_year")]

    def __str__(self):
        return f"{self.satker} — {self.get_target_display()} {self.year}"
