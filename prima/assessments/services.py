"""Writes on assessments: start, answer (self and evaluator, per item with an optimistic version
check), evidence, submit, send back, finalise, reopen. Each is one transaction, audited; the
assessment row is locked while its scores are recomputed, so concurrent answers to different
items all land and the totals stay consistent.
"""

from __future__ import annotations

from decimal import Decimal

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from prima.core import audit, uploads
from prima.core.evidence import EvidenceRef, link_evidence, unlink_evidence
from prima.core.transitions import lock, transition

from . import policies, scoring
from . import worksheet as ws
from .choices import EDITABLE, AuditAction, Side, Status
from .models import Answer, AnswerFile, Assessment, WorksheetVersion

EVIDENCE_KINDS = ("pdf", "jpeg", "png", "xlsx", "csv")
NOTE_MAX = 4000


class AnswerConflict(ValidationError):
    """Someone saved this item since the person loaded it; ``current`` is the row now."""

    def __init__(self, message, current: Answer | None):
        super().__init__(message, code="conflict")
        self.current = current


def satker_ikm(satker, year: int) -> Decimal | None:
    """The satker's IKM (25–100) for ``year`` from the surveys app, when it is installed."""
    if not apps.is_installed("prima.surveys"):
        return None
    from prima.surveys.ikm import satker_ikm as provider  # lazy: surveys is optional

    return provider(satker, year)


def ensure_version(sheet: ws.Worksheet) -> WorksheetVersion:
    version, _created = WorksheetVersion.objects.get_or_create(
        key=sheet.key, sha256=sheet.sha256,
        defaults={"kind": sheet.kind, "title": sheet.title[:300],
                  "regulation": sheet.regulation[:300], "source": sheet.source})
    return version


def _clean_note(note) -> str:
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": _("Penjelasan paling banyak %(n)d karakter.")
                               % {"n": NOTE_MAX}}, code="too_long")
    return note


def _item(assessment: Assessment, key: str) -> ws.Item:
    item = assessment.sheet.item(key)
    if item is None:
        raise ValidationError(_("Butir “%(key)s” tidak ada di lembar kerja ini.") % {"key": key},
                              code="unknown_item")
    return item


def _row(assessment: Assessment, key: str) -> Answer:
    """The item's row, locked (created empty when the item has none yet)."""
    area = assessment.sheet.placement()[key][0].code
    Answer.objects.get_or_create(assessment=assessment, item_key=key,
                                 defaults={"area": area})
    return Answer.objects.select_for_update().get(assessment=assessment, item_key=key)


# --- scores -------------------------------------------------------------------------------------


def answers_of(rows, side: str) -> dict[str, str]:
    """Entered answers of one side; the evaluator's side falls back on the satker's answer
    where the evaluator kept it (the evaluator value is the verified value)."""
    if side == Side.SELF:
        return {r.item_key: r.self_answer for r in rows if r.self_answer}
    return {r.item_key: r.evaluator_answer or r.self_answer for r in rows
            if r.evaluator_answer or r.self_answer}


