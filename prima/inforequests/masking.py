"""Masking of personal data (UU 27/2022): NIK, phone and address are shown in full only to the
satker's PPID staff (see ``policies.can_see_personal_data``)."""

from __future__ import annotations

MASK = "*"


def mask_nik(nik: str) -> str:
    """``3320011234561234`` → ``3320********1234`` (region code and last four stay)."""
    nik = (nik or "").strip()
    if not nik:
        return ""
    if len(nik) <= 8:
        return MASK * len(nik)
    return nik[:4] + MASK * (len(nik) - 8) + nik[-4:]


def mask_phone(phone: str) -> str:
    """``081234567890`` → ``0812******90``: the operator prefix and last two digits stay."""
    phone = (phone or "").strip()
    if not phone:
        return ""
    if len(phone) <= 6:
        return MASK * len(phone)
    return phone[:4] + MASK * (len(phone) - 6) + phone[-2:]


def mask_address(address: str) -> str:
    """Only the last part of an address (usually the regency or city) stays visible.

    ``Jl. Kartini No. 5, Kauman, Jepara`` → ``***, Jepara``.
    """
    address = " ".join((address or "").split())
    if not address:
        return ""
    parts = [p.strip() for p in address.split(",") if p.strip()]
    if len(parts) < 2:
        return MASK * 3
    return f"{MASK * 3}, {parts[-1]}"


def mask_email(email: str) -> str:
    """``budi.santoso@mail.id`` → ``b***@mail.id``."""
    email = (email or "").strip()
    if "@" not in email:
        return MASK * 3 if email else ""
    local, domain = email.split("@", 1)
    return f"{local[:1]}{MASK * 3}@{domain}"
