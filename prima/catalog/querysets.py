"""Reused reads of the catalog: which datasets and resources are published, who sees which, and
what a public listing loads with them.

"Published" is defined here once: the public pages, the JSON API (``api.py``), the CKAN
adapter (``ckan/``) and the DCAT feeds (``dcat.py``) all list ``Dataset.objects.published()``,
so they always show the same datasets for the same state (drafts, datasets in review and
withdrawn ones never).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Prefetch, Q

from prima.core import scope
from prima.organisations.policies import Purpose, is_system_admin, memberships_of, satkers_for

from .choices import DatasetStatus


def published_q(prefix: str = "") -> Q:
    """The condition "the dataset is published", from a model ``prefix`` away (``"dataset__"``
    from a resource, ``"datasets__"`` from a tag, topic or satker)."""
    return Q(**{f"{prefix}status": DatasetStatus.PUBLISHED})


class DatasetQuerySet(models.QuerySet):
    def published(self):
        """The datasets the public sees, whoever asks."""
        return self.filter(published_q())

    def visible_to(self, user):
        """Published datasets, plus every dataset (any status) of the satkers ``user`` reads for
        the catalog (``Purpose.CATALOG``: the satker's staff, evaluators above; the system
        administrator everywhere) and of the satkers ``user`` reviews as walidata."""
        if is_system_admin(user):
            return self.all()
        if not memberships_of(user):
            return self.published()
        from .policies import walidata_q

        return self.filter(published_q() | Q(satker__in=satkers_for(user, Purpose.CATALOG))
                           | walidata_q(user))

    def in_subtree(self, satker_or_code):
        """Datasets of ``satker_or_code`` and of every satker below it (KPU RI, "0": all)."""
        return scope.in_subtree(self, satker_or_code, field="satker")

    def with_public_resources(self):
        """With what a dataset's public description shows loaded in a fixed number of queries:
        satker, licence, topics, tags, the resources in their order with their current
        version and their column metadata, and the indicator metadata."""
        from .models import Resource

        return self.select_related("satker", "licence").prefetch_related(
            "topics", "tags", Prefetch("resources", queryset=Resource.objects.select_related(
                "current_version").order_by("position", "id")),
            # Satu Data metadata (MS-Var, MS-Ind) shown by CKAN and DCAT.
            "resources__column_metadata", "indicators")


class ResourceQuerySet(models.QuerySet):
    def published(self):
        """Resources of published datasets (their files and links are public)."""
        return self.filter(published_q("dataset__"))