def rescore(assessment: Assessment) -> Assessment:
    """Recompute computed items, each item's points and the totals (the row must be locked)."""
    sheet = assessment.sheet
    rows = {r.item_key: r for r in assessment.answers.all()}
    computed = {i.key for i in sheet.items if i.computed}
    entered = [r for k, r in rows.items() if k not in computed]
    mine = scoring.score(sheet, answers_of(entered, Side.SELF))
    theirs = scoring.score(sheet, answers_of(entered, Side.EVALUATOR))
    self_points = scoring.points_per_item(sheet, mine.items)
    eval_points = scoring.points_per_item(sheet, theirs.items)
    placement = sheet.placement()
    changed, created = [], []
    for item in sheet.items:
        row = rows.get(item.key)
        if row is None:
            if not (item.computed and (item.key in mine.answers or item.key in theirs.answers)):
                continue
            row = Answer(assessment=assessment, item_key=item.key,
                         area=placement[item.key][0].code)
            created.append(row)
        new: dict[str, object] = {"self_points": self_points.get(item.key),
                                  "evaluator_points": eval_points.get(item.key)}
        if item.computed:
            self_value = mine.answers.get(item.key, "")
            eval_value = theirs.answers.get(item.key, "")
            new.update(self_answer=self_value,
                       evaluator_answer=eval_value if eval_value != self_value else "")
        dirty = False
        for name, value in new.items():
            current = getattr(row, name)
            if (None if current is None else Decimal(current) if "points" in name
                    else current) != value:
                setattr(row, name, value)
                dirty = True
        if dirty and row.pk:
            changed.append(row)
    if created:
        Answer.objects.bulk_create(created)
    if changed:
        Answer.objects.bulk_update(changed, ["self_points", "evaluator_points", "self_answer",
                                             "evaluator_answer"])
    Assessment.objects.filter(pk=assessment.pk).update(
        self_total=scoring.rounded(mine.total), evaluator_total=scoring.rounded(theirs.total),
        self_category=mine.category.code if mine.category else "",
        evaluator_category=theirs.category.code if theirs.category else "",
        answered=mine.answered, to_answer=mine.to_answer, updated_at=timezone.now())
    assessment.refresh_from_db()
    return assessment


# --- start --------------------------------------------------------------------------------------


@transaction.atomic
def start_assessment(*, satker, year: int, kind: str, actor,
                     worksheet_key: str | None = None) -> Assessment:
    """A new assessment on the worksheet in force for ``year`` (or the one named)."""
    if actor is not None and not policies.can_manage(actor, satker):
        raise PermissionDenied
    sheet = ws.get(worksheet_key) if worksheet_key else ws.worksheet_for(kind, year)
    if sheet is None or sheet.kind != kind:
        raise ValidationError(_("Tidak ada lembar kerja yang berlaku untuk tahun %(year)s.")
                              % {"year": year}, code="no_worksheet")
    if Assessment.objects.filter(satker=satker, year=year, kind=kind).exists():
        raise ValidationError(_("Penilaian jenis ini untuk tahun %(year)s sudah ada.")
                              % {"year": year}, code="duplicate")
    assessment = Assessment.objects.create(satker=satker, year=year, kind=kind,
                                           worksheet=ensure_version(sheet), created_by=actor)
    audit.record(assessment, actor=actor, action=AuditAction.ASSESSMENT_CREATED)
    _prefill_ikm(assessment)
    return rescore(assessment)


def _prefill_ikm(assessment: Assessment) -> int:
    """Index items whose worksheet says ``source: ikm`` take the satker's IKM / 25 when the
    satker has not answered them (the surveys app feeds the service items)."""
    items = [i for i in assessment.sheet.items if i.source == "ikm"]
    if not items:
        return 0
    index = scoring.ikm_index(satker_ikm(assessment.satker, assessment.year))
    if index is None:
        return 0
    index = min(max(index, scoring.INDEX_MIN), scoring.INDEX_MAX)
    filled = 0
    for item in items:
        row = _row(assessment, item.key)
        if not row.self_answer:
            row.self_answer = format(index.normalize(), "f")
            row.self_note = _("Diisi dari IKM satker: %(ikm)s.") % {"ikm": index * 25}
            row.version += 1
            row.save()
            filled += 1
    return filled


@transaction.atomic
def refresh_ikm(*, assessment: Assessment, actor) -> int:
    locked = lock(assessment)
    if not policies.can_fill(actor, locked):
        raise PermissionDenied
    filled = _prefill_ikm(locked)
    rescore(locked)
    return filled


# --- answers ------------------------------------------------------------------------------------


