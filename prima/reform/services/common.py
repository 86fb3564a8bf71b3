"""Helpers shared by the reform services: permission and input checks with Indonesian messages,
and the conflict message of optimistic concurrency."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from prima.organisations.choices import DocumentKind
from prima.organisations.models import Document, Satker

from ..achievement import to_decimal

# Lock only the row itself: PostgreSQL refuses FOR UPDATE on the nullable side of a join.
SELF = ("self",)
MAX_NUMBER = Decimal("999999999999.9999")


def require(allowed: bool) -> None:
    """Refuse (``PermissionDenied``) unless the policy allowed the actor."""
    if not allowed:
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))


def clean_text(value, field: str, label: str, *, required: bool = True,
               max_length: int = 300) -> str:
    text = (value or "").strip() if isinstance(value, str | type(None)) else str(value).strip()
    if required and not text:
        raise ValidationError({field: _("%(label)s wajib diisi.") % {"label": label}},
                              code="required")
    if len(text) > max_length:
        raise ValidationError(
            {field: _("%(label)s paling banyak %(n)s karakter.") % {"label": label,
                                                                   "n": max_length}},
            code="max_length")
    return text


def clean_number(value, field: str, label: str, *, required: bool = False,
                 minimum: Decimal | None = Decimal(0)) -> Decimal | None:
    try:
        number = to_decimal(value.strip().replace(",", ".") if isinstance(value, str) else value)
    except ValueError:
        raise ValidationError({field: _("%(label)s harus berupa angka.") % {"label": label}},
                              code="invalid") from None
    if number is None:
        if required:
            raise ValidationError({field: _("%(label)s wajib diisi.") % {"label": label}},
                                  code="required")
        return None
    if not number.is_finite() or abs(number) > MAX_NUMBER:
        raise ValidationError({field: _("%(label)s di luar batas angka yang diterima.")
                               % {"label": label}}, code="invalid")
    if minimum is not None and number < minimum:
        raise ValidationError({field: _("%(label)s tidak boleh kurang dari %(min)s.")
                               % {"label": label, "min": minimum}}, code="min_value")
    return number


def check_decree(decree, satker: Satker, field: str = "decree") -> Document:
    """A decree (SK) registered among the satker's own documents."""
    if not isinstance(decree, Document) or decree.kind != DocumentKind.DECREE \
            or decree.satker_id != satker.pk:
        raise ValidationError(
            {field: _("Pilih Surat Keputusan (SK) yang terdaftar di dokumen %(satker)s.")
             % {"satker": satker.name}}, code="invalid_decree")
    return decree


def _local_time(moment, satker) -> str:
    zone = ZoneInfo(getattr(satker, "timezone", None) or "Asia/Jakarta")
    return timezone.localtime(moment, zone).strftime("%d-%m-%Y %H:%M")


def conflict_error(kind_label: str, who, when, satker) -> ValidationError:
    """Someone saved in between: name them and the time (in the satker's time zone)."""
    name = getattr(who, "full_name", "") or str(who or _("pengguna lain"))
    return ValidationError(
        _("%(kind)s ini telah diubah oleh %(name)s pada %(time)s. Muat ulang halaman untuk "
          "melihat perubahan terbaru, lalu ulangi isian Anda.")
        % {"kind": kind_label, "name": name, "time": _local_time(when, satker)},
        code="conflict")


def apply_changes(obj, data: dict, allowed: Iterable[str]) -> list[str]:
    """Set ``data`` on ``obj``; the names of the fields whose value changed."""
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Fields not editable here: {sorted(unknown)}")
    changed = []
    for name, value in data.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed
