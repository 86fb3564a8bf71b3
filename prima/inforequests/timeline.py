"""The request's timeline as the reader sees it: dates in the reader's language (Django's
``date`` formats with translations, never hand-written month names) and the entries Prima
wrote itself rendered again from their data in the active language; free text typed by a
person (a clarification, a reason) is shown as written."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.utils import dateformat
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .choices import Channel, Decision, EventKind, HandoverMethod, ObjectionOutcome

# ``get_channel_display`` makes its dict from the choices again on every call.
_CHANNEL_LABELS = dict(Channel.choices)


def long_date(day) -> str:
    """``Kamis, 17 Desember 2026`` / ``Thursday, 17 December 2026``."""
    if not day:
        return ""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return _long_date(get_language(), day)


@lru_cache(maxsize=4096)
def _long_date(language: str, day) -> str:
    # ``formats.date_format`` without its search of the locale's format modules for a format
    # named "l, j F Y" (none is: a literal format is used as it is); the names of the day and
    # month come from Django's catalogue of ``language``.
    return dateformat.format(day, "l, j F Y")


def due_rule(ir) -> str:
    """The request's deadline rule: as stored (Indonesian, as it was computed) or, in another
    language, the same rule rebuilt with the reader's dates."""
    from .deadlines import ANSWER_WORKING_DAYS

    if get_language() == "id" or not ir.due_rule:
        return ir.due_rule
    rule = (_("Hari ke-0: %(day0)s; %(n)s hari kerja (UU 14/2008 Pasal 22 ayat (7)); jatuh "
              "tempo %(due)s.") % {"day0": long_date(ir.received_on), "n": ANSWER_WORKING_DAYS,
                                   "due": long_date(ir.due_date)})
    if ir.is_extended:
        rule += " " + (_("Diperpanjang %(days)s hari kerja (UU 14/2008 Pasal 22 ayat (8)).")
                       % {"days": ir.extension_days})
    return rule


def objection_due_rule(objection) -> str:
    from .deadlines import OBJECTION_ANSWER_DAYS

    if get_language() == "id" or not objection.due_rule:
        return objection.due_rule
    return (_("Hari ke-0: %(day0)s; %(n)s hari kerja (UU 14/2008 Pasal 36 ayat (2)); jatuh "
              "tempo %(due)s.") % {"day0": long_date(objection.received_on),
                                   "n": OBJECTION_ANSWER_DAYS,
                                   "due": long_date(objection.due_date)})


def _registered(event, ir, objections):
    due = event.data.get("due_date")
    if not due:
        return None
    return (_("Permohonan diterima melalui %(channel)s dan dicatat dengan nomor %(number)s. "
              "Batas waktu pemberitahuan tertulis: %(due)s.")
            % {"channel": str(_CHANNEL_LABELS.get(ir.channel, ir.channel)), "number": ir.number,
               "due": long_date(due)})


def _extended(event, ir, objections):
    if not event.data.get("due_date"):
        return None
    return (_("Jangka waktu diperpanjang %(days)s hari kerja hingga %(due)s. Alasan: "
              "%(reasons)s") % {"days": event.data.get("days"),
                                "due": long_date(event.data["due_date"]),
                                "reasons": ir.extension_reasons})


def _decided(event, ir, objections):
    decision = event.data.get("decision")
    if decision not in Decision.values:
        return None
    return _("Keputusan: %(decision)s.") % {"decision": Decision(decision).label}


def _delivered(event, ir, objections):
    data = event.data
    if data.get("method") in HandoverMethod.values and data.get("date"):
        return (_("%(method)s kepada %(name)s pada %(date)s.")
                % {"method": HandoverMethod(data["method"]).label, "name": data.get("name", ""),
                   "date": long_date(data["date"])})
    if data.get("expires_on"):
        return (_("Berkas tersedia melalui tautan unduhan pribadi yang berlaku sampai "
                  "%(date)s.") % {"date": long_date(data["expires_on"])})
    return None


def _objection_filed(event, ir, objections):
    objection = objections.get(event.data.get("objection_id"))
    if objection is None:
        return None
    return (_("Keberatan %(number)s diajukan; tanggapan atasan PPID paling lambat %(due)s.")
            % {"number": objection.number, "due": long_date(objection.due_date)})


def _objection_decided(event, ir, objections):
    objection = objections.get(event.data.get("objection_id"))
    outcome = event.data.get("outcome")
    if objection is None or outcome not in ObjectionOutcome.values:
        return None
    return (_("Keberatan %(number)s: %(outcome)s.")
            % {"number": objection.number, "outcome": ObjectionOutcome(outcome).label})


RENDERERS = {
    EventKind.REGISTERED: _registered,
    EventKind.EXTENDED: _extended,
    EventKind.DECIDED: _decided,
    EventKind.DELIVERED: _delivered,
    EventKind.OBJECTION_FILED: _objection_filed,
    EventKind.OBJECTION_DECIDED: _objection_decided,
}


def event_text(event, ir, objections: dict) -> str:
    """The entry's text in the active language (the stored text when it cannot be rebuilt)."""
    render = RENDERERS.get(event.kind)
    text = render(event, ir, objections) if render else None
    return text if text is not None else event.text


def with_texts(events, ir, objections) -> list:
    by_id = {o.pk: o for o in objections}
    for event in events:
        event.display_text = event_text(event, ir, by_id)
    return events
