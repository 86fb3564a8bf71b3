"""Querysets of the integrity zone: rows that never change refuse bulk writes, and the
reads the pages and the staff home share (the current pact, who still has to sign)."""

from __future__ import annotations

from django.db import models
from django.db.models import BooleanField, Count, Exists, OuterRef, Q, Value
from django.utils.translation import gettext_lazy as _

from prima.core.scope import subtree_q

from .choices import VersionStatus


def _refuse(message):
    from .models import ImmutableRecord

    raise ImmutableRecord(message)


class ImmutableQuerySet(models.QuerySet):
    """``update()`` and ``delete()`` refused: the rows are written once and kept."""

    def update(self, **kwargs):
        _refuse(_("Data ini tidak dapat diubah setelah disimpan."))

    def delete(self):
        _refuse(_("Data ini tidak dapat dihapus."))

    def bulk_update(self, objs, fields, batch_size=None):
        _refuse(_("Data ini tidak dapat diubah setelah disimpan."))


class SignatureQuerySet(ImmutableQuerySet):
    def of_version(self, version):
        return self.filter(version=version)


class PactVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=VersionStatus.PUBLISHED)

    def current(self):
        """The version everyone signs now: the one published last (a new version or period
        asks everyone to sign again)."""
        return self.published().order_by("-published_at", "-number").first()

    def update(self, **kwargs):
        from .models import PactVersion

        frozen = set(PactVersion.FROZEN_FIELDS) | {"status", "text_sha256"}
        if frozen & set(kwargs) and self.filter(status=VersionStatus.PUBLISHED).exists():
            _refuse(_("Teks pakta yang telah diterbitkan tidak dapat diubah."))
        return super().update(**kwargs)

    def delete(self):
        if self.filter(status=VersionStatus.PUBLISHED).exists():
            _refuse(_("Pakta yang telah diterbitkan tidak dapat dihapus."))
        return super().delete()


def signed_users(version):
    """Users who signed ``version`` (a subquery)."""
    from .models import Signature

    return Signature.objects.filter(version=version).values("user")


def completion_rows(version, satkers=None, *, subtree=None) -> list[dict]:
    """One query: per satker with active members, ``active`` employees (distinct people with
    an active membership) and how many of them signed ``version``. A satker's completion is
    signed / active employees (integrity-zone.md "Integrity pact"); who still has to sign is
    computed from current membership, so a pending pact follows a person who moves."""
    from prima.organisations.models import Membership

    from .models import Signature

    memberships = Membership.objects.active()
    if satkers is not None:
        memberships = memberships.filter(satker__in=satkers)
    if subtree is not None:
        memberships = memberships.filter(subtree_q(subtree, field="satker"))
    signed = (Exists(Signature.objects.filter(version=version, user=OuterRef("user")))
              if version is not None else Value(False, output_field=BooleanField()))
    return list(memberships.annotate(has_signed=signed).values(
        "satker_id", "satker__code", "satker__name").annotate(
        active=Count("user", distinct=True),
        signed=Count("user", distinct=True, filter=Q(has_signed=True)),
    ).order_by("satker__code"))
