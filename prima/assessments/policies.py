"""Who may see, fill and verify assessments, built on ``organisations.policies``.

- Read (``Purpose.ASSESSMENT``): every role of the satker; evaluators above read the satkers
  below once an assessment is submitted (drafts stay inside the satker).
- Fill (self answers, evidence, submit): admin, head, secretary and the reform team of the
  satker, while the assessment is a draft or sent back.
- Verify (evaluator answers, send back, finalise, reopen): ``Purpose.EVALUATION`` write, i.e.
  the evaluators of the level above (a province for its kabupaten/kota, KPU RI for provinces)
  and the system administrator; never the satker itself.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from prima.organisations.policies import RULES, Purpose, can, is_system_admin, memberships_of
from prima.organisations.policies import satkers_for as _satkers_for

from .choices import EDITABLE, Status
from .models import Assessment


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def own_satker_ids(user) -> set[int]:
    roles = RULES[Purpose.ASSESSMENT].read
    return {m.satker_id for m in memberships_of(user) if m.role in roles}


def assessments_visible_to(user) -> QuerySet[Assessment]:
    if not _active(user):
        return Assessment.objects.none()
    if is_system_admin(user):
        return Assessment.objects.all()
    return Assessment.objects.filter(
        Q(satker__in=own_satker_ids(user))
        | (Q(satker__in=_satkers_for(user, Purpose.ASSESSMENT)) & ~Q(status=Status.DRAFT)))


def can_see(user, assessment: Assessment) -> bool:
    if not can(user, Purpose.ASSESSMENT, assessment.satker):
        return False
    return (assessment.status != Status.DRAFT or is_system_admin(user)
            or assessment.satker_id in own_satker_ids(user))


def can_manage(user, satker) -> bool:
    """Start assessments and fill the satker's own answers."""
    return can(user, Purpose.ASSESSMENT, satker, write=True)


def can_fill(user, assessment: Assessment) -> bool:
    return can_manage(user, assessment.satker) and assessment.status in EDITABLE


def can_verify(user, assessment: Assessment) -> bool:
    """The level above (evaluators below their own satker) or the system administrator."""
    return can(user, Purpose.EVALUATION, assessment.satker, write=True)


def satkers_for(user, *, write: bool = False):
    return _satkers_for(user, Purpose.ASSESSMENT, write=write)
