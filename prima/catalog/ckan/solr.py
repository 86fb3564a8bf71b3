"""The Solr-like search of ``package_search``: ``q`` and ``fq`` terms, ``sort`` and facets, as
conditions and aggregates on published datasets (no search engine: the database answers)."""

from __future__ import annotations

import datetime as dt
import re

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from prima.organisations.models import Satker

from ..models import Dataset, Licence, Topic
from .errors import SearchQueryError
from .shapes import organization_name, satker_code_for

_TERM = re.compile(
    r'(?P<sign>[+-]?)(?P<field>[A-Za-z_.]+):'
    r'(?:"(?P<quoted>[^"]*)"|\[(?P<low>\S+) TO (?P<high>\S+)\]|(?P<bare>[^\s"]+))'
    r'|"(?P<phrase>[^"]*)"|(?P<word>\S+)'
)
SORT_FIELDS = {
    "metadata_modified": "updated_at", "metadata_created": "created_at",
    "title_string": "title", "title": "title", "name": "slug", "score": "score",
    # ckanext-harvest's CKAN harvester pages with ``sort=id asc``.
    "id": "pk",
}
FACET_FIELDS = {
    "organization": "satker__code", "groups": "topics__slug", "tags": "tags__name",
    "res_format": "resources__format", "license_id": "licence_id",
}


