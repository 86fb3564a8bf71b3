"""``{% data_dictionary resource as dictionary %}``: a table's data dictionary (MS-Var) for the
include ``catalog/public/_data_dictionary.html``, so the table page needs one include line."""

from django import template

from .. import satudata

register = template.Library()


@register.simple_tag
def data_dictionary(resource):
    return satudata.data_dictionary(resource)
