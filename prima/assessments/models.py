"""Self-assessments (penilaian mandiri) on versioned worksheets, with the evaluator's
verification beside the satker's own answers (reform-evaluation.md "PMPRB: who does what")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import worksheet as ws
from .choices import Kind, Status

USER = settings.AUTH_USER_MODEL


class WorksheetVersion(models.Model):
    """The exact worksheet an assessment was made with: file key, content hash and content."""

    key = models.CharField(max_length=64)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=300)
    regulation = models.CharField(max_length=300, blank=True)
    sha256 = models.CharField(max_length=64)
    source = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "sha256"],
                                               name="assessments_worksheet_version_unique")]

    def __str__(self):
        return f"{self.key} ({self.sha256[:8]})"

    @property
    def sheet(self) -> ws.Worksheet:
        return ws.from_source(self.source, self.key)


class Assessment(models.Model):
    """One satker's worksheet for one year: answers, scores and the verification state."""

    satker = models.ForeignKey("organisations.Satker", on_delete=models.PROTECT,
                               related_name="assessments")
    year = models.PositiveSmallIntegerField(_("tahun"))
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    worksheet = models.ForeignKey(WorksheetVersion, on_delete=models.PROTECT,
                                  related_name="assessments")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    self_total = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    evaluator_total = models.DecimalField(max_digits=7, decimal_places=2, null=True,
                                          blank=True)
    self_category = models.CharField(max_length=8, blank=True)
    evaluator_category = models.CharField(max_length=8, blank=True)
    answered = models.PositiveIntegerField(default=0)
    to_answer = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    reopen_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-year", "satker__code"]
        constraints = [models.UniqueConstraint(fields=["satker", "year", "kind"],
                                               name="assessments_one_per_year_kind")]
        indexes = [models.Index(fields=["kind", "year"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year}: {self.satker.name}"

    @property
    def sheet(self) -> ws.Worksheet:
        return self.worksheet.sheet

    @property
    def progress(self) -> int:
        return round(100 * self.answered / self.to_answer) if self.to_answer else 0


class Answer(models.Model):
    """One item of one assessment: the satker's answer and the evaluator's, side by side.

    Each item is its own row with its own version, so several people fill different items at
    once and none overwrites another (an edit based on an old version is refused). ``*_points``
    is the item's share of the total (value × sub-component weight / scored items), so the
    database adds areas and totals up for many satkers in one query.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE,
                                   related_name="answers")
    item_key = models.CharField(max_length=64)
    area = models.CharField(max_length=32)
    self_answer = models.CharField(max_length=40, blank=True)
    self_note = models.TextField(blank=True)
    self_points = models.DecimalField(max_digits=12, decimal_places=6, null=True, blank=True)
    evaluator_answer = models.CharField(max_length=40, blank=True)
    evaluator_note = models.TextField(blank=True)
    evaluator_points = models.DecimalField(max_digits=12, decimal_places=6, null=True,
                                           blank=True)
    returned = models.BooleanField(default=False)
    evidence_count = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment", "id"]
        constraints = [models.UniqueConstraint(fields=["assessment", "item_key"],
                                               name="assessments_answer_unique")]

    def __str__(self):
        return f"{self.item_key}: {self.self_answer or '—'}"


def answer_file_upload_to(instance, filename):
    assessment = instance.answer.assessment
    return f"assessments/{assessment.satker.code}/{assessment.year}/{instance.sha256}"


class AnswerFile(models.Model):
    """An uploaded evidence file (data dukung) for one answer, served by a private view."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=answer_file_upload_to, max_length=300)
    original_name = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(default=0)
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answer", "id"]

    def __str__(self):
        return self.original_name or self.sha256[:12]
