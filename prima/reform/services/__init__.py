"""Writes on reform records, by topic: teams, plans, reports (with evidence), evaluation,
events.

Every function is keyword-only, runs in one transaction, checks the actor through
``policies`` (``PermissionDenied``), validates its input (``ValidationError`` with an Indonesian
message, nothing changed) and records an audit event (``core.audit``, actions in
``choices.AuditAction``).

The demo loader, the permission matrix and the tests call ``services.<function>``; this module
re-exports the public functions so that path stays stable.
"""

from .evaluation import (
    answer_comments,
    close_recommendation,
    respond_recommendation,
    review_report,
)
from .events import (
    EVENT_FIELDS,
    check_event_deletable,
    citing_reports,
    create_event,
    delete_event,
    set_attendance,
    update_event,
)
from .plans import (
    ACTIVITY_FIELDS,
    INDICATOR_FIELDS,
    PROGRAMME_FIELDS,
    approve_plan,
    close_plan,
    copy_plan,
    create_plan,
    default_plan_title,
    delete_activity,
    delete_indicator,
    delete_programme,
    publish_plan,
    regime_for_year,
    return_plan,
    save_activity,
    save_indicator,
    save_programme,
    start_plan,
    submit_plan,
)
from .reports import (
    EVIDENCE_KINDS,
    REPORT_FIELDS,
    add_evidence,
    delete_evidence,
    save_report,
    submit_report,
)
from .teams import (
    MEMBER_FIELDS,
    add_team_member,
    establish_team,
    remove_team_member,
    update_team_member,
)

__all__ = [
    "ACTIVITY_FIELDS",
    "EVENT_FIELDS",
    "EVIDENCE_KINDS",
    "INDICATOR_FIELDS",
    "MEMBER_FIELDS",
    "PROGRAMME_FIELDS",
    "REPORT_FIELDS",
    "add_evidence",
    "add_team_member",
    "answer_comments",
    "approve_plan",
    "check_event_deletable",
    "citing_reports",
    "close_plan",
    "close_recommendation",
    "copy_plan",
    "create_event",
    "create_plan",
    "default_plan_title",
    "delete_activity",
    "delete_event",
    "delete_evidence",
    "delete_indicator",
    "delete_programme",
    "establish_team",
    "publish_plan",
    "regime_for_year",
    "remove_team_member",
    "respond_recommendation",
    "return_plan",
    "review_report",
    "save_activity",
    "save_indicator",
    "save_programme",
    "save_report",
    "set_attendance",
    "start_plan",
    "submit_plan",
    "submit_report",
    "update_event",
    "update_team_member",
]
