"""Who may see and change catalog datasets, built on ``organisations.policies``.

Published datasets are public. Drafts, datasets in review and withdrawn ones are seen only by
the staff of their satker (every role, ``Purpose.CATALOG`` read), by evaluators above
(read-only) and by the walidata reviewing them; they are changed by the satker's admin, head,
secretary and PPID (``Purpose.CATALOG`` write) and by the system administrator.

Walidata (domain satu-data.md: "the data steward who checks the data and metadata before it is
published; in KPU, a unit at KPU RI or the province"): a person with a role that writes
``Purpose.CATALOG_REVIEW`` (the ``walidata`` role) reviews the datasets of their satker and of
every satker below it (``core.scope``), so a province walidata reviews its kabupaten/kota.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from prima.core.scope import is_in_subtree, subtree_q
from prima.organisations.policies import (
    RULES,
    Purpose,
    can,
    is_system_admin,
    memberships_of,
    satkers_for,
)

from .choices import VersionStatus
from .models import Dataset, ResourceVersion

# Versions anyone may download once the dataset is public: the current one and older ones.
PUBLIC_VERSION_STATUSES = (VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED)


def _is_staff(user) -> bool:
    return is_system_admin(user) or bool(memberships_of(user))


def _walidata_memberships(user) -> list:
    roles = RULES[Purpose.CATALOG_REVIEW].write
    return [m for m in memberships_of(user) if m.role in roles]


def walidata_q(user, field: str = "satker") -> Q:
    """Rows whose satker (``field``) lies in the subtree of a satker where ``user`` is
    walidata (no row for anyone else)."""
    condition = Q(pk__in=[])
    for membership in _walidata_memberships(user):
        condition |= subtree_q(membership.satker, field=field)
    return condition


def is_walidata_for(user, satker) -> bool:
    """Whether ``user`` reviews the datasets of ``satker``: walidata of it or of a satker
    above it, or the system administrator (no query for members)."""
    if is_system_admin(user):
        return True
    return any(is_in_subtree(satker.code, m.satker.code) for m in _walidata_memberships(user))


def is_walidata_anywhere(user) -> bool:
    return is_system_admin(user) or bool(_walidata_memberships(user))


def datasets_visible_to(user) -> QuerySet[Dataset]:
    """Published datasets, plus every dataset of the satkers ``user`` reads for the catalog
    (``DatasetQuerySet.visible_to``)."""
    return Dataset.objects.visible_to(user)


def staff_datasets(user) -> QuerySet[Dataset]:
    """Every dataset (any status) of the satkers ``user`` reads for the catalog."""
    if not _is_staff(user):
        return Dataset.objects.none()
    if is_system_admin(user):
        return Dataset.objects.all()
    return Dataset.objects.filter(Q(satker__in=satkers_for(user, Purpose.CATALOG))
                                  | walidata_q(user))


def can_preview_dataset(user, dataset: Dataset) -> bool:
    """Whether ``user`` may see ``dataset`` although it is not published."""
    return can(user, Purpose.CATALOG, dataset.satker) or is_walidata_for(user, dataset.satker)


def can_edit_dataset(user, dataset: Dataset) -> bool:
    return can(user, Purpose.CATALOG, dataset.satker, write=True)


def can_create_for(user, satker) -> bool:
    return can(user, Purpose.CATALOG, satker, write=True)


def writable_satkers(user):
    return satkers_for(user, Purpose.CATALOG, write=True)


def can_download_version(user, version: ResourceVersion, dataset: Dataset) -> bool:
    """The public downloads published and superseded versions of a published dataset; the
    satker's staff (and evaluators above) every version."""
    if can_preview_dataset(user, dataset):
        return True
    return dataset.is_published and version.status in PUBLIC_VERSION_STATUSES
