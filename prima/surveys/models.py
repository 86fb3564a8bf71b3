"""Satisfaction surveys (SKM), their responses, invitations and follow-up plans.

A response keeps one score column per element (``u1`` ... ``u9``, 1–4, checked by the
database), so the IKM is a handful of SUM/COUNT aggregates over one table, also at a million
responses. A response never names its respondent: no account, no email, no IP address.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import (
    Channel,
    Education,
    FollowUpStatus,
    Job,
    PeriodKind,
    ServiceKey,
    Sex,
    SurveyStatus,
)
from .elements import ELEMENTS, FIELDS

USER = settings.AUTH_USER_MODEL


def new_public_key() -> str:
    return secrets.token_urlsafe(9)


class Survey(models.Model):
    """A satker's survey of one period (quarter, semester or year) over some services."""

    satker = models.ForeignKey("organisations.Satker", on_delete=models.PROTECT,
                               related_name="surveys")
    title = models.CharField(_("judul"), max_length=200)
    period_kind = models.CharField(_("periode"), max_length=10, choices=PeriodKind.choices,
                                   default=PeriodKind.QUARTER)
    year = models.PositiveSmallIntegerField(_("tahun"))
    period_number = models.PositiveSmallIntegerField(
        _("ke-"), default=1, help_text=_("Triwulan 1–4, semester 1–2, atau 1 untuk tahunan."))
    services = models.JSONField(_("layanan"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=SurveyStatus.choices,
                              default=SurveyStatus.DRAFT, db_index=True)
    population = models.PositiveIntegerField(
        _("jumlah pengguna layanan (N)"), null=True, blank=True,
        help_text=_("Perkiraan jumlah pengguna layanan dalam periode, untuk saran jumlah "
                    "sampel."))
    is_published = models.BooleanField(_("hasil ditampilkan ke publik"), default=True)
    public_key = models.CharField(max_length=20, unique=True, default=new_public_key,
                                  editable=False)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "-period_number", "-id"]
        verbose_name = _("survei kepuasan masyarakat")
        verbose_name_plural = _("survei kepuasan masyarakat")
        constraints = [
            models.CheckConstraint(condition=Q(period_number__gte=1, period_number__lte=4),
                                   name="survey_period_number_1_4"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN

    def quarters(self) -> tuple[int, ...]:
        """The quarters of the year the survey's period covers."""
        if self.period_kind == PeriodKind.QUARTER:
            return (self.period_number,)
        if self.period_kind == PeriodKind.SEMESTER:
            return (1, 2) if self.period_number == 1 else (3, 4)
        return (1, 2, 3, 4)

    def period_label(self) -> str:
        roman = {1: "I", 2: "II", 3: "III", 4: "IV"}
        if self.period_kind == PeriodKind.QUARTER:
            return _("Triwulan %(n)s %(year)s") % {"n": roman[self.period_number],
                                                  "year": self.year}
        if self.period_kind == PeriodKind.SEMESTER:
            return _("Semester %(n)s %(year)s") % {"n": roman[self.period_number],
                                                  "year": self.year}
        return _("Tahun %(year)s") % {"year": self.year}

    def service_choices(self) -> list[tuple[str, str]]:
        labels = dict(ServiceKey.choices)
        return [(key, labels[key]) for key in self.services if key in labels]



class Response(models.Model):
    """One filled questionnaire. ``satker``, ``year`` and ``quarter`` repeat what the survey
    and the answer date say, so IKM aggregates read one indexed table."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    satker = models.ForeignKey("organisations.Satker", on_delete=models.PROTECT,
                               related_name="+")
    service = models.CharField(_("layanan"), max_length=30, choices=ServiceKey.choices)
    channel = models.CharField(_("saluran"), max_length=12, choices=Channel.choices)
    answered_on = models.DateField(_("tanggal survei"))
    answered_time = models.TimeField(_("jam survei"), null=True, blank=True)
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    u1 = models.PositiveSmallIntegerField("U1")
    u2 = models.PositiveSmallIntegerField("U2")
    u3 = models.PositiveSmallIntegerField("U3")
    u4 = models.PositiveSmallIntegerField("U4")
    u5 = models.PositiveSmallIntegerField("U5")
    u6 = models.PositiveSmallIntegerField("U6")
    u7 = models.PositiveSmallIntegerField("U7")
    u8 = models.PositiveSmallIntegerField("U8")
    u9 = models.PositiveSmallIntegerField("U9")
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    age = models.PositiveSmallIntegerField(_("usia"))
    education = models.CharField(_("pendidikan"), max_length=8, choices=Education.choices)
    job = models.CharField(_("pekerjaan"), max_length=10, choices=Job.choices)
    suggestion = models.TextField(_("saran dan masukan"), blank=True)
    # One response per key: a kiosk queue sent twice, or an invitation token used twice,
    # stores the response once (the database refuses the second).
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    entered_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-answered_on", "-id"]
        verbose_name = _("jawaban survei")
        verbose_name_plural = _("jawaban survei")
        indexes = [models.Index(fields=["satker", "year", "quarter"],
                                name="surveys_resp_satker_period"),
                   models.Index(fields=["survey", "service"], name="surveys_resp_survey_svc")]
        constraints = [
            *[models.CheckConstraint(condition=Q(**{f"{f}__gte": 1, f"{f}__lte": 4}),
                                     name=f"response_{f}_1_4") for f in FIELDS],
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4),
                                   name="response_quarter_1_4"),
        ]

    def __str__(self):
        return f"{self.survey} #{self.pk}"

    def scores(self) -> dict[str, int]:
        return {e.code: getattr(self, e.field) for e in ELEMENTS}


class Invitation(models.Model):
    """A one-time link to the questionnaire. Only the token's hash is kept, and nothing about
    who received it except an opaque digest of where it came from (to invite once)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    service = models.CharField(max_length=30, choices=ServiceKey.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    source_digest = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.survey} ({self.created_at:%Y-%m-%d})"


class FollowUp(models.Model):
    """A follow-up action (rencana tindak lanjut) for a weak element, with owner, deadline and
    progress shown in the next period's report."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="follow_ups")
    element = models.CharField(_("unsur"), max_length=4,
                               choices=[(e.code, f"{e.code} {e.name}") for e in ELEMENTS])
    action = models.TextField(_("tindakan"))
    owner = models.CharField(_("penanggung jawab"), max_length=200)
    deadline = models.DateField(_("batas waktu"))
    status = models.CharField(_("status"), max_length=12, choices=FollowUpStatus.choices,
                              default=FollowUpStatus.PLANNED)
    progress = models.TextField(_("progres"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("rencana tindak lanjut")
        verbose_name_plural = _("rencana tindak lanjut")

    def __str__(self):
        return f"{self.element}: {self.action[:40]}"
