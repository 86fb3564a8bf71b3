"""Evaluation by the level above: the review of a submitted report (comments, verdict,
recommendations), the satker's answers to the comments and recommendations, and closing a
recommendation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prima.core import audit

from .. import policies
from ..choices import AuditAction, RecommendationStatus, ReportStatus
from ..models import Indicator, ProgressReport, Recommendation, ReviewComment
from .common import SELF, clean_text, require


@transaction.atomic
def review_report(*, report: ProgressReport, actor, verdict: str,
                  comments: Iterable[tuple] = (), recommendations: Iterable[tuple] = ()
                  ) -> ProgressReport:
    """The evaluator above reviews a submitted report: comments (per indicator or general), a
    verdict (accepted / revise) and follow-up recommendations with deadlines."""
    locked = ProgressReport.objects.select_for_update(of=SELF).select_related("plan__satker").get(
        pk=report.pk)
    require(policies.can_evaluate(actor, locked.plan.satker))
    if locked.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Hanya laporan yang sudah diajukan yang dapat dievaluasi."),
                              code="not_submitted")
    if verdict not in (ReportStatus.ACCEPTED, ReportStatus.REVISE):
        raise ValidationError({"verdict": _("Pilih hasil evaluasi: diterima atau perlu "
                                            "perbaikan.")}, code="invalid")
    comments = [(i, clean_text(t, "comments", _("Komentar"), max_length=5000))
                for i, t in comments if (t or "").strip()]
    recommendations = list(recommendations)
    if verdict == ReportStatus.REVISE and not comments and not recommendations:
        raise ValidationError({"comments": _("Tuliskan komentar atau rekomendasi yang perlu "
                                             "diperbaiki.")}, code="required")
    indicator_ids = {int(i) for i, _t in comments if i is not None}
    if indicator_ids - set(Indicator.objects.filter(
            activity__programme__plan=locked.plan_id, pk__in=indicator_ids)
            .values_list("pk", flat=True)):
        raise ValidationError(_("Ada indikator yang bukan bagian dari rencana aksi ini."),
                              code="invalid_indicator")
    rows = []
    for text, deadline in recommendations:
        text = clean_text(text, "recommendations", _("Rekomendasi"), max_length=5000)
        if not isinstance(deadline, dt.date):
            raise ValidationError({"recommendations": _("Setiap rekomendasi memerlukan batas "
                                                        "waktu.")}, code="required")
        rows.append(Recommendation(report=locked, text=text, deadline=deadline,
                                   created_by=actor))
    ReviewComment.objects.bulk_create(
        [ReviewComment(report=locked, indicator_id=i, author=actor, text=t, is_evaluator=True)
         for i, t in comments])
    Recommendation.objects.bulk_create(rows)
    before = audit.snapshot(locked)
    locked.status = verdict
    locked.reviewed_at = timezone.now()
    locked.reviewed_by = actor
    locked.version += 1
    locked.updated_by = actor
    locked.save()
    action = (AuditAction.REPORT_ACCEPTED if verdict == ReportStatus.ACCEPTED
              else AuditAction.REPORT_REVISION_REQUESTED)
    audit.record(locked, actor=actor, action=action, before=before,
                 after={**audit.snapshot(locked), "comments": len(comments),
                        "recommendations": len(rows)}, satker=locked.plan.satker_id)
    return locked


def _comment_id(value, comments: dict) -> int:
    try:
        pk = int(value)
    except (TypeError, ValueError):
        pk = None
    if pk is None or pk not in comments:
        raise ValidationError(_("Ada komentar yang bukan komentar evaluator pada laporan ini."),
                              code="invalid_comment")
    return pk


@transaction.atomic
def answer_comments(*, report: ProgressReport, actor, answers: dict) -> list[ReviewComment]:
    """The satker's reform team answers the evaluator's comments on its report: one answer per
    comment, kept beside it and shown to both sides. ``answers`` maps a comment id to the
    text; a blank text leaves that comment as it is. An answer may be changed later, never
    emptied. Returns the comments whose answer changed (each audited)."""
    locked = ProgressReport.objects.select_for_update(of=SELF).select_related("plan__satker").get(
        pk=report.pk)
    require(policies.can_answer_comments(actor, locked))
    comments = {c.pk: c for c in ReviewComment.objects.select_for_update(of=SELF)
                .filter(report=locked, is_evaluator=True)}
    wanted = {_comment_id(pk, comments): text for pk, text in answers.items()}
    errors: dict[str, list] = {}
    changed = []
    now = timezone.now()
    for pk, text in sorted(wanted.items()):
        comment, field = comments[pk], f"answer_{pk}"
        if not (text or "").strip():
            if comment.answer:
                errors[field] = [_("Tanggapan yang sudah dikirim tidak dapat dikosongkan; ubah "
                                   "isinya bila perlu.")]
            continue
        try:
            value = clean_text(text, field, _("Tanggapan"), max_length=5000)
        except ValidationError as exc:
            errors.update(exc.message_dict)
            continue
        if value == comment.answer:
            continue
        before = audit.snapshot(comment)
        comment.answer, comment.answered_by, comment.answered_at = value, actor, now
        changed.append((comment, before))
    if errors:
        raise ValidationError(errors, code="invalid")
    if not changed:
        raise ValidationError(_("Tulis sekurang-kurangnya satu tanggapan baru atau ubah "
                                "tanggapan yang sudah ada."), code="empty")
    ReviewComment.objects.bulk_update([c for c, _b in changed],
                                      ["answer", "answered_by", "answered_at"])
    for comment, before in changed:
        audit.record(comment, actor=actor, action=AuditAction.COMMENT_ANSWERED, before=before,
                     satker=locked.plan.satker_id)
    return [c for c, _b in changed]


@transaction.atomic
def respond_recommendation(*, recommendation: Recommendation, actor,
                           response: str) -> Recommendation:
    locked = Recommendation.objects.select_for_update(of=SELF).select_related(
        "report__plan__satker").get(pk=recommendation.pk)
    require(policies.can_respond_recommendation(actor, locked))
    before = audit.snapshot(locked)
    locked.response = clean_text(response, "response", _("Tanggapan"), max_length=5000)
    locked.status = RecommendationStatus.ANSWERED
    locked.responded_at = timezone.now()
    locked.responded_by = actor
    locked.save()
    audit.record(locked, actor=actor, action=AuditAction.RECOMMENDATION_ANSWERED, before=before,
                 satker=locked.report.plan.satker_id)
    return locked


@transaction.atomic
def close_recommendation(*, recommendation: Recommendation, actor) -> Recommendation:
    locked = Recommendation.objects.select_for_update(of=SELF).select_related(
        "report__plan__satker").get(pk=recommendation.pk)
    require(policies.can_close_recommendation(actor, locked))
    before = audit.snapshot(locked)
    locked.status = RecommendationStatus.CLOSED
    locked.closed_at = timezone.now()
    locked.save()
    audit.record(locked, actor=actor, action=AuditAction.RECOMMENDATION_CLOSED, before=before,
                 satker=locked.report.plan.satker_id)
    return locked

