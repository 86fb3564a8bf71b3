"""Helpers the officer's views share: the satkers a person serves, masked requester data,
objection slugs, private file responses and safe return addresses."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from prima.organisations.policies import Purpose, has_any_scope, satkers_for

from ..masking import mask_address, mask_email, mask_nik, mask_phone
from ..numbers import number_to_slug


def information_satkers(user, *, write=False):
    return satkers_for(user, Purpose.INFORMATION, write=write)


def information_satkers_or_404(user):
    """The satkers whose requests ``user`` reads; a person who serves none gets a 404."""
    if not has_any_scope(user, Purpose.INFORMATION):
        raise Http404(_("Halaman ini hanya untuk petugas informasi."))
    return information_satkers(user)


def requester_name(name: str, visible: bool) -> str:
    """The requester's name for staff lists: in full for PPID staff, initials for others."""
    if visible:
        return name
    return " ".join(f"{part[0]}***" for part in name.split() if part)


def personal(information_request, visible: bool) -> dict:
    """The requester's personal data, in full for PPID staff (UU 27/2022), else masked."""
    r = information_request
    # An objection without a request (ground b) carries the identity itself, without a NIK.
    nik = getattr(r, "nik", "")
    if visible:
        return {"nik": nik, "address": r.address, "phone": r.phone, "email": r.email}
    return {"nik": mask_nik(nik), "address": mask_address(r.address),
            "phone": mask_phone(r.phone), "email": mask_email(r.email)}


def with_slug(objection):
    objection.slug = number_to_slug(objection.number)
    return objection


def file_response(field_file, *, filename, content_type) -> FileResponse:
    """A stored file as a private, never cached download."""
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("Berkas tidak tersedia.")) from exc
    response = FileResponse(handle, as_attachment=True, filename=filename,
                            content_type=content_type or "application/octet-stream")
    patch_cache_control(response, private=True, no_store=True)
    return response


def safe_next(request) -> str:
    """The ``next`` address of the request when it stays on this site, else ``""``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return ""


NUL = "\x00"


def search_text(value, limit: int = 100) -> str:
    """Words typed in a search box: one line, at most ``limit`` characters, without NUL
    (PostgreSQL refuses it in a query, and no text holds it)."""
    return " ".join(str(value or "").replace(NUL, " ").split())[:limit]


def lookup_value(value) -> str:
    """A code from an address or a query string for an exact lookup; one with a NUL character
    (never part of a code, and refused by PostgreSQL) becomes ``""`` and matches nothing."""
    value = str(value or "").strip()
    return "" if NUL in value else value