@transaction.atomic
def save_answer(*, assessment: Assessment, item_key: str, answer, note="", actor,
                expected_version: int | None = None, side: str = Side.SELF) -> Answer:
    """Save one item's answer (the satker's or the evaluator's) with its note.

    ``expected_version`` is the item's version the person saw; when someone saved the item
    since, nothing changes and ``AnswerConflict`` carries the current row."""
    locked = lock(assessment)
    if side == Side.SELF:
        if not policies.can_manage(actor, locked.satker):
            raise PermissionDenied
        if locked.status not in EDITABLE:
            raise ValidationError(_("Penilaian ini tidak sedang diisi satker."),
                                  code="wrong_status")
    else:
        if not policies.can_verify(actor, locked):
            raise PermissionDenied
        if locked.status != Status.SUBMITTED:
            raise ValidationError(_("Penilaian ini tidak sedang diverifikasi."),
                                  code="wrong_status")
    item = _item(locked, item_key)
    try:
        value = scoring.normalise(item, answer)
    except scoring.AnswerError as exc:
        raise ValidationError({"answer": str(exc)}, code="invalid") from None
    note = _clean_note(note)
    row = _row(locked, item_key)
    if expected_version is not None and int(expected_version) != row.version:
        raise AnswerConflict(
            _("Butir %(number)s baru saja diubah orang lain; muat ulang untuk melihat jawaban "
              "terbaru sebelum mengubahnya.") % {"number": item.number}, row)
    before = audit.snapshot(row)
    if side == Side.SELF:
        row.self_answer, row.self_note = value, note
        action = AuditAction.ANSWER_SAVED
    else:
        # Keeping the satker's answer is recorded as no evaluator answer.
        row.evaluator_answer = "" if value == row.self_answer else value
        row.evaluator_note = note
        action = AuditAction.ANSWER_VERIFIED
    row.version += 1
    row.updated_by = actor
    row.save()
    audit.record(row, actor=actor, action=action, before=before, satker=locked.satker)
    rescore(locked)
    row.refresh_from_db()
    return row


@transaction.atomic
def save_answers(*, assessment: Assessment, values: dict[str, tuple[str, str]], actor,
                 side: str = Side.SELF) -> int:
    """Several answers at once ({key: (answer, note)}, e.g. an XLSX import): all or none."""
    count = 0
    for key, (answer, note) in values.items():
        save_answer(assessment=assessment, item_key=key, answer=answer, note=note, actor=actor,
                    side=side)
        count += 1
    return count


# --- evidence -------------------------------------------------------------------------------------


def _evidence_row(assessment: Assessment, item_key: str, actor) -> tuple[Assessment, Answer]:
    locked = lock(assessment)
    if not policies.can_fill(actor, locked):
        raise PermissionDenied
    if _item(locked, item_key).computed:
        raise ValidationError(_("Butir yang dihitung otomatis tidak memerlukan data dukung."),
                              code="computed")
    return locked, _row(locked, item_key)


def attach_file(*, assessment: Assessment, item_key: str, upload, actor) -> AnswerFile:
    """An uploaded file as evidence for one item (checked by content, stored privately)."""
    checked = uploads.check_upload(upload, allowed_kinds=EVIDENCE_KINDS)
    stored = None
    try:
        with transaction.atomic():
            locked, row = _evidence_row(assessment, item_key, actor)
            record = AnswerFile(answer=row, sha256=checked.sha256, size=checked.size,
                                original_name=checked.original_name, added_by=actor)
            upload.seek(0)
            record.file.save(checked.original_name or "data-dukung", upload, save=False)
            stored = record.file.name
            record.save()
            Answer.objects.filter(pk=row.pk).update(evidence_count=F("evidence_count") + 1)
            audit.record(record, actor=actor, action=AuditAction.FILE_ADDED,
                         satker=locked.satker)
    except BaseException:
        if stored:
            record.file.storage.delete(stored)
        raise
    return record


