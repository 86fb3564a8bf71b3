"""The Daftar Informasi Publik (UU 14/2008 Pasal 9-11 and 17): one line per piece of
information the satker holds, with its class, owner and where it is."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from prima.core import audit

from ..choices import AuditAction, InformationClass
from ..models import InformationListEntry
from .common import Errors, clean_text, full_clean, require_satker_staff

INFORMATION_LIST_FIELDS = ("title", "summary", "information_class", "owner", "responsible",
                           "format", "year", "retention", "document", "url", "location",
                           "consequence_test", "is_published")


@transaction.atomic
def save_information_list_entry(*, satker, actor, entry=None, **fields) -> InformationListEntry:
    """Create or update one line of the Daftar Informasi Publik."""
    require_satker_staff(actor, satker)
    unknown = set(fields) - set(INFORMATION_LIST_FIELDS)
    if unknown:
        raise TypeError(f"Unknown information list fields: {sorted(unknown)}")
    if entry is not None:
        entry = InformationListEntry.objects.select_for_update(of=("self",)).get(pk=entry.pk)
        if entry.satker_id != satker.pk:
            raise PermissionDenied(_("Entri ini bukan milik satker tersebut."))
    before = audit.snapshot(entry) if entry is not None else {}
    entry = entry or InformationListEntry(satker=satker)
    for name, value in fields.items():
        setattr(entry, name, clean_text(value) if isinstance(value, str) else value)
    errors = Errors()
    if entry.consequence_test is not None and entry.consequence_test.satker_id != satker.pk:
        errors.add("consequence_test", _("Uji konsekuensi harus milik satker ini."))
    elif entry.information_class == InformationClass.EXEMPT and entry.consequence_test is None:
        # Pasal 17 jo. 19: information is exempt only after a consequence test.
        errors.add("consequence_test", _("Informasi yang dikecualikan wajib didasarkan pada uji "
                                         "konsekuensi."))
    if entry.document is not None and entry.document.satker_id != satker.pk:
        errors.add("document", _("Dokumen harus milik satker ini."))
    errors.raise_if_any()
    full_clean(entry)
    entry.save()
    audit.record(entry, actor=actor, before=before,
                 action=(AuditAction.DIP_ENTRY_UPDATED if before
                         else AuditAction.DIP_ENTRY_CREATED))
    return entry


@transaction.atomic
def delete_information_list_entry(*, entry, actor) -> InformationListEntry:
    """Remove one line of the Daftar Informasi Publik (the audit trail keeps its last state)."""
    require_satker_staff(actor, entry.satker)
    before = audit.snapshot(entry)
    pk = entry.pk
    audit.record(entry, actor=actor, action=AuditAction.DIP_ENTRY_DELETED, before=before,
                 after={})
    entry.delete()
    entry.pk = pk
    return entry