def _range_bound(value: str, field: str):
    if value == "*":
        return None
    for fmt in ("%Y-%m-%dT%H:%M:%S.%fZ", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S",
                "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value, fmt).replace(tzinfo=dt.UTC)
        except ValueError:
            continue
    raise SearchQueryError(_("Rentang waktu %(field)s tidak valid: %(value)s")
                           % {"field": field, "value": value})


def _field_condition(field: str, value: str | None, low=None, high=None) -> Q:
    """One ``field:value`` term of q/fq as a condition on published datasets."""
    if field in ("metadata_modified", "metadata_created"):
        column = SORT_FIELDS[field]
        if low is None and high is None:
            raise SearchQueryError(_("Gunakan rentang [awal TO akhir] untuk %(field)s.")
                                   % {"field": field})
        condition = Q()
        if (start := _range_bound(low, field)) is not None:
            condition &= Q(**{f"{column}__gte": start})
        if (end := _range_bound(high, field)) is not None:
            condition &= Q(**{f"{column}__lte": end})
        return condition
    if value == "*":
        return Q()
    if field == "organization":
        return Q(satker__code=satker_code_for(value))
    if field == "owner_org":
        return Q(satker__code=value)
    if field == "tags":
        return Q(pk__in=Dataset.objects.filter(tags__name=value).values("pk"))
    if field == "groups":
        return Q(pk__in=Dataset.objects.filter(topics__slug=value).values("pk"))
    if field == "res_format":
        return Q(pk__in=Dataset.objects.filter(resources__format__iexact=value).values("pk"))
    if field == "license_id":
        return Q(licence_id=value)
    if field == "name":
        return Q(slug=value)
    if field == "title":
        return Q(title__icontains=value)
    if field == "notes":
        return Q(description__icontains=value)
    if field == "text":
        return text_condition(value)
    if field == "id":
        return Q(pk=int(value)) if value.isdigit() else Q(pk__in=[])
    if field in ("dataset_type", "type"):
        return Q() if value == "dataset" else Q(pk__in=[])
    if field == "state":
        return Q() if value == "active" else Q(pk__in=[])
    if field == "capacity":
        return Q() if value == "public" else Q(pk__in=[])
    raise SearchQueryError(_("Kolom pencarian tidak dikenal: %(field)s") % {"field": field})


def text_condition(word: str) -> Q:
    """A free word, as the catalog's search (``DatasetQuerySet.search``) matches it."""
    return Q(pk__in=Dataset.objects.search([word]).values("pk"))


def parse_terms(text: str) -> tuple[Q, list[str]]:
    """Terms joined by spaces or AND: ``field:value`` (``-`` negates), words and "phrases";
    ``OR`` between two terms makes them alternatives (ckanext-harvest's CKAN harvester sends
    ``organization:a OR organization:b``). Returns the condition and the words that must all
    match (the search ranks them); a word inside an ``OR`` becomes part of the condition."""
    condition, words = Q(), []
    text = (text or "").strip()
    if text in ("", "*:*", "*"):
        return condition, words
    # Clauses joined by AND; each clause is a list of alternatives (Q or word).
    clauses: list[list] = []
    join_next = False
    for match in _TERM.finditer(text):
        if match["field"]:
            value = match["quoted"] if match["quoted"] is not None else match["bare"]
            term = _field_condition(match["field"], value, match["low"], match["high"])
            item = ~term if match["sign"] == "-" else term
        else:
            word = match["phrase"] if match["phrase"] is not None else match["word"]
            if word in ("AND", "&&"):
                continue
            if word in ("OR", "||"):
                if not clauses or join_next:
                    raise SearchQueryError(_("Operator %(op)s harus berada di antara dua "
                                             "syarat.") % {"op": word})
                join_next = True
                continue
            if word == "NOT":
                raise SearchQueryError(_("Operator %(op)s tidak didukung; gunakan tanda - di "
                                         "depan syarat.") % {"op": word})
            item = word.strip()
            if not item:
                continue
        if join_next:
            clauses[-1].append(item)
            join_next = False
        else:
            clauses.append([item])
    if join_next:
        raise SearchQueryError(_("Operator OR harus berada di antara dua syarat."))
    for clause in clauses:
        if len(clause) == 1 and isinstance(clause[0], str):
            words.append(clause[0])
            continue
        items = [text_condition(item) if isinstance(item, str) else item for item in clause]
        if any(not item for item in items):
            continue  # one alternative is "anything" (e.g. ``tags:*``)
        alternatives = items[0]
        for item in items[1:]:
            alternatives |= item
        condition &= alternatives
    return condition, words


def order_by(sort: str, has_score: bool) -> list[str]:
    """``"metadata_modified desc, title_string asc"`` as ORM ordering, ties broken by the
    newest change and then the id; ``score`` counts only when words were searched."""
    ordering = []
    for part in (sort or "").split(","):
        bits = part.split()
        if not bits:
            continue
        if len(bits) > 2 or bits[0] not in SORT_FIELDS or (
                len(bits) == 2 and bits[1].lower() not in ("asc", "desc")):
            raise SearchQueryError(_("Urutan tidak dikenal: %(sort)s") % {"sort": part.strip()})
        column = SORT_FIELDS[bits[0]]
        if column == "score" and not has_score:
            continue
        descending = len(bits) == 2 and bits[1].lower() == "desc"
        ordering.append(("-" if descending else "") + column)
    return ordering + ["-updated_at", "pk"]


def facets(datasets, fields: list[str], limit: int, mincount: int) -> tuple[dict, dict]:
    """CKAN's ``facets`` (value → count) and ``search_facets`` (with display names) of
    ``datasets`` for each of ``fields``."""
    counted, search_facets = {}, {}
    pks = datasets.values("pk")
    for field in fields:
        if field not in FACET_FIELDS:
            raise SearchQueryError(_("Facet tidak dikenal: %(field)s") % {"field": field})
        column = FACET_FIELDS[field]
        rows = (Dataset.objects.filter(pk__in=pks).exclude(**{f"{column}__isnull": True})
                .values(column).annotate(count=Count("pk", distinct=True))
                .filter(count__gte=max(mincount, 1)).order_by("-count", column)[:limit])
        counts = {row[column]: row["count"] for row in rows}
        names = _facet_display_names(field, list(counts))
        if field == "organization":
            counts = {organization_name(code): n for code, n in counts.items()}
            names = {organization_name(code): title for code, title in names.items()}
        if field == "res_format":
            merged: dict[str, int] = {}
            for value, n in counts.items():
                merged[value.upper()] = merged.get(value.upper(), 0) + n
            counts = merged
        counted[field] = counts
        search_facets[field] = {"title": field, "items": [
            {"name": value, "display_name": names.get(value, value), "count": n}
            for value, n in counts.items()]}
    return counted, search_facets


def _facet_display_names(field: str, values: list) -> dict:
    if field == "organization":
        return dict(Satker.objects.filter(code__in=values).values_list("code", "name"))
    if field == "groups":
        return dict(Topic.objects.filter(slug__in=values).values_list("slug", "name"))
    if field == "license_id":
        return dict(Licence.objects.filter(id__in=values).values_list("id", "title"))
    return {}
