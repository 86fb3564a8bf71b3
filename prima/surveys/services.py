"""Writes of the satisfaction survey: surveys and their status, responses from every channel,
paper entry, invitations and follow-up plans. Keyword-only, explicit actor, one transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prima.core import audit
from prima.core.transitions import transition

from .choices import AuditAction, Channel, Education, Job, PeriodKind, ServiceKey, Sex, SurveyStatus
from .elements import ELEMENTS
from .models import FollowUp, Invitation, Response, Survey

MIN_AGE, MAX_AGE = 10, 120
SUGGESTION_MAX = 2000
PROFILE_FIELDS = ("sex", "age", "education", "job")


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def hash_token(token: str) -> str:
    return hashlib.sha256((token or "").encode()).hexdigest()


# --- surveys -------------------------------------------------------------------------------------


def _check_survey(data: Mapping) -> dict:
    errors: dict[str, list] = {}
    kind, number = data.get("period_kind"), data.get("period_number")
    limits = {PeriodKind.QUARTER: 4, PeriodKind.SEMESTER: 2, PeriodKind.YEAR: 1}
    if kind not in limits:
        errors.setdefault("period_kind", []).append(_("Pilih periode survei."))
    elif not isinstance(number, int) or not 1 <= number <= limits[kind]:
        errors.setdefault("period_number", []).append(
            _("Nomor periode harus 1 sampai %(max)s.") % {"max": limits[kind]})
    services = list(data.get("services") or [])
    if not services or any(s not in ServiceKey.values for s in services):
        errors.setdefault("services", []).append(_("Pilih sedikitnya satu layanan yang sah."))
    if errors:
        raise ValidationError(errors)
    return {**data, "services": services}


@transaction.atomic
def create_survey(*, satker, actor, title: str, period_kind: str, year: int,
                  period_number: int, services, population=None,
                  is_published: bool = True) -> Survey:
    data = _check_survey({"period_kind": period_kind, "period_number": period_number,
                          "services": services})
    survey = Survey.objects.create(
        satker=satker, title=title, period_kind=period_kind, year=year,
        period_number=period_number, services=data["services"], population=population,
        is_published=is_published, created_by=actor)
    audit.record(survey, actor=actor, action=AuditAction.SURVEY_CREATED)
    return survey


@transaction.atomic
def update_survey(*, survey, actor, **fields) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    before = audit.snapshot(survey)
    merged = {"period_kind": survey.period_kind, "period_number": survey.period_number,
              "services": survey.services, **fields}
    _check_survey(merged)
    for name, value in fields.items():
        setattr(survey, name, value)
    survey.save()
    audit.record(survey, actor=actor, action=AuditAction.SURVEY_UPDATED, before=before)
    return survey


@transaction.atomic
def open_survey(*, survey, actor) -> Survey:
    return transition(survey, actor=actor, allowed_from=(SurveyStatus.DRAFT,
                                                         SurveyStatus.CLOSED),
                      to=SurveyStatus.OPEN, action=AuditAction.SURVEY_OPENED)


@transaction.atomic
def close_survey(*, survey, actor) -> Survey:
    """Close the survey; its results then go to the satker's open IKM dataset (catalog)."""
    survey = transition(survey, actor=actor, allowed_from=(SurveyStatus.OPEN,),
                        to=SurveyStatus.CLOSED, action=AuditAction.SURVEY_CLOSED)
    if survey.is_published:
        from .open_data import publish_open_data

        transaction.on_commit(lambda: publish_open_data(satker=survey.satker, actor=actor))
    return survey


# --- responses -----------------------------------------------------------------------------------


def clean_response(survey: Survey, data: Mapping, *, answered_on: dt.date) -> dict:
    """The response's fields from submitted ``data``, or a ValidationError naming every
    problem (an answer outside 1–4, a missing element, an unknown service or profile value)."""
    errors: dict[str, list] = {}
    cleaned: dict = {}
    for element in ELEMENTS:
        raw = data.get(element.field)
        if raw in (None, ""):
            errors[element.field] = [_("Unsur %(code)s (%(name)s) wajib dijawab.")
                                     % {"code": element.code, "name": element.name}]
            continue
        try:
            score = int(str(raw))
        except ValueError:
            score = 0
        if not 1 <= score <= 4:
            errors[element.field] = [_("Jawaban unsur %(code)s harus bernilai 1 sampai 4.")
                                     % {"code": element.code}]
            continue
        cleaned[element.field] = score
    service = data.get("service")
    if service not in survey.services:
        errors["service"] = [_("Pilih layanan yang Anda terima.")]
    cleaned["service"] = service
    for name, choices, message in (
            ("sex", Sex, _("Pilih jenis kelamin.")),
            ("education", Education, _("Pilih pendidikan terakhir.")),
            ("job", Job, _("Pilih pekerjaan."))):
        if data.get(name) not in choices.values:
            errors[name] = [message]
        cleaned[name] = data.get(name)
    try:
        age = int(str(data.get("age")))
    except ValueError:
        age = -1
    if not MIN_AGE <= age <= MAX_AGE:
        errors["age"] = [_("Usia harus antara %(min)s dan %(max)s tahun.")
                         % {"min": MIN_AGE, "max": MAX_AGE}]
    cleaned["age"] = age
    suggestion = str(data.get("suggestion") or "").replace("\x00", "").strip()
    if len(suggestion) > SUGGESTION_MAX:
        errors["suggestion"] = [_("Saran paling banyak %(max)s karakter.")
                                % {"max": SUGGESTION_MAX}]
    cleaned["suggestion"] = suggestion
    if answered_on.year != survey.year or quarter_of(answered_on) not in survey.quarters():
        errors["answered_on"] = [_("Tanggal survei harus dalam periode %(period)s.")
                                 % {"period": survey.period_label()}]
    if errors:
        raise ValidationError(errors)
    return cleaned


