"""The integrity pact: versions drafted and published by KPU RI, signed by each employee after
re-entering their password, and the collective list printed per satker.

integrity-zone.md "Integrity pact": per employee, per period, the pact text (versioned; the
signed text fixed by its hash), who signed, when, how (click-through with re-authentication)
and from where (IP).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from prima.core import audit
from prima.core.transitions import transition

from ..choices import AuditAction, SignatureMethod, VersionStatus
from ..models import PactVersion, Roster, Signature, sha256_text
from ..policies import signing_satker
from ..querysets import completion_rows


def _clean_text(value: str) -> str:
    return (value or "").replace("\x00", "").strip()


def _check_text(*, period, title, body):
    if not title or not body:
        raise ValidationError(_("Judul dan teks pakta wajib diisi."), code="required")
    if not (2000 <= int(period) <= 2100):
        raise ValidationError(_("Periode harus tahun antara 2000 dan 2100."), code="period")


@transaction.atomic
def create_version(*, actor, period: int, title: str, body: str) -> PactVersion:
    """A new draft; its number follows the last version's."""
    title, body = _clean_text(title), _clean_text(body)
    _check_text(period=period, title=title, body=body)
    last = PactVersion.objects.select_for_update().order_by("-number").first()
    version = PactVersion.objects.create(period=period, number=(last.number + 1) if last else 1,
                                         title=title, body=body, created_by=actor)
    audit.record(version, actor=actor, action=AuditAction.VERSION_CREATED)
    return version


@transaction.atomic
def update_version(*, version: PactVersion, actor, period: int, title: str,
                   body: str) -> PactVersion:
    """Change a draft; a published text never changes."""
    locked = PactVersion.objects.select_for_update().get(pk=version.pk)
    if locked.status != VersionStatus.DRAFT:
        raise ValidationError(_("Teks pakta yang telah diterbitkan tidak dapat diubah; buat "
                                "versi baru."), code="published")
    title, body = _clean_text(title), _clean_text(body)
    _check_text(period=period, title=title, body=body)
    before = audit.snapshot(locked)
    locked.period, locked.title, locked.body = period, title, body
    locked.save()
    audit.record(locked, actor=actor, action=AuditAction.VERSION_UPDATED, before=before)
    return locked


@transaction.atomic
def publish_version(*, version: PactVersion, actor) -> PactVersion:
    """Publish a draft: its text is frozen (hash kept) and it becomes the pact everyone signs,
    so a new version or period asks everyone to sign again."""
    return transition(
        version, actor=actor, allowed_from=[VersionStatus.DRAFT], to=VersionStatus.PUBLISHED,
        action=AuditAction.VERSION_PUBLISHED,
        message=_("Versi ini sudah diterbitkan."),
        before_save=lambda v: _stamp(v, actor))


def _stamp(version: PactVersion, actor) -> None:
    version.text_sha256 = version.computed_sha256()
    version.published_at = timezone.now()
    version.published_by = actor


def sign_pact(*, user, version: PactVersion, password: str, text_sha256: str,
              ip_address: str | None = None) -> Signature:
    """``user`` signs ``version`` after re-entering their password.

    Refused, changing nothing, when the version is not the published pact in force, the
    person is no active employee, the password is wrong, the text shown is not the text in
    force, or the person already signed this version.
    """
    if version.status != VersionStatus.PUBLISHED:
        raise ValidationError(_("Versi pakta ini belum diterbitkan dan tidak dapat "
                                "ditandatangani."), code="unpublished")
    current = PactVersion.objects.current()
    if current is None or current.pk != version.pk:
        raise ValidationError(_("Versi pakta ini sudah digantikan versi yang lebih baru; "
                                "tanda tangani versi yang berlaku."), code="superseded")
    satker = signing_satker(user)
    if satker is None:
        raise ValidationError(_("Anda tidak tercatat sebagai pegawai aktif satker mana pun, "
                                "sehingga tidak memiliki pakta untuk ditandatangani."),
                              code="no_membership")
    existing = Signature.objects.filter(version=version, user=user).first()
    if existing is not None:
        raise ValidationError(
            _("Anda sudah menandatangani pakta ini pada %(when)s.")
            % {"when": date_format(timezone.localtime(existing.signed_at),
                                   "DATETIME_FORMAT")}, code="already_signed")
    # Re-authentication: the person in this session proves again who they are.
    if not password or not user.check_password(password):
        raise ValidationError(_("Kata sandi salah. Pakta belum ditandatangani."),
                              code="wrong_password")
    if text_sha256 != version.text_sha256 or version.computed_sha256() != version.text_sha256:
        raise ValidationError(_("Teks pakta yang Anda baca tidak sama dengan teks yang berlaku. "
                                "Muat ulang halaman dan baca kembali sebelum menandatangani."),
                              code="text_changed")
    membership = next((m for m in getattr(user, "_prima_memberships", [])
                       if m.satker_id == satker.pk), None)
    signature = Signature(
        version=version, user=user, satker=satker,
        signer_name=(user.full_name or user.email)[:200], signer_email=user.email,
        signer_title=(membership.title if membership else "")[:200],
        text_sha256=version.text_sha256, signed_at=timezone.now().replace(microsecond=0),
        ip_address=ip_address or None, method=SignatureMethod.CLICK_THROUGH)
    signature.digest = sha256_text(signature.canonical(satker_code=satker.code))
    try:
        with transaction.atomic():
            signature.save()
            audit.record(signature, actor=user, action=AuditAction.PACT_SIGNED, satker=satker)
    except IntegrityError as exc:  # a second tab signed at the same moment
        raise ValidationError(_("Anda sudah menandatangani pakta ini."),
                              code="already_signed") from exc
    return signature


@transaction.atomic
def issue_roster(*, satker, version: PactVersion, actor) -> Roster:
    """Fix the collective list of ``satker``'s signatures of ``version`` as it stands now:
    the current active employees who signed, each with their signature's digest."""
    from prima.organisations.models import Membership

    members = Membership.objects.active().filter(satker=satker).values("user")
    signatures = list(Signature.objects.filter(version=version, user__in=members)
                      .order_by("signer_name", "pk").values_list("pk", "digest"))
    active = completion_rows(version, [satker])
    issued_at = timezone.now().replace(microsecond=0)
    entries = [[pk, digest] for pk, digest in signatures]
    roster = Roster.objects.create(
        satker=satker, version=version, entries=entries,
        active_count=active[0]["active"] if active else 0,
        digest=Roster.digest_of(satker_code=satker.code, version_id=version.pk,
                                entries=entries, issued_at=issued_at),
        issued_by=actor, issued_at=issued_at)
    audit.record(roster, actor=actor, action=AuditAction.ROSTER_ISSUED, satker=satker)
    return roster


def pending_for(user, version: PactVersion | None) -> bool:
    """Whether ``user`` still has to sign ``version``: computed from current membership, so a
    pact not yet signed follows a person who moves to another satker."""
    if version is None or signing_satker(user) is None:
        return False
    return not Signature.objects.filter(version=version, user=user).exists()
