"""Widgets shared by every app.

``QuickSelect``: a ``<select>`` whose options are written directly instead of through one
template per option. Django's ``Select`` renders each option with its own template, which for a
list of 553 satkers costs more than the rest of the page; the HTML is the same (an accessible
``<select>`` with its label, ``selected`` on the chosen value)."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class QuickSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        if any(isinstance(label, list | tuple) for _value, label in self.choices):
            return super().render(name, value, attrs, renderer)  # option groups: Django's way
        final = {"name": name, **self.build_attrs(self.attrs, attrs or {})}
        chosen = {str(v) for v in (value if isinstance(value, list | tuple) else [value])
                  if v is not None}
        options = format_html_join(
            "", "<option value=\"{}\"{}>{}</option>",
            ((str(v), mark_safe(" selected") if str(v) in chosen else "", label)
             for v, label in self.choices))
        return format_html("<select{}>{}</select>", flatatt(final), options)
