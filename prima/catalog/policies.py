"""Who may see and change catalog datasets, built on ``organisations.policies``.

Published datasets are public. Drafts, datasets in review and withdrawn ones are seen only by
the staff of their satker (every role, ``Purpose.CATALOG`` read) and by evaluators above
(read-only); they are changed by the satker's admin, head, secretary and PPID
(``Purpose.CATALOG`` write) and by the system administrator.
"""

from __future__ import annotations

from django.db.models import QuerySet

from prima.organisations.policies import Purpose, can, is_system_admin, memberships_of, satkers_for

from .choices import VersionStatus
from .models import Dataset, ResourceVersion

# Versions anyone may download once the dataset is public: the current one and older ones.
PUBLIC_VERSION_STATUSES = (VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED)


def _is_staff(user) -> bool:
    return is_system_admin(user) or bool(memberships_of(user))


def datasets_visible_to(user) -> QuerySet[Dataset]:
    """Published datasets, plus every dataset of the satkers ``user`` reads for the catalog
    (``DatasetQuerySet.visible_to``)."""
    return Dataset.objects.visible_to(user)


def staff_datasets(user) -> QuerySet[Dataset]:
    """Every dataset (any status) of the satkers ``user`` reads for the catalog."""
    if not _is_staff(user):
        return Dataset.objects.none()
    return Dataset.objects.filter(satker__in=satkers_for(user, Purpose.CATALOG))


def can_preview_dataset(user, dataset: Dataset) -> bool:
    """Whether ``user`` may see ``dataset`` although it is not published."""
    return can(user, Purpose.CATALOG, dataset.satker)


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
