from .audit import AuditEvent
from .calendar import CalendarOverride
from .outbox import OutboxEmail

__all__ = ["AuditEvent", "CalendarOverride", "OutboxEmail"]
