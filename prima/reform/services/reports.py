"""Quarterly progress reports: the realisation per indicator, the evidence (data dukung) and
the submission for evaluation. Reports carry a ``version`` for optimistic concurrency: an edit
made on a stale version is refused with a message naming who changed it and when."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prima.core import audit, uploads
from prima.core import evidence as shared_evidence
from prima.organisations.models import Satker

from .. import policies
from ..choices import AuditAction, RealisationSource, ReportStatus
from ..models import (
    ActionPlan,
    Evidence,
    Indicator,
    ProgressReport,
    Realisation,
)
from ..querysets import report_due_date
from .common import SELF, clean_number, clean_text, conflict_error, require

# Evidence files: PDF for now, plus any other kind the upload registry knows.
EVIDENCE_KINDS = tuple(k for k in ("pdf", "xlsx", "docx", "png", "jpeg") if k in uploads.KINDS)

REPORT_FIELDS = ("narrative", "obstacles", "follow_up")


def _reportconflict_error(report: ProgressReport) -> ValidationError:
    return conflict_error(_("Laporan"), report.updated_by, report.updated_at, report.plan.satker)


@transaction.atomic
def save_report(*, actor, data: dict, realisations: dict | None = None, expected_version=None,
                report: ProgressReport | None = None, plan: ActionPlan | None = None,
                quarter: int | None = None) -> ProgressReport:
    """Save a quarter's report: narrative, obstacles, follow-up and the realisation per
    indicator (``{indicator_id: (value, note)}``; a value of ``None`` clears it).

    ``expected_version`` is the version the person loaded (0 for a report not yet created);
    when someone saved in between, nothing is stored and the conflict names them.
    """
    if report is not None:
        plan = report.plan
        quarter = report.quarter
    if plan is None or quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("Pilih triwulan I sampai IV.")}, code="invalid")
    plan = ActionPlan.objects.select_related("satker").get(pk=plan.pk)
    require(policies.can_report_on(actor, plan))
    unknown = set(data) - set(REPORT_FIELDS)
    if unknown:
        raise ValueError(f"Fields not editable here: {sorted(unknown)}")
    locked = (ProgressReport.objects.select_for_update(of=SELF).select_related("plan__satker",
                                                                        "updated_by")
              .filter(plan=plan, quarter=quarter).first())
    expected = None if expected_version in (None, "") else int(expected_version)
    if locked is None:
        if expected not in (None, 0):
            raise ValidationError(_("Laporan ini tidak ditemukan lagi. Muat ulang halaman."),
                                  code="conflict")
        try:
            with transaction.atomic():
                locked = ProgressReport.objects.create(
                    plan=plan, quarter=quarter, due_date=report_due_date(plan.year, quarter),
                    version=0, updated_by=actor)
        except IntegrityError:
            current = ProgressReport.objects.select_related("updated_by", "plan__satker").get(
                plan=plan, quarter=quarter)
            raise _reportconflict_error(current) from None
        before = {}
    else:
        if expected is not None and expected != locked.version:
            raise _reportconflict_error(locked)
        if locked.status not in policies.EDITABLE_REPORT_STATUSES:
            raise ValidationError(
                _("Laporan berstatus “%(status)s” tidak dapat diubah.")
                % {"status": locked.get_status_display()}, code="not_editable")
        before = audit.snapshot(locked)
    labels = {"narrative": _("Uraian capaian"), "obstacles": _("Kendala"),
              "follow_up": _("Rencana tindak lanjut")}
    for name in REPORT_FIELDS:
        if name in data:
            setattr(locked, name, clean_text(data[name], name, labels[name], required=False,
                                             max_length=20000))
    realisations = {int(k): v for k, v in (realisations or {}).items()}
    changes = _save_realisations(locked, {**realisations, **_ikm_realisations(plan, quarter)})
    locked.version += 1
    locked.updated_by = actor
    locked.save()
    audit.record(locked, actor=actor, action=AuditAction.REPORT_SAVED, before=before,
                 after={**audit.snapshot(locked), "realisations": changes},
                 satker=plan.satker_id)
    return locked


def _ikm_realisations(plan: ActionPlan, quarter: int) -> dict:
    """Indicators with source = IKM take the satker's IKM of the quarter as realisation
    (prima.surveys.ikm.satker_ikm), whatever was typed."""
    ids = list(Indicator.objects.filter(activity__programme__plan=plan,
                                        source=RealisationSource.IKM).values_list("pk", flat=True))
    if not ids:
        return {}
    from prima.surveys.ikm import satker_ikm

    value = satker_ikm(plan.satker, plan.year, quarter)
    return {pk: (value, _("IKM survei kepuasan masyarakat")) for pk in ids}


def _save_realisations(report: ProgressReport, realisations: dict) -> dict:
    if not realisations:
        return {}
    ids = {int(k) for k in realisations}
    indicators = set(Indicator.objects.filter(activity__programme__plan=report.plan_id,
                                              pk__in=ids).values_list("pk", flat=True))
    if ids - indicators:
        raise ValidationError(_("Ada indikator yang bukan bagian dari rencana aksi ini."),
                              code="invalid_indicator")
    existing = {r.indicator_id: r for r in report.realisations.filter(indicator_id__in=ids)}
    create, update, changes = [], [], {}
    for key, entry in realisations.items():
        indicator_id = int(key)
        value, note = (entry if isinstance(entry, tuple | list) else (entry, ""))
        value = clean_number(value, f"realisation_{indicator_id}", _("Realisasi"))
        note = clean_text(note, f"note_{indicator_id}", _("Keterangan"), required=False,
                          max_length=5000)
        row = existing.get(indicator_id)
        if row is None:
            if value is None and not note:
                continue
            create.append(Realisation(report=report, indicator_id=indicator_id, value=value,
                                      note=note))
            changes[str(indicator_id)] = [None, None if value is None else str(value)]
        elif row.value != value or row.note != note:
            changes[str(indicator_id)] = [None if row.value is None else str(row.value),
                                          None if value is None else str(value)]
            row.value, row.note = value, note
            update.append(row)
    Realisation.objects.bulk_create(create)
    Realisation.objects.bulk_update(update, ["value", "note"])
    return changes


def _editable_report(report: ProgressReport, actor) -> ProgressReport:
    locked = ProgressReport.objects.select_for_update(of=SELF).select_related("plan__satker").get(
        pk=report.pk)
    require(policies.can_report_on(actor, locked.plan))
    if locked.status not in policies.EDITABLE_REPORT_STATUSES:
        raise ValidationError(_("Laporan berstatus “%(status)s” tidak dapat diubah.")
                              % {"status": locked.get_status_display()}, code="not_editable")
    return locked


def citable_ref(obj) -> shared_evidence.EvidenceRef | None:
    """The shared evidence reference of a record (``prima.core.evidence``), when some app
    declares its kind citable."""
    for src in shared_evidence.sources():
        if isinstance(obj, src.model_class):
            return shared_evidence.EvidenceRef.of(src.key, obj)
    return None


def _check_linked(obj, satker: Satker, actor):
    """The record, when the satker may cite it and the person may see it: the rules of the
    evidence source that declares its kind (its own documents, published datasets, events it
    organised or attended, SOPs, survey reports...)."""
    ref = citable_ref(obj) if obj is not None and obj.pk is not None else None
    try:
        return shared_evidence.check_citable(ref, satker=satker, user=actor)
    except ValidationError:
        raise ValidationError(_("Data yang ditautkan tidak dapat dipakai sebagai data dukung "
                                "satker ini."), code="invalid_link") from None


@transaction.atomic
def add_evidence(*, report: ProgressReport, actor, title: str, upload=None, url: str = "",
                 linked_object=None, indicator: Indicator | None = None) -> Evidence:
    """Data dukung: an uploaded file (checked by content), a link, or a record already in
    Prima (so evidence is not uploaded twice)."""
    locked = _editable_report(report, actor)
    satker = locked.plan.satker
    title = clean_text(title, "title", _("Judul data dukung"))
    url = (url or "").strip()
    if upload is None and not url and linked_object is None:
        raise ValidationError(_("Unggah berkas, isi tautan, atau pilih data di Prima sebagai "
                                "data dukung."), code="required")
    if indicator is not None and not Indicator.objects.filter(
            pk=indicator.pk, activity__programme__plan=locked.plan_id).exists():
        raise ValidationError({"indicator": _("Indikator bukan bagian dari rencana aksi ini.")},
                              code="invalid")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ValidationError({"url": _("Tautan harus alamat web lengkap (https://...).")},
                                  code="invalid") from None
    evidence = Evidence(report=locked, indicator=indicator, title=title, url=url,
                        added_by=actor)
    if linked_object is not None:
        linked_object = _check_linked(linked_object, satker, actor)
        evidence.linked_type = ContentType.objects.get_for_model(linked_object)
        evidence.linked_id = str(linked_object.pk)
    stored_name = None
    try:
        if upload is not None:
            checked = uploads.check_upload(upload, allowed_kinds=EVIDENCE_KINDS)
            evidence.sha256, evidence.size = checked.sha256, checked.size
            evidence.original_name = checked.original_name
            upload.seek(0)
            evidence.file.save(checked.original_name or "data-dukung", upload, save=False)
            stored_name = evidence.file.name
        with transaction.atomic():
            evidence.save()
            audit.record(evidence, actor=actor, action=AuditAction.EVIDENCE_ADDED,
                         satker=satker)
    except BaseException:
        if stored_name:
            evidence.file.storage.delete(stored_name)
        raise
    return evidence


@transaction.atomic
def delete_evidence(*, evidence: Evidence, actor) -> None:
    locked = _editable_report(evidence.report, actor)
    before = audit.snapshot(evidence)
    audit.record(evidence, actor=actor, action=AuditAction.EVIDENCE_DELETED, before=before,
                 after={}, satker=locked.plan.satker)
    name = evidence.file.name if evidence.file else ""
    storage = evidence.file.storage if evidence.file else None
    evidence.delete()
    # The stored file is removed only once the row is gone for good.
    if name and storage is not None and not Evidence.objects.filter(
            sha256=evidence.sha256, report__plan__satker=locked.plan.satker_id).exists():
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def submit_report(*, report: ProgressReport, actor, expected_version=None) -> ProgressReport:
    """Draft (or revised) → submitted for evaluation; at least one realisation is needed."""
    locked = _editable_report(report, actor)
    if expected_version is not None and int(expected_version) != locked.version:
        raise _reportconflict_error(ProgressReport.objects.select_related(
            "updated_by", "plan__satker").get(pk=locked.pk))
    if not locked.realisations.filter(value__isnull=False).exists():
        raise ValidationError(_("Isi realisasi sekurang-kurangnya satu indikator sebelum "
                                "laporan diajukan."), code="empty")
    before = audit.snapshot(locked)
    locked.status = ReportStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.submitted_by = actor
    locked.version += 1
    locked.updated_by = actor
    locked.save()
    audit.record(locked, actor=actor, action=AuditAction.REPORT_SUBMITTED, before=before,
                 satker=locked.plan.satker_id)
    return locked

