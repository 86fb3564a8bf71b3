"""Shared evidence: records a satker may cite as evidence, whichever app keeps them.

A reform report cites a decree (SK), a published dataset or a socialisation event; a
self-assessment answer will cite an SOP or a survey report. Each app that keeps citable records
declares an ``EvidenceSource`` in its ``capability.py`` (``Capability(evidence=(...))``); this
module lists, checks, stores and describes citations without knowing any app:

- ``EvidenceRef(kind, pk)``: the stable reference to a record (``"document:12"``), safe to store;
- ``citable(kind, satker=..., user=..., query=..., page=...)``: a page of the records the satker
  may cite, searched;
- ``check_citable(ref, satker=..., user=...)``: the record, or a ``ValidationError`` when it is
  not the satker's to cite or the person may not see it;
- ``describe(refs, user=...)``: title, staff and public links, in one query per kind;
- ``EvidenceField``: a form field (kind, then record) that validates all of this server-side;
- ``EvidenceLink`` (``prima.core.models``) with ``link_evidence``/``unlink_evidence``: a generic
  table an app may use to attach citations to any of its records, audited.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit
from .choices import AuditAction
from .registry import registry

PAGE_SIZE = 20


@dataclass(frozen=True)
class EvidenceSource:
    """A kind of record a satker may cite as evidence, declared by the app that keeps it.

    ``records(satker)`` is the queryset of records the satker may cite (its own, public ones,
    events it attended...), ordered for display; ``search(queryset, text)`` narrows it;
    ``visible_to(user, record)`` says whether the person may see that record; ``staff_url`` and
    ``public_url`` link to it ("" when there is no such page).
    """

    key: str
    label: str
    model: str  # "app_label.ModelName"
    records: Callable[[Any], models.QuerySet]
    title: Callable[[Any], str]
    staff_url: Callable[[Any], str]
    visible_to: Callable[[Any, Any], bool]
    public_url: Callable[[Any], str] = lambda record: ""
    search: Callable[[models.QuerySet, str], models.QuerySet] | None = None
    related: tuple[str, ...] = ()  # select_related when describing stored references
    order: int = 100

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)


@dataclass(frozen=True)
class EvidenceRef:
    """A stable reference to a cited record: its source's key and its primary key."""

    kind: str
    pk: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.pk}"

    @classmethod
    def parse(cls, value: str) -> EvidenceRef | None:
        kind, sep, pk = (value or "").partition(":")
        return cls(kind, pk) if sep and kind and pk else None

    @classmethod
    def of(cls, source_key: str, record) -> EvidenceRef:
        return cls(source_key, str(record.pk))


@dataclass(frozen=True)
class Cited:
    """What a citation shows: the record's title and links, or that it is gone or hidden."""

    ref: EvidenceRef
    label: str  # the source's label ("Dokumen satker")
    title: str
    staff_url: str = ""
    public_url: str = ""
    record: Any = None
    available: bool = True


def sources() -> list[EvidenceSource]:
    return registry.evidence_sources()


def source(kind: str) -> EvidenceSource | None:
    return next((s for s in sources() if s.key == kind), None)


def kind_choices() -> list[tuple[str, str]]:
    return [(s.key, s.label) for s in sources()]


def _records(src: EvidenceSource, satker, query: str = "") -> models.QuerySet:
    records = src.records(satker)
    query = " ".join((query or "").split())[:100]
    if query and src.search is not None:
        records = src.search(records, query)
    return records


def citable(kind: str, *, satker, user, query: str = "", page=1) -> Page:
    """A page of the records of ``kind`` that ``satker`` may cite and ``user`` may see."""
    src = source(kind)
    if src is None:
        raise ValidationError(_("Jenis data dukung tidak dikenal."), code="unknown_kind")
    result = Paginator(_records(src, satker, query), PAGE_SIZE).get_page(page)
    result.object_list = [r for r in result.object_list if src.visible_to(user, r)]
    return result


def check_citable(ref: EvidenceRef | None, *, satker, user):
    """The record ``ref`` points to, when ``satker`` may cite it and ``user`` may see it."""
    src = source(ref.kind) if ref else None
    if src is None:
        raise ValidationError(_("Pilih jenis data dukung yang tersedia."), code="unknown_kind")
    try:
        record = src.records(satker).filter(pk=ref.pk).first()
    except (ValueError, TypeError, ValidationError):
        record = None
    if record is None or not src.visible_to(user, record):
        raise ValidationError(
            _("Data yang dipilih tidak ditemukan di antara data yang dapat dikutip %(satker)s.")
            % {"satker": satker.name}, code="not_citable")
    return record


def describe(refs: Iterable[EvidenceRef], *, user=None) -> dict[EvidenceRef, Cited]:
    """Title and links of each reference, one query per kind; a record the person may not
    see (or that no longer exists) is described as unavailable."""
    by_kind: dict[str, list[EvidenceRef]] = defaultdict(list)
    for ref in refs:
        by_kind[ref.kind].append(ref)
    result = {}
    for kind, kind_refs in by_kind.items():
        src = source(kind)
        records = {}
        if src is not None:
            try:
                records = {str(r.pk): r for r in src.model_class._default_manager
                           .select_related(*src.related)
                           .filter(pk__in=[ref.pk for ref in kind_refs])}
            except (ValueError, TypeError, ValidationError):  # a malformed stored key
                records = {}
        for ref in kind_refs:
            record = records.get(ref.pk)
            if record is None or (user is not None and not src.visible_to(user, record)):
                result[ref] = Cited(ref, str(src.label) if src else kind,
                                    _("Data tidak tersedia"), available=False)
            else:
                result[ref] = Cited(ref, str(src.label), src.title(record),
                                    src.staff_url(record), src.public_url(record), record)
    return result


