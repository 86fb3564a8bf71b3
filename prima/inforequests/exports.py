"""XLSX registers: the request register (buku register), the objection register, and the public
register without personal data.

The column lists are data (domain information-requests.md marks the register columns
UNCONFIRMED): ``REGISTER_COLUMNS`` and ``OBJECTION_REGISTER_COLUMNS`` are lists of
``(key, header)`` that ``settings.PRIMA_REGISTER_COLUMNS`` / ``PRIMA_OBJECTION_REGISTER_COLUMNS``
may replace (a bare key keeps its default header). Each key names a value function below.

Personal data (UU 27/2022): NIK, address, phone and email appear in full only for the satker's
PPID staff (``policies.can_see_personal_data``); others get masked values; the public register
has no column about the requester at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prima.core.spreadsheets import Column as SheetColumn
from prima.core.spreadsheets import xlsx_response

from . import masking, policies
from .choices import EXEMPTING_DECISIONS, Decision, ObjectionGround
from .models import InformationRequest

Column = tuple[str, object]

REGISTER_COLUMNS: list[Column] = [
    ("no", gettext_lazy("No.")),
    ("number", gettext_lazy("Nomor pendaftaran")),
    ("date", gettext_lazy("Tanggal permohonan")),
    ("channel", gettext_lazy("Saluran")),
    ("name", gettext_lazy("Nama pemohon")),
    ("address", gettext_lazy("Alamat")),
    ("contact", gettext_lazy("Nomor telepon/email")),
    ("occupation", gettext_lazy("Pekerjaan")),
    ("information_requested", gettext_lazy("Rincian informasi yang dibutuhkan")),
    ("purpose", gettext_lazy("Tujuan penggunaan informasi")),
    ("information_status", gettext_lazy(
        "Status informasi (dikuasai / tidak dikuasai / belum didokumentasikan)")),
    ("copy_form", gettext_lazy("Bentuk informasi (soft copy / hard copy)")),
    ("obtain_method", gettext_lazy("Jenis permohonan (melihat / meminta salinan)")),
    ("decision", gettext_lazy("Keputusan (diberikan seluruhnya / sebagian / ditolak)")),
    ("refusal_reason", gettext_lazy("Alasan penolakan")),
    ("notice_date", gettext_lazy("Tanggal pemberitahuan tertulis")),
    ("delivery_date", gettext_lazy("Tanggal penyerahan informasi")),
    ("costs", gettext_lazy("Biaya")),
    ("remarks", gettext_lazy("Keterangan")),
]

# The public register: the request and its handling, nothing about the requester.
PUBLIC_REGISTER_COLUMNS: list[Column] = [
    ("no", gettext_lazy("No.")),
    ("number", gettext_lazy("Nomor pendaftaran")),
    ("satker", gettext_lazy("Satuan kerja")),
    ("date", gettext_lazy("Tanggal permohonan")),
    ("channel", gettext_lazy("Saluran")),
    ("requester_kind", gettext_lazy("Jenis pemohon")),
    ("information_requested", gettext_lazy("Rincian informasi yang dibutuhkan")),
    ("status", gettext_lazy("Status permohonan")),
    ("information_status", gettext_lazy("Status informasi")),
    ("decision", gettext_lazy("Keputusan")),
    ("refusal_reason", gettext_lazy("Alasan penolakan")),
    ("notice_date", gettext_lazy("Tanggal pemberitahuan tertulis")),
    ("delivery_date", gettext_lazy("Tanggal penyerahan informasi")),
]
PERSONAL_KEYS = frozenset({"name", "nik", "address", "contact", "phone", "email", "occupation",
                           "entity_number", "purpose", "remarks"})

PUBLIC_FIELDS = ("number", "year", "received_at", "received_on", "due_date", "channel",
                 "requester_kind", "information_requested", "status", "decision",
                 "delivered_at", "satker__code", "satker__name", "notice__issued_at",
                 "notice__exemption", "notice__decision")

OBJECTION_REGISTER_COLUMNS: list[Column] = [
    ("no", gettext_lazy("No.")),
    ("number", gettext_lazy("Nomor registrasi keberatan")),
    ("date", gettext_lazy("Tanggal diterima")),
    ("name", gettext_lazy("Nama pemohon")),
    ("proxy_name", gettext_lazy("Nama kuasa")),
    ("request_number", gettext_lazy("Nomor pendaftaran permohonan")),
    ("information_requested", gettext_lazy("Informasi yang diminta")),
    ("purpose", gettext_lazy("Tujuan penggunaan informasi")),
    ("grounds", gettext_lazy("Alasan keberatan")),
    ("due_date", gettext_lazy("Batas waktu tanggapan")),
    ("outcome", gettext_lazy("Keputusan atasan PPID")),
    ("decided_date", gettext_lazy("Tanggal keputusan")),
    ("decider", gettext_lazy("Nama dan jabatan atasan PPID")),
    ("requester_response", gettext_lazy("Tanggapan pemohon")),
]


@dataclass(frozen=True)
class RowContext:
    user: object
    show_personal: Callable[[InformationRequest], bool]


def _local_date(moment):
    return timezone.localtime(moment).date() if moment else None


def _notice(request):
    try:
        return request.notice
    except InformationRequest.notice.RelatedObjectDoesNotExist:
        return None


def _information_status(request, ctx):
    if request.decision == Decision.NOT_HELD:
        return _("Tidak dikuasai")
    if request.decision == Decision.NOT_DOCUMENTED:
        return _("Belum didokumentasikan")
    if request.decision in (Decision.GRANTED, Decision.GRANTED_IN_PART, Decision.REFUSED):
        return _("Dikuasai")
    return ""


def _refusal_reason(request, ctx):
    notice = _notice(request)
    # The withheld part of a grant in part has its Pasal 17 reason too.
    if request.decision not in EXEMPTING_DECISIONS or notice is None or not notice.exemption:
        return ""
    return notice.get_exemption_display()


def _notice_date(request, ctx):
    notice = _notice(request)
    return _local_date(notice.issued_at) if notice else None


def _personal(value_of, mask):
    def value(request, ctx):
        raw = value_of(request)
        return raw if ctx.show_personal(request) else mask(raw)

    return value


def _contact(request, ctx):
    show = ctx.show_personal(request)
    phone = request.phone if show else masking.mask_phone(request.phone)
    email = request.email if show else masking.mask_email(request.email)
    return " / ".join(part for part in (phone, email) if part)


REQUEST_VALUES: dict[str, Callable] = {
    "number": lambda r, ctx: r.number,
    "satker": lambda r, ctx: r.satker.name,
    "date": lambda r, ctx: _local_date(r.received_at),
    "received_on": lambda r, ctx: r.received_on,
    "due_date": lambda r, ctx: r.due_date,
    "channel": lambda r, ctx: r.get_channel_display(),
    "requester_kind": lambda r, ctx: r.get_requester_kind_display(),
    "name": lambda r, ctx: r.full_name,
    "nik": _personal(lambda r: r.nik, masking.mask_nik),
    "entity_number": lambda r, ctx: r.entity_number,
    "address": _personal(lambda r: r.address, masking.mask_address),
    "phone": _personal(lambda r: r.phone, masking.mask_phone),
    "email": _personal(lambda r: r.email, masking.mask_email),
    "contact": _contact,
    "occupation": lambda r, ctx: r.occupation,
    "information_requested": lambda r, ctx: r.information_requested,
    "purpose": lambda r, ctx: r.purpose,
    "status": lambda r, ctx: r.get_status_display(),
    "information_status": _information_status,
    "copy_form": lambda r, ctx: r.get_copy_form_display() if r.copy_form else "",
    "obtain_method": lambda r, ctx: r.get_obtain_method_display(),
    "delivery_method": lambda r, ctx: (r.get_delivery_method_display()
                                       if r.delivery_method else ""),
    "decision": lambda r, ctx: r.get_decision_display() if r.decision else "",
    "refusal_reason": _refusal_reason,
    "notice_date": _notice_date,
    "delivery_date": lambda r, ctx: _local_date(r.delivered_at),
    "costs": lambda r, ctx: r.costs,
    "remarks": lambda r, ctx: r.remarks,
}

GROUND_LABELS = dict(ObjectionGround.choices)

OBJECTION_VALUES: dict[str, Callable] = {
    "number": lambda o, ctx: o.number,
    "satker": lambda o, ctx: o.satker.name,
    "date": lambda o, ctx: o.received_on,
    "name": lambda o, ctx: o.requester_name,
    "proxy_name": lambda o, ctx: o.proxy_name,
    "request_number": lambda o, ctx: o.request.number if o.request_id else "",
    "information_requested": lambda o, ctx: (o.request.information_requested if o.request_id
                                             else ""),
    "purpose": lambda o, ctx: o.request.purpose if o.request_id else "",
    "grounds": lambda o, ctx: "; ".join(
        f"{g}. {GROUND_LABELS.get(g, g)}" for g in (o.grounds or [])),
    "case_description": lambda o, ctx: o.case_description,
    "due_date": lambda o, ctx: o.due_date,
    "status": lambda o, ctx: o.get_status_display(),
    "outcome": lambda o, ctx: o.get_outcome_display() if o.outcome else "",
    "decided_date": lambda o, ctx: _local_date(o.decided_at),
    "decider": lambda o, ctx: ", ".join(p for p in (o.decider_name, o.decider_title) if p),
    "response": lambda o, ctx: o.response,
    "requester_response": lambda o, ctx: o.requester_response,
}


def resolve_columns(setting_name: str, default: list[Column], values: dict) -> list[Column]:
    """The configured columns: ``(key, header)`` pairs or bare keys (default header)."""
    configured = getattr(settings, setting_name, None) or default
    headers = dict(default)
    columns: list[Column] = []
    for entry in configured:
        key, header = (entry, headers.get(entry, entry)) if isinstance(entry, str) else entry
        if key != "no" and key not in values:
            raise ImproperlyConfigured(f"{setting_name}: unknown column {key!r}.")
        columns.append((key, header))
    return columns


def register_columns() -> list[Column]:
    return resolve_columns("PRIMA_REGISTER_COLUMNS", REGISTER_COLUMNS, REQUEST_VALUES)


def objection_register_columns() -> list[Column]:
    return resolve_columns("PRIMA_OBJECTION_REGISTER_COLUMNS", OBJECTION_REGISTER_COLUMNS,
                           OBJECTION_VALUES)


def _rows(objects: Iterable, columns: list[Column], values: dict, ctx: RowContext) -> Iterator:
    for index, obj in enumerate(objects, start=1):
        yield [index if key == "no" else values[key](obj, ctx) for key, _header in columns]


# How each column's values are typed and how wide it is (characters); text of width 18 else.
COLUMN_FORMATS: dict[str, tuple[str, int]] = {
    "no": ("integer", 6), "number": ("text", 24), "request_number": ("text", 24),
    "satker": ("text", 28), "date": ("date", 13), "received_on": ("date", 13),
    "due_date": ("date", 13), "notice_date": ("date", 13), "delivery_date": ("date", 13),
    "decided_date": ("date", 13), "costs": ("money", 14), "name": ("text", 24),
    "address": ("text", 32), "contact": ("text", 30), "information_requested": ("text", 48),
    "purpose": ("text", 36), "grounds": ("text", 40), "case_description": ("text", 40),
    "decision": ("text", 24), "outcome": ("text", 24), "refusal_reason": ("text", 36),
    "remarks": ("text", 30), "response": ("text", 40), "requester_response": ("text", 30),
    "decider": ("text", 30),
}


def _headers(columns) -> list[SheetColumn]:
    return [SheetColumn(str(header), *COLUMN_FORMATS.get(key, ("text", 18)))
            for key, header in columns]


def _register_queryset(requests: QuerySet) -> QuerySet:
    return requests.select_related("satker", "notice").order_by("received_at", "id")


def register_response(*, requests: QuerySet, user, filename: str):
    """The request register for staff; personal data in full only where the user may see it."""
    columns = register_columns()
    ctx = RowContext(user=user, show_personal=lambda r: policies.can_see_personal_data(user, r))
    rows = _rows(_register_queryset(requests).iterator(chunk_size=500), columns,
                 REQUEST_VALUES, ctx)
    return xlsx_response(filename, _headers(columns), rows, title=_("Register permohonan"))


def public_register_response(*, requests: QuerySet, filename: str):
    """The published requests without any data about the requester."""
    columns = [(k, h) for k, h in PUBLIC_REGISTER_COLUMNS if k not in PERSONAL_KEYS]
    ctx = RowContext(user=None, show_personal=lambda r: False)
    # Only public fields are loaded: the requester's data never leaves the database.
    queryset = _register_queryset(requests.filter(is_published=True)).only(*PUBLIC_FIELDS)
    rows = _rows(queryset.iterator(chunk_size=500), columns, REQUEST_VALUES, ctx)
    return xlsx_response(filename, _headers(columns), rows, title=_("Register publik"))


def objection_register_response(*, objections: QuerySet, user, filename: str):
    columns = objection_register_columns()
    ctx = RowContext(user=user, show_personal=lambda o: False)
    queryset = (objections.select_related("satker", "request")
                .order_by("filed_at", "id").iterator(chunk_size=500))
    rows = _rows(queryset, columns, OBJECTION_VALUES, ctx)
    return xlsx_response(filename, _headers(columns), rows, title=_("Register keberatan"))

