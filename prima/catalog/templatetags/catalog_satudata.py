"""``{% data_dictionary resource as dictionary %}``: a table's data dictionary (MS-Var) for the
include ``catalog/public/_data_dictionary.html``, so the table page needs one include line."""

from django import template

from .. import satudata

register = template.Library()


@register.simple_tag
def data_dictionary(resource):
    return satudata.data_dictionary(resource)


@register.simple_tag
def region_filter(resource, dictionary):
    """The region-code columns of the table and the satkers to filter them by (the satker
    tree: a satker's rows are those of its code and every code below it)."""
    from prima.organisations.models import Satker

    columns = [e for e in dictionary if e["reference"] == "wilayah"]
    if not columns:
        return None
    return {"columns": columns,
            "satkers": list(Satker.objects.order_by("code").values_list("code", "name"))}