# --- the generic link table ---------------------------------------------------------------------


@transaction.atomic
def link_evidence(*, owner: models.Model, satker, ref: EvidenceRef, actor, title: str = ""):
    """Cite the record ``ref`` as evidence for ``owner`` (checked: the satker's to cite, visible
    to ``actor``), audited; citing the same record twice is refused."""
    from .models import EvidenceLink

    record = check_citable(ref, satker=satker, user=actor)
    title = " ".join((title or "").split()) or source(ref.kind).title(record)
    link = EvidenceLink(owner_type=ContentType.objects.get_for_model(owner),
                        owner_id=str(owner.pk), satker=satker, kind=ref.kind,
                        record_id=ref.pk, title=title[:300], added_by=actor)
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError as exc:
        raise ValidationError(_("Data ini sudah menjadi data dukung."), code="duplicate") from exc
    audit.record(link, actor=actor, action=AuditAction.EVIDENCE_LINKED, satker=satker)
    return link


@transaction.atomic
def unlink_evidence(*, link, actor) -> None:
    before = audit.snapshot(link)
    audit.record(link, actor=actor, action=AuditAction.EVIDENCE_UNLINKED, before=before,
                 after={}, satker=link.satker_id)
    link.delete()


def links_of(owner: models.Model, *, user=None) -> list[tuple[Any, Cited]]:
    """``(link, cited)`` pairs of ``owner``'s evidence, oldest first (bounded queries)."""
    from .models import EvidenceLink

    links = list(EvidenceLink.objects.filter(
        owner_type=ContentType.objects.get_for_model(owner), owner_id=str(owner.pk))
        .order_by("created_at", "pk"))
    cited = describe([link.ref for link in links], user=user)
    return [(link, cited[link.ref]) for link in links]


def citations_of(ref: EvidenceRef) -> models.QuerySet:
    """Links citing ``ref`` (e.g. to refuse deleting a record that serves as evidence)."""
    from .models import EvidenceLink

    return EvidenceLink.objects.filter(kind=ref.kind, record_id=ref.pk)


# --- the form field -----------------------------------------------------------------------------


class EvidenceWidget(forms.MultiWidget):
    """A kind select, a search box and a record select; with htmx, choosing a kind or typing
    reloads the record options from ``core:evidence-records`` (the satker in ``data-satker``)."""

    template_name = "core/widgets/evidence.html"

    def __init__(self, attrs=None):
        super().__init__([forms.Select(), forms.TextInput(), forms.Select()], attrs)
        self.satker_code = ""

    def decompress(self, value):
        ref = EvidenceRef.parse(str(value)) if value else None
        return [ref.kind, "", ref.pk] if ref else ["", "", ""]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        kind, search, record = context["widget"]["subwidgets"]
        options = (f"{reverse('core:evidence-records')}?"
                   f"{urlencode({'satker': self.satker_code, 'field': name})}")
        reload = {"hx-get": options, "hx-target": f"#{record['attrs'].get('id', '')}",
                  "hx-include": "closest .evidence-picker"}
        kind["attrs"].update(reload, **{"hx-trigger": "change",
                                        "aria-label": _("Jenis data dukung")})
        search["attrs"].update(reload, **{"hx-trigger": "input changed delay:300ms, search"})
        record["attrs"]["aria-label"] = _("Data dukung")
        context["widget"]["satker_code"] = self.satker_code
        return context


class EvidenceField(forms.MultiValueField):
    """Choose a kind, then one of the satker's citable records of that kind; ``clean`` returns
    an ``EvidenceRef`` once ``check_citable`` accepts it (``field.record`` is the record)."""

    widget = EvidenceWidget
    default_error_messages = {
        "incomplete": gettext_lazy("Pilih jenis data dukung, lalu datanya."),
    }

    def __init__(self, *, satker=None, user=None, kinds: Iterable[str] | None = None, **kwargs):
        self.satker, self.user = satker, user
        allowed = [(k, label) for k, label in kind_choices() if kinds is None or k in kinds]
        fields = (forms.ChoiceField(choices=allowed), forms.CharField(required=False),
                  forms.CharField(max_length=64))
        kwargs.setdefault("label", gettext_lazy("Data dukung"))
        super().__init__(fields, require_all_fields=False, **kwargs)
        self.widget.widgets[0].choices = [("", _("— pilih jenis —")), *allowed]
        self.widget.widgets[1].attrs.update({"placeholder": _("Cari…"), "type": "search",
                                             "aria-label": _("Cari data dukung")})
        self.widget.satker_code = getattr(satker, "code", "")
        self.record = None
        first = allowed[0][0] if allowed else ""
        self.set_records(first)

    def set_records(self, kind: str, query: str = "") -> None:
        """Offer the first page of ``kind``'s citable records in the record select."""
        options = [("", _("— pilih data —"))]
        if kind and self.satker is not None and source(kind) is not None:
            src = source(kind)
            page = citable(kind, satker=self.satker, user=self.user, query=query)
            options += [(str(r.pk), src.title(r)) for r in page.object_list]
        self.widget.widgets[2].choices = options

    def compress(self, data_list):
        if not data_list or not data_list[0] or not data_list[2]:
            return None
        return EvidenceRef(data_list[0], str(data_list[2]).strip())

    def clean(self, value):
        if value and value[0]:
            self.set_records(value[0], value[1] if len(value) > 1 else "")
        ref = super().clean(value)
        if ref is None:
            return None
        self.record = check_citable(ref, satker=self.satker, user=self.user)
        return ref
