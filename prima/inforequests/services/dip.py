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
                           "format", "year", "retention", "document", "dataset", "url",
                           "location", "consequence_test", "is_published")


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
    if entry.dataset is not None and entry.dataset.satker_id != satker.pk:
        errors.add("dataset", _("Dataset harus milik satker ini."))
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


def catalog_candidates(satker) -> tuple[list, list]:
    """The satker's published datasets and public decrees (SK) not yet in its DIP."""
    from prima.catalog.models import Dataset
    from prima.organisations.choices import DocumentKind
    from prima.organisations.models import Document

    linked = InformationListEntry.objects.filter(satker=satker)
    datasets = list(Dataset.objects.published().filter(satker=satker)
                    .exclude(pk__in=linked.exclude(dataset=None).values("dataset"))
                    .order_by("title"))
    documents = list(Document.objects.filter(satker=satker, is_public=True,
                                             kind=DocumentKind.DECREE)
                     .exclude(pk__in=linked.exclude(document=None).values("document"))
                     .order_by("-date", "-id"))
    return datasets, documents


@transaction.atomic
def add_catalog_records(*, satker, actor) -> list[InformationListEntry]:
    """Add every published dataset and public SK of the satker to its DIP in one step, as
    records (UU 14/2008 Pasal 11(1): decisions of the body and information available at any
    time); lines already linked are skipped. Returns the new lines."""
    require_satker_staff(actor, satker)
    datasets, documents = catalog_candidates(satker)
    created = []
    for dataset in datasets:
        year = (dataset.temporal_end or dataset.published_at or dataset.created_at).year
        created.append(InformationListEntry(
            satker=satker, title=dataset.title[:300], summary=dataset.description,
            information_class=InformationClass.ON_REQUEST,
            owner=dataset.contact_name or satker.name, format=_("Dataset (data terbuka)"),
            year=year, dataset=dataset))
    for document in documents:
        created.append(InformationListEntry(
            satker=satker, title=f"{document.get_kind_display()} {document.number}"[:300],
            summary=document.subject, information_class=InformationClass.ON_REQUEST,
            owner=satker.name, format=_("Dokumen"), year=document.date.year,
            document=document))
    for entry in created:
        entry.save()
        audit.record(entry, actor=actor, action=AuditAction.DIP_ENTRY_CREATED)
    return created