@transaction.atomic
def delete_file(*, record: AnswerFile, actor) -> None:
    locked, row = _evidence_row(record.answer.assessment, record.answer.item_key, actor)
    name, storage = record.file.name, record.file.storage
    audit.record(record, actor=actor, action=AuditAction.FILE_DELETED,
                 before=audit.snapshot(record), after={}, satker=locked.satker)
    record.delete()
    Answer.objects.filter(pk=row.pk).update(evidence_count=F("evidence_count") - 1)
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def link_answer_evidence(*, assessment: Assessment, item_key: str, ref: EvidenceRef, actor):
    """Cite a record already in Prima (a decree, an SOP, a survey report) for one item."""
    locked, row = _evidence_row(assessment, item_key, actor)
    link = link_evidence(owner=row, satker=locked.satker, ref=ref, actor=actor)
    Answer.objects.filter(pk=row.pk).update(evidence_count=F("evidence_count") + 1)
    return link


@transaction.atomic
def unlink_answer_evidence(*, link, answer: Answer, actor) -> None:
    _locked, row = _evidence_row(answer.assessment, answer.item_key, actor)
    unlink_evidence(link=link, actor=actor)
    Answer.objects.filter(pk=row.pk).update(evidence_count=F("evidence_count") - 1)


# --- the workflow -------------------------------------------------------------------------------


@transaction.atomic
def submit(*, assessment: Assessment, actor) -> Assessment:
    if not policies.can_manage(actor, assessment.satker):
        raise PermissionDenied
    done = transition(assessment, actor=actor, allowed_from=EDITABLE, to=Status.SUBMITTED,
                      action=AuditAction.ASSESSMENT_SUBMITTED,
                      changes={"submitted_at": timezone.now()})
    done.answers.filter(returned=True).update(returned=False)
    return done


@transaction.atomic
def return_items(*, assessment: Assessment, actor, item_keys, note: str = "") -> Assessment:
    """Send items back to the satker with the evaluator's note (at least one item)."""
    if not policies.can_verify(actor, assessment):
        raise PermissionDenied
    keys = sorted(set(item_keys))
    if not keys:
        raise ValidationError(_("Pilih butir yang dikembalikan."), code="required")
    note = _clean_note(note)
    locked = lock(assessment)
    if locked.status != Status.SUBMITTED:
        raise ValidationError(_("Penilaian ini tidak sedang diverifikasi."), code="wrong_status")
    for key in keys:
        item = _item(locked, key)
        if item.computed:
            raise ValidationError(_("Butir %(n)s dihitung otomatis.") % {"n": item.number},
                                  code="computed")
        row = _row(locked, key)
        row.returned = True
        if note:
            row.evaluator_note = note
        row.version += 1
        row.save()
    return transition(locked, actor=actor, allowed_from=(Status.SUBMITTED,),
                      to=Status.RETURNED, action=AuditAction.ASSESSMENT_RETURNED)


@transaction.atomic
def finalise(*, assessment: Assessment, actor) -> Assessment:
    """Lock the assessment with the evaluator's values (reform-evaluation.md: finalised
    assessments are locked)."""
    if not policies.can_verify(actor, assessment):
        raise PermissionDenied
    return transition(assessment, actor=actor, allowed_from=(Status.SUBMITTED,),
                      to=Status.FINAL, action=AuditAction.ASSESSMENT_FINALISED,
                      changes={"finalised_at": timezone.now(), "finalised_by": actor})


@transaction.atomic
def reopen(*, assessment: Assessment, actor, reason: str) -> Assessment:
    """Changes after finalising need a reopening with a reason (audited)."""
    if not policies.can_verify(actor, assessment):
        raise PermissionDenied
    reason = " ".join((reason or "").split())
    if len(reason) < 10:
        raise ValidationError({"reason": _("Tuliskan alasan pembukaan kembali (paling sedikit "
                                           "10 karakter).")}, code="required")
    return transition(assessment, actor=actor, allowed_from=(Status.FINAL,),
                      to=Status.SUBMITTED, action=AuditAction.ASSESSMENT_REOPENED,
                      changes={"reopen_reason": reason[:NOTE_MAX], "finalised_at": None,
                               "finalised_by": None})
