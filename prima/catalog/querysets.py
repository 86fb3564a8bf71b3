"""Reused reads of the catalog: which datasets and resources are published, who sees which, and
what a public listing loads with them.

"Published" is defined here once: the public pages, the JSON API (``api.py``), the CKAN
adapter (``ckan/``) and the DCAT feeds (``dcat.py``) all list ``Dataset.objects.published()``,
so they always show the same datasets for the same state (drafts, datasets in review and
withdrawn ones never).
"""

from __future__ import annotations

import re

from django.db import models
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast

from prima.core import scope
from prima.organisations.policies import Purpose, is_system_admin, memberships_of, satkers_for

from .choices import DatasetStatus, VersionStatus

MAX_SEARCH_WORDS = 10
# Weight of a word found in each field (ranking of ``DatasetQuerySet.search``); a dataset whose
# title holds every word gets ``ALL_IN_TITLE`` more on top.
SEARCH_WEIGHTS = {"title": 4, "tags": 3, "columns": 2, "satker": 2, "description": 1}
ALL_IN_TITLE = 10


def search_words(text) -> list[str]:
    """The words of a free-text search: split on spaces, "quoted phrases" kept whole,
    at most ``MAX_SEARCH_WORDS``."""
    words = []
    for match in re.finditer(r'"([^"]*)"|(\S+)', str(text or "")):
        word = (match[1] if match[1] is not None else match[2]).strip()
        if word:
            words.append(word[:100])
    return words[:MAX_SEARCH_WORDS]


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

    def search(self, words):
        """Datasets matching every word (in any order, case-insensitive) in any of: title,
        description, slug, tags, topics, resource names, the satker's name and the column
        labels and names of a published table, annotated with ``score`` (each word weighs
        ``SEARCH_WEIGHTS`` in each field it is found in; every word in the title adds
        ``ALL_IN_TITLE``). ``words`` is a list or a text (``search_words``). The one search
        of the catalog: the public search page and CKAN's ``package_search`` ``q`` use it."""
        from .models import Dataset, Resource

        if isinstance(words, str):
            words = search_words(words)
        if not words:
            return self.annotate(score=Value(0, output_field=IntegerField()))
        score = Value(0, output_field=IntegerField())
        in_title = Q()
        queryset = self
        for word in words:
            tags = Dataset.tags.through.objects.filter(dataset_id=OuterRef("pk"),
                                                       tag__name__icontains=word)
            columns = (Resource.objects.filter(
                dataset_id=OuterRef("pk"), is_tabular=True,
                current_version__status=VersionStatus.PUBLISHED)
                .annotate(schema_text=Cast("current_version__schema", TextField()))
                .filter(schema_text__icontains=word))
            others = Dataset.objects.filter(
                Q(slug__icontains=word) | Q(topics__name__icontains=word)
                | Q(resources__name__icontains=word)).values("pk")
            fields = {
                "title": Q(title__icontains=word),
                "tags": Exists(tags),
                "columns": Exists(columns),
                "satker": Q(satker__name__icontains=word),
                "description": Q(description__icontains=word),
            }
            matches = Q(pk__in=others)
            for condition in fields.values():
                matches |= condition
            queryset = queryset.filter(matches)
            for name, condition in fields.items():
                score = score + Case(When(condition, then=Value(SEARCH_WEIGHTS[name])),
                                     default=Value(0), output_field=IntegerField())
            in_title &= fields["title"]
        score = score + Case(When(in_title, then=Value(ALL_IN_TITLE)), default=Value(0),
                             output_field=IntegerField())
        return queryset.annotate(score=score)

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
