"""Forms of the survey: the public questionnaire (guarded), paper entry, survey and follow-up
management. The rules live in ``services`` (clean_response); forms shape the input."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from prima.core.public_forms import PublicFormGuard

from .choices import Education, Job, PeriodKind, ServiceKey, Sex
from .elements import ELEMENTS
from .models import FollowUp


class QuestionnaireFields(forms.Form):
    """The nine elements with their exact answer labels, then the respondent profile."""

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.fields["service"] = forms.ChoiceField(
            label=_("Layanan yang Anda terima"), choices=survey.service_choices(),
            widget=forms.RadioSelect,
            error_messages={"required": _("Pilih layanan yang Anda terima."),
                            "invalid_choice": _("Pilih layanan yang Anda terima.")})
        for element in ELEMENTS:
            self.fields[element.field] = forms.ChoiceField(
                label=f"{element.code}. {element.name}", help_text=element.question,
                choices=[(str(i), label) for i, label in enumerate(element.answers, 1)],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Unsur %(code)s (%(name)s) wajib dijawab.")
                    % {"code": element.code, "name": element.name},
                    "invalid_choice": _("Jawaban unsur %(code)s harus bernilai 1 sampai 4.")
                    % {"code": element.code}})
        self.fields["sex"] = forms.ChoiceField(label=_("Jenis kelamin"), choices=Sex.choices,
                                               widget=forms.RadioSelect)
        self.fields["age"] = forms.IntegerField(label=_("Usia (tahun)"), min_value=10,
                                                max_value=120)
        self.fields["education"] = forms.ChoiceField(
            label=_("Pendidikan terakhir"), choices=[("", "—"), *Education.choices])
        self.fields["job"] = forms.ChoiceField(label=_("Pekerjaan"),
                                               choices=[("", "—"), *Job.choices])
        self.fields["suggestion"] = forms.CharField(
            label=_("Saran dan masukan"), required=False, max_length=2000,
            widget=forms.Textarea(attrs={"rows": 4}))


class QuestionnaireForm(PublicFormGuard, QuestionnaireFields):
    """The public questionnaire (link, QR code, invitation)."""


class PaperForm(QuestionnaireFields):
    """A paper questionnaire entered by an officer, with its date."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answered_on"] = forms.DateField(
            label=_("Tanggal pengisian"), widget=forms.DateInput(attrs={"type": "date"}))
        self.fields["answered_time"] = forms.TimeField(
            label=_("Jam pengisian"), required=False,
            widget=forms.TimeInput(attrs={"type": "time"}))


class SurveyForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=200)
    period_kind = forms.ChoiceField(label=_("Periode"), choices=PeriodKind.choices)
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    period_number = forms.IntegerField(label=_("Periode ke-"), min_value=1, max_value=4,
                                       help_text=_("Triwulan 1–4, semester 1–2, atau 1 untuk "
                                                   "tahunan."))
    services = forms.MultipleChoiceField(label=_("Layanan yang disurvei"),
                                         choices=ServiceKey.choices,
                                         widget=forms.CheckboxSelectMultiple)
    population = forms.IntegerField(
        label=_("Perkiraan jumlah pengguna layanan (N)"), required=False, min_value=1,
        help_text=_("Untuk saran jumlah sampel menurut tabel Krejcie–Morgan."))
    is_published = forms.BooleanField(label=_("Tampilkan hasil di halaman publik"),
                                      required=False, initial=True)


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["element", "action", "owner", "deadline", "status", "progress"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"}),
                   "action": forms.Textarea(attrs={"rows": 3}),
                   "progress": forms.Textarea(attrs={"rows": 3})}
