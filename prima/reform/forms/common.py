"""Pieces the reform forms share: date and time inputs, choice fields labelled for people and
documents, the satker's decrees and people, the hidden version of optimistic concurrency.

Forms validate and shape data; the views hand ``cleaned_data`` to ``services``, which enforce
the rules again. Choice querysets are always limited to the satker in hand, so a forged id
from another satker fails validation like an unknown one.
"""

from __future__ import annotations

from django import forms

from prima.accounts.models import User
from prima.organisations.choices import DocumentKind
from prima.organisations.models import Document, Satker


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number} — {obj.subject} ({obj.date:%d-%m-%Y})"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


def decrees_of(satker: Satker):
    """The satker's decrees (SK), newest first: the only documents a team or plan rests on."""
    return (Document.objects.filter(satker=satker, kind=DocumentKind.DECREE)
            .only("pk", "number", "subject", "date").order_by("-date", "-id"))


def people_of(satker: Satker):
    """Users with an active role in the satker (each once)."""
    return (User.objects.filter(memberships__satker=satker, memberships__is_active=True,
                                is_active=True)
            .distinct().only("pk", "full_name", "email").order_by("full_name"))


def clean_spaces(value: str) -> str:
    return " ".join((value or "").split())



def version_field():
    return forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class PlanVersionForm(forms.Form):
    """The version (of a plan or a report) the person started from, for the actions without
    other fields."""

    version = version_field()

