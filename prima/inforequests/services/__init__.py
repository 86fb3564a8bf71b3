"""Writes on information requests: each step of UU 14/2008 and Perki 1/2021 as one function.

Every function is keyword-only, runs in one transaction, records an audit event (staff writes)
and a ``RequestEvent`` (the timeline), and raises ``ValidationError`` with an Indonesian message
for bad input or a wrong state (nothing is changed then) or ``PermissionDenied`` when the actor
lacks the right. Emails go through the outbox (``prima.core.mail``), so a broken mail server
never loses a request; a failure while composing an email is logged and never undoes the step.

The modules are split by topic: ``registration`` (the request and every rule of its input),
``handling`` (assignment, notes, clarification, extension, files, delivery, withdrawal),
``decisions`` (the written notice and consequence tests), ``objections`` (objections, the atasan
PPID's answer, disputes) and ``dip`` (the Daftar Informasi Publik). The names below are the
stable import path for callers outside the app (the demo loader, the permission matrix).
"""

from .decisions import create_consequence_test, decide_request
from .dip import (
    add_catalog_records,
    delete_information_list_entry,
    save_information_list_entry,
)
from .handling import (
    add_delivered_file,
    add_note,
    answer_clarification,
    ask_clarification,
    assign_request,
    deliver_request,
    extend_request,
    record_download,
    record_handover,
    withdraw_request,
)
from .objections import (
    decide_objection,
    file_objection,
    record_dispute,
    record_requester_response,
)
from .publication import publish_answer, unpublish_answer
from .registration import clean_request, register_request
from .report_notes import save_report_notes
from .tracking_links import resend_tracking_links

__all__ = [
    "add_catalog_records",
    "add_delivered_file",
    "add_note",
    "answer_clarification",
    "ask_clarification",
    "assign_request",
    "clean_request",
    "create_consequence_test",
    "decide_objection",
    "decide_request",
    "deliver_request",
    "delete_information_list_entry",
    "extend_request",
    "file_objection",
    "record_dispute",
    "record_download",
    "record_handover",
    "record_requester_response",
    "publish_answer",
    "register_request",
    "resend_tracking_links",
    "save_information_list_entry",
    "save_report_notes",
    "unpublish_answer",
    "withdraw_request",
]
