"""``{% load prima_forms %}{% error_summary form formset ... %}``: every error of a long page
listed at the top, each linked to its field, with focus moved there on load (GOV.UK's error
summary pattern; ``prima/static/prima/prima.js`` moves the focus)."""

from django import forms, template
from django.template.loader import render_to_string
from django.utils.translation import ngettext

register = template.Library()


def _field_errors(form: forms.BaseForm) -> list[dict]:
    items = [{"text": str(error), "anchor": ""} for error in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS or name not in form.fields:
            continue
        field = form[name]
        label = field.label or name
        anchor = field.auto_id or ""
        choices = forms.RadioSelect | forms.CheckboxSelectMultiple
        if anchor and isinstance(field.field.widget, choices):
            anchor = f"{anchor}_0"
        items += [{"text": f"{label}: {error}", "anchor": anchor} for error in errors]
    return items


def error_items(*forms_or_sets) -> list[dict]:
    """The errors of the forms and formsets given (``None`` skipped), in page order."""
    items: list[dict] = []
    for item in forms_or_sets:
        if item is None:
            continue
        if isinstance(item, forms.BaseFormSet):
            items += [{"text": str(e), "anchor": ""} for e in item.non_form_errors()]
            for form in item.forms:
                items += _field_errors(form)
        elif isinstance(item, forms.BaseForm):
            items += _field_errors(item)
        else:  # an iterable of forms (e.g. one comment form per indicator)
            items += error_items(*item)
    return items


@register.simple_tag
def error_summary(*forms_or_sets):
    items = error_items(*forms_or_sets)
    if not items:
        return ""
    return render_to_string("includes/error_summary.html", {
        "items": items,
        "title": ngettext("Ada %(n)s isian yang perlu diperbaiki",
                         "Ada %(n)s isian yang perlu diperbaiki", len(items)) % {"n": len(items)}})
