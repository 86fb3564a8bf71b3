import datetime as dt

from django.db import models
from django.utils import timezone

from .choices import OPEN_STATUSES, ObjectionStatus


class InformationRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: dt.date | None = None):
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def due_within(self, days: int, today: dt.date | None = None):
        """Open requests whose due date falls in the next ``days`` calendar days (not overdue)."""
        today = today or timezone.localdate()
        return self.open().filter(due_date__gte=today,
                                  due_date__lte=today + dt.timedelta(days=days))

    def for_satkers(self, satkers):
        return self.filter(satker__in=satkers)


class ObjectionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ObjectionStatus.FILED)