def _require_open(survey: Survey) -> None:
    if not survey.is_open:
        raise ValidationError(_("Survei ini tidak sedang dibuka; jawaban tidak dapat "
                                "diterima."), code="closed")


@transaction.atomic
def submit_response(*, survey: Survey, data: Mapping, channel: str,
                    idempotency_key: str | None = None, invitation_token: str | None = None,
                    answered_on: dt.date | None = None, answered_time: dt.time | None = None,
                    actor=None) -> tuple[Response, bool]:
    """Store one questionnaire; ``(response, created)``.

    The same ``idempotency_key`` (a kiosk queue sent twice) returns the stored response and
    stores nothing new. An invitation token counts once: a used or unknown token is refused.
    """
    if channel not in Channel.values:
        raise ValidationError(_("Saluran tidak dikenal."))
    survey = Survey.objects.get(pk=survey.pk)
    if idempotency_key:
        idempotency_key = str(idempotency_key)[:64]
        existing = Response.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            if existing.survey_id != survey.pk:
                raise ValidationError(_("Kunci pengiriman sudah dipakai."), code="replayed")
            return existing, False
    _require_open(survey)
    invitation = None
    if channel == Channel.INVITATION:
        digest = hash_token(invitation_token or "")
        invitation = (Invitation.objects.select_for_update()
                      .filter(token_hash=digest, survey=survey).first())
        if invitation is None:
            raise ValidationError(_("Tautan undangan tidak dikenal."), code="bad_token")
        if invitation.used_at is not None:
            raise ValidationError(_("Undangan ini sudah digunakan untuk mengisi survei. "
                                    "Terima kasih."), code="used_token")
        idempotency_key = f"inv:{digest}"[:64]
    now = timezone.localtime()
    day = answered_on or now.date()
    cleaned = clean_response(survey, data, answered_on=day)
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey, satker_id=survey.satker_id, channel=channel, answered_on=day,
                answered_time=answered_time if answered_on else now.time().replace(
                    microsecond=0),
                year=day.year, quarter=quarter_of(day), idempotency_key=idempotency_key or None,
                entered_by=actor if channel == Channel.PAPER else None, **cleaned)
    except IntegrityError:
        # The same key arrived twice at once: the other request stored it.
        existing = Response.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None or channel == Channel.INVITATION:
            raise ValidationError(_("Undangan ini sudah digunakan untuk mengisi survei. "
                                    "Terima kasih."), code="used_token") from None
        return existing, False
    if invitation is not None:
        invitation.used_at = timezone.now()
        invitation.save(update_fields=["used_at"])
    if channel == Channel.PAPER:
        audit.record(response, actor=actor, action=AuditAction.PAPER_ENTERED,
                     satker=survey.satker_id)
    return response, True


# --- invitations ---------------------------------------------------------------------------------


def create_invitation(*, survey: Survey, service: str, source: str = "") -> tuple[Invitation,
                                                                                    str] | None:
    """A one-time invitation token for ``survey``; ``None`` when ``source`` (an opaque origin,
    e.g. an information request) was already invited. Only the token's hash is stored."""
    token = secrets.token_urlsafe(24)
    digest = hash_token(f"source:{source}") if source else None
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(survey=survey, service=service,
                                                   token_hash=hash_token(token),
                                                   source_digest=digest)
    except IntegrityError:
        return None
    return invitation, token


def open_survey_for(satker, service: str, day: dt.date) -> Survey | None:
    """The satker's open survey covering ``day`` that includes ``service`` (newest first)."""
    for survey in Survey.objects.filter(satker=satker, status=SurveyStatus.OPEN, year=day.year):
        if service in survey.services and quarter_of(day) in survey.quarters():
            return survey
    return None


# --- follow-up -----------------------------------------------------------------------------------


@transaction.atomic
def save_follow_up(*, survey: Survey, actor, follow_up: FollowUp | None = None,
                   **fields) -> FollowUp:
    before = audit.snapshot(follow_up)
    if follow_up is None:
        follow_up = FollowUp(survey=survey)
        action = AuditAction.FOLLOWUP_CREATED
    else:
        action = AuditAction.FOLLOWUP_UPDATED
    for name, value in fields.items():
        setattr(follow_up, name, value)
    follow_up.full_clean()
    follow_up.save()
    audit.record(follow_up, actor=actor, action=action, before=before,
                 satker=survey.satker_id)
    return follow_up
