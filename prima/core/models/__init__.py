from .audit import AuditEvent
from .calendar import CalendarOverride
from .evidence import EvidenceLink
from .outbox import OutboxEmail
from .sequence import Sequence

__all__ = ["AuditEvent", "CalendarOverride", "EvidenceLink", "OutboxEmail", "Sequence"]
