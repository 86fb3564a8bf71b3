"""Forms of the core app: the working-day calendar page."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prima.organisations.policies import Purpose, is_system_admin, satkers_for

from . import calendar
from .models import CalendarOverride

MIN_YEAR, MAX_YEAR = 2000, 2100


class SatkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} — {obj.name}"


def _satker_field(queryset, *, required: bool, empty_label, label, help_text=""):
    return SatkerChoiceField(
        queryset=queryset.only("pk", "code", "name", "timezone").order_by("code"),
        to_field_name="code", required=required, empty_label=empty_label, label=label,
        help_text=help_text,
    )


class CalendarFilterForm(forms.Form):
    """Which year, and optionally which satker's layered calendar, the page shows."""

    tahun = forms.IntegerField(label=_("Tahun"), min_value=MIN_YEAR, max_value=MAX_YEAR,
                               required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["satker"] = _satker_field(
            satkers_for(user, Purpose.CALENDAR), required=False,
            empty_label=_("Nasional (tanpa penutupan kantor)"), label=_("Kalender satker"),
        )


class CalendarOverrideForm(forms.Form):
    """Add a day off or cancel a holiday; the service checks the rules and the permission."""

    date = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Jenis"), choices=CalendarOverride.Kind.choices)
    name = forms.CharField(
        label=_("Nama / keterangan"), max_length=200,
        help_text=_("Mis. Cuti Bersama Hari Raya Idul Fitri, atau Kantor ditutup (renovasi)."),
    )
    legal_basis = forms.CharField(
        label=_("Dasar hukum"), max_length=300,
        help_text=_("Mis. Keputusan Bersama Menteri Nomor ... Tahun ..., atau SK Ketua KPU ..."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_system_admin = is_system_admin(user)
        if self.is_system_admin:
            self.fields["satker"] = _satker_field(
                satkers_for(user, Purpose.CALENDAR, write=True), required=False,
                empty_label=_("Nasional (semua satker)"), label=_("Berlaku untuk"),
                help_text=_("Kosongkan untuk perubahan nasional; pilih satker untuk penutupan "
                            "kantor satker itu saja."),
            )
        else:
            # A satker administrator closes the offices of their own satkers only.
            self.fields["satker"] = _satker_field(
                satkers_for(user, Purpose.CALENDAR, write=True), required=True,
                empty_label=None, label=_("Satker"),
            )
            self.fields["kind"].choices = [
                (CalendarOverride.Kind.DAY_OFF, _("Penutupan kantor (hari libur satker)"))
            ]
        self.order_fields(["satker", "date", "kind", "name", "legal_basis"])

    def clean_date(self):
        value = self.cleaned_data["date"]
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            raise forms.ValidationError(_("Tahun harus antara %(min)s dan %(max)s.")
                                        % {"min": MIN_YEAR, "max": MAX_YEAR})
        return value


class WorkingDayCalculatorForm(forms.Form):
    """When is a request due? The time is read in the chosen satker's local time."""

    received_at = forms.DateTimeField(
        label=_("Diterima (tanggal dan jam setempat)"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    days = forms.IntegerField(label=_("Jumlah hari kerja"), min_value=0, max_value=120,
                              initial=10)

    prefix = "hitung"

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["satker"] = _satker_field(
            satkers_for(user, Purpose.CALENDAR), required=False,
            empty_label=_("Tanpa satker (kalender nasional, WIB)"), label=_("Satker"),
            help_text=_("Jam dibaca menurut zona waktu satker (WIB/WITA/WIT)."),
        )
        self.order_fields(["received_at", "satker", "days"])

    def clean(self):
        data = super().clean()
        value = data.get("received_at")
        if value is not None:
            # The field made the typed wall-clock time aware in the site's zone; the officer
            # typed the satker's local time, so attach that zone to the same wall-clock time.
            wall_clock = timezone.make_naive(value) if timezone.is_aware(value) else value
            zone = calendar.local_timezone(data.get("satker"))
            data["received_at"] = wall_clock.replace(tzinfo=zone)
            if not MIN_YEAR <= wall_clock.year <= MAX_YEAR:
                self.add_error("received_at", _("Tahun harus antara %(min)s dan %(max)s.")
                               % {"min": MIN_YEAR, "max": MAX_YEAR})
        return data

    def result(self) -> calendar.Deadline:
        data = self.cleaned_data
        return calendar.deadline(data["received_at"], data["days"], satker=data.get("satker"))


def default_year() -> int:
    return timezone.localdate().year


def year_choices(selected: int) -> list[int]:
    current = default_year()
    years = set(range(current - 2, current + 3)) | {selected}
    return sorted(years)


__all__ = [
    "CalendarFilterForm",
    "CalendarOverrideForm",
    "WorkingDayCalculatorForm",
    "default_year",
    "year_choices",
]
