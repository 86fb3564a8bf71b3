"""Reused reads and dates of the reform app (no writes here)."""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt

from django.conf import settings

from .choices import PlanStatus, RecommendationStatus, ReportStatus

# Reports whose figures count on dashboards seen outside the satker: submitted at least once.
COUNTED_REPORT_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.REVISE, ReportStatus.ACCEPTED)
PENDING_REPORT_STATUSES = (ReportStatus.DRAFT, ReportStatus.REVISE)
OPEN_RECOMMENDATION_STATUSES = (RecommendationStatus.OPEN, RecommendationStatus.ANSWERED)
ACTIVE_PLAN_STATUSES = (PlanStatus.APPROVED, PlanStatus.RUNNING)


def quarter_end(year: int, quarter: int) -> dt.date:
    month = quarter * 3
    return dt.date(year, month, pycalendar.monthrange(year, month)[1])


def report_due_days() -> int:
    return int(getattr(settings, "PRIMA_REFORM_REPORT_DUE_DAYS", 10))


def report_due_date(year: int, quarter: int) -> dt.date:
    """The quarter's last day plus ``PRIMA_REFORM_REPORT_DUE_DAYS`` (default 10) days."""
    return quarter_end(year, quarter) + dt.timedelta(days=report_due_days())

