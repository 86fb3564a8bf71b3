"""Organization and group actions: satkers as CKAN organizations, topics as CKAN groups, each
with the number of its published datasets."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext as _

from prima.organisations.models import Satker

from ...models import Topic
from ...querysets import published_q
from ..errors import Invalid, NotFound
from ..params import boolean, integer, required, str_list
from ..shapes import group_dict, organization_dict, package_dict, satker_code_for
from .package import MAX_ROWS, packages


def _counted(queryset, relation: str):
    return queryset.annotate(package_count=Count(
        relation, filter=published_q(f"{relation}__"), distinct=True))


def _listing(params, items: list[dict], default_sort: str, all_fields_limit: int = 1000):
    """CKAN's organization_list/group_list: sort ("name asc", "title asc",
    "package_count desc"), limit, offset, all_fields."""
    sort = str(params.get("sort") or default_sort).strip()
    bits = sort.split()
    if not bits or bits[0] not in ("name", "title", "package_count") or (
            len(bits) > 1 and bits[1].lower() not in ("asc", "desc")):
        raise Invalid({"sort": [_("Urutan tidak dikenal: %(sort)s") % {"sort": sort}]})
    items.sort(key=lambda item: item["name"])
    # Python's sort is stable also in reverse, so ties stay in name order.
    items.sort(key=lambda item: item[bits[0]],
               reverse=len(bits) > 1 and bits[1].lower() == "desc")
    offset = integer(params, "offset", 0)
    limit = integer(params, "limit", all_fields_limit)
    items = items[offset:offset + limit]
    if boolean(params, "all_fields"):
        return items
    return [item["name"] for item in items]


def organization_list(request, params):
    """Satkers as CKAN organizations (names like kpu-33-20); all_fields for dictionaries with
    package_count (published datasets)."""
    satkers = _counted(Satker.objects.all(), "datasets")
    wanted = str_list(params, "organizations")
    items = [organization_dict(s, s.package_count) for s in satkers]
    if wanted:
        items = [item for item in items if item["name"] in wanted]
    return _listing(params, items, "name asc")


def organization_show(request, params):
    """One satker as an organization, by name (kpu-33-20) or id (its code, 33.20);
    include_datasets adds its published datasets (up to 1000)."""
    key = required(params, "id")
    satker = _counted(Satker.objects.filter(code=satker_code_for(key)), "datasets").first()
    if satker is None:
        raise NotFound(_("Organisasi tidak ditemukan."))
    data = organization_dict(satker, satker.package_count)
    data.update({"extras": [{"key": "satker_code", "value": satker.code},
                            {"key": "level", "value": satker.level}],
                 "users": [], "tags": [], "groups": []})
    if boolean(params, "include_datasets"):
        data["packages"] = [package_dict(request, d) for d in
                            packages().filter(satker=satker).order_by("slug")[:MAX_ROWS]]
    return data


def group_list(request, params):
    """Topics as CKAN groups; all_fields for dictionaries with package_count."""
    items = [group_dict(t, t.package_count) for t in _counted(Topic.objects.all(), "datasets")]
    wanted = str_list(params, "groups")
    if wanted:
        items = [item for item in items if item["name"] in wanted]
    return _listing(params, items, "name asc")


def group_show(request, params):
    """One topic as a group, by name (its slug); include_datasets adds published datasets."""
    key = required(params, "id")
    topic = _counted(Topic.objects.filter(slug=key), "datasets").first()
    if topic is None:
        raise NotFound(_("Grup tidak ditemukan."))
    data = group_dict(topic, topic.package_count)
    if boolean(params, "include_datasets"):
        data["packages"] = [package_dict(request, d) for d in
                            packages().filter(topics=topic).order_by("slug")[:MAX_ROWS]]
    return data
