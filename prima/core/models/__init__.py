from .audit import AuditEvent
from .calendar import CalendarOverride
from .outbox import OutboxEmail
from .sequence import Sequence

__all__ = ["AuditEvent", "CalendarOverride", "OutboxEmail", "Sequence"]
