from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    PUBLISHED = "published", _("Diterbitkan")


class SignatureMethod(models.TextChoices):
    # integrity-zone.md "Integrity pact": click-through with re-authentication (the only method
    # implemented; an uploaded signed scan would be a second value).
    CLICK_THROUGH = "click", _("Persetujuan daring dengan kata sandi")


class Target(models.TextChoices):
    """The predicates a unit builds towards (integrity-zone.md: WBK first, then WBBM)."""

    WBK = "wbk", _("Menuju WBK")
    WBBM = "wbbm", _("Menuju WBBM")


class UnitStatus(models.TextChoices):
    """Stages 3–6 of integrity-zone.md for one unit and year."""

    BUILDING = "building", _("Pembangunan")
    INTERNAL = "internal", _("Penilaian internal (TPI)")
    PROPOSED = "proposed", _("Diusulkan ke TPN")
    AWARDED = "awarded", _("Predikat diraih")
    NOT_AWARDED = "not_awarded", _("Predikat belum diraih")
    REVOKED = "revoked", _("Predikat dicabut")


# Moves allowed between unit statuses (integrity-zone.md stages 3–6): build, assess internally,
# propose to the national team, predicate set (or not) by the minister, monitoring may revoke.
UNIT_MOVES = {
    UnitStatus.BUILDING: (UnitStatus.INTERNAL,),
    UnitStatus.INTERNAL: (UnitStatus.BUILDING, UnitStatus.PROPOSED),
    UnitStatus.PROPOSED: (UnitStatus.AWARDED, UnitStatus.NOT_AWARDED),
    UnitStatus.AWARDED: (UnitStatus.REVOKED,),
    UnitStatus.NOT_AWARDED: (UnitStatus.BUILDING,),
    UnitStatus.REVOKED: (UnitStatus.BUILDING,),
}


class AuditAction(models.TextChoices):
    """What the integrity zone records in the audit trail (``integrity.<object>_<verb>``)."""

    VERSION_CREATED = "integrity.version_created", _("Draf pakta integritas dibuat")
    VERSION_UPDATED = "integrity.version_updated", _("Draf pakta integritas diubah")
    VERSION_PUBLISHED = "integrity.version_published", _("Pakta integritas diterbitkan")
    PACT_SIGNED = "integrity.pact_signed", _("Pakta integritas ditandatangani")
    DECLARATION_CREATED = "integrity.declaration_created", _("Pencanangan zona integritas dicatat")
    DECLARATION_UPDATED = "integrity.declaration_updated", _("Pencanangan zona integritas diubah")
    UNIT_CREATED = "integrity.unit_created", _("Unit pembangunan zona integritas ditambahkan")
    UNIT_STATUS_CHANGED = "integrity.unit_status_changed", _(
        "Status unit zona integritas diubah")
    ROSTER_ISSUED = "integrity.roster_issued", _("Daftar penandatangan pakta integritas dicetak")
    REMINDER_SENT = "integrity.reminder_sent", _("Pengingat pakta integritas dikirim")
