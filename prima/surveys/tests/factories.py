"""Test helpers for surveys: surveys made through the services, responses in bulk."""

from __future__ import annotations

import datetime as dt

from prima.surveys import services
from prima.surveys.choices import Channel, PeriodKind, ServiceKey
from prima.surveys.elements import FIELDS
from prima.surveys.models import Response

PROFILE = {"sex": "P", "age": "34", "education": "D4/S1", "job": "Swasta"}


def answers(*scores, service=ServiceKey.INFORMATION_REQUEST, **extra) -> dict:
    """Form data: one score for every element (``answers(4)``) or nine scores."""
    if len(scores) == 1:
        scores = scores * len(FIELDS)
    return {**dict(zip(FIELDS, (str(s) for s in scores), strict=True)), "service": service,
            **PROFILE, **extra}


def make_survey(satker, actor, *, year=2020, quarter=1, status="open", kind=PeriodKind.QUARTER,
                services_=(ServiceKey.INFORMATION_REQUEST, ServiceKey.VOTER_CHECK), **kwargs):
    survey = services.create_survey(
        satker=satker, actor=actor, title=kwargs.pop("title", f"SKM TW {quarter} {year}"),
        period_kind=kind, year=year, period_number=quarter, services=list(services_), **kwargs)
    if status == "open":
        survey = services.open_survey(survey=survey, actor=actor)
    return survey


def bulk_responses(survey, rows, *, day=None, service=ServiceKey.INFORMATION_REQUEST):
    """Insert responses directly (fast): ``rows`` are tuples of nine scores."""
    day = day or dt.date(survey.year, survey.quarters()[0] * 3 - 2, 15)
    Response.objects.bulk_create([
        Response(survey=survey, satker_id=survey.satker_id, service=service,
                 channel=Channel.LINK, answered_on=day, year=day.year,
                 quarter=(day.month - 1) // 3 + 1, sex="L", age=30, education="SMA",
                 job="Swasta", **dict(zip(FIELDS, scores, strict=True)))
        for scores in rows])


def guarded(data: dict) -> dict:
    """POST data of the public questionnaire with the guard's hidden fields."""
    import time

    from prima.core.public_forms import issue_token

    return {**data, "website": "", "form_token": issue_token(time.time() - 60)}
