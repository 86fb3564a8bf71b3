"""The survey report (domain/survey-ikm.md "Report"): period and method, respondent profile,
NRR per element ranked (weakest first), IKM and category per service and for the unit, the
trend against earlier periods, suggestions, and the follow-up plan with the progress of the
previous period's plan. Every figure comes from grouped aggregates (a fixed number of
queries, whatever the number of responses)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, CharField, Count, Q, Value, When
from django.utils.translation import gettext as _

from prima.core import charts

from . import ikm
from .choices import AgeGroup, Channel, Education, Job, ServiceKey, Sex
from .elements import ELEMENTS
from .models import FollowUp, Response, Survey

SUGGESTIONS_SHOWN = 200
WEAKEST = 3

AGE_BANDS = Case(
    When(age__lt=20, then=Value(AgeGroup.UNDER_20)),
    When(age__lt=30, then=Value(AgeGroup.TWENTIES)),
    When(age__lt=40, then=Value(AgeGroup.THIRTIES)),
    When(age__lt=50, then=Value(AgeGroup.FORTIES)),
    default=Value(AgeGroup.FIFTY_PLUS), output_field=CharField())


@dataclass
class ProfileTable:
    title: str
    rows: list[tuple[str, int, Decimal]] = field(default_factory=list)  # label, n, share %


@dataclass
class Report:
    survey: Survey
    result: ikm.Result
    by_service: list[tuple[str, ikm.Result]]
    ranked: list[tuple[object, Decimal]]
    profile: list[ProfileTable]
    channels: list[tuple[str, int]]
    trend: list[tuple[Survey, ikm.Result]]
    suggestions: list[Response]
    follow_ups: list[FollowUp]
    previous_follow_ups: list[FollowUp]
    previous: Survey | None
    sample_size: int | None

    @property
    def weakest(self):
        return self.ranked[:WEAKEST]

    @property
    def below_sample(self) -> bool:
        return self.sample_size is not None and self.result.n < self.sample_size

    def nrr_chart(self, **options):
        return charts.bar_chart(
            _("NRR per unsur (skala 25–100)"),
            [(f"{e.code} {e.name}", ikm.display(v * ikm.SCALE),
              "red" if i < WEAKEST else None) for i, (e, v) in enumerate(self.ranked)],
            maximum=100, **options)

    def trend_chart(self, **options):
        if not self.trend:
            return None
        return charts.line_chart(
            _("IKM per periode"), [s.period_label() for s, _r in self.trend],
            [(_("IKM"), [r.ikm_display for _s, r in self.trend])], **options)


def _share(n: int, total: int) -> Decimal:
    return (Decimal(n) * 100 / Decimal(total)).quantize(Decimal("0.1")) if total else Decimal(0)


def _profile(responses, total: int) -> list[ProfileTable]:
    """Counts by sex, age band, education and job, in one query."""
    aggregates = {}
    tables = (("sex", _("Jenis kelamin"), Sex), ("education", _("Pendidikan"), Education),
              ("job", _("Pekerjaan"), Job))
    for name, _title, choices in tables:
        for value in choices.values:
            aggregates[f"{name}:{value}"] = Count("pk", filter=Q(**{name: value}))
    for band in AgeGroup.values:
        aggregates[f"age:{band}"] = Count("pk", filter=Q(age_band=band))
    counts = responses.order_by().annotate(age_band=AGE_BANDS).aggregate(**aggregates)
    result = []
    for name, title, choices in (*tables[:1], ("age", _("Usia"), AgeGroup), *tables[1:]):
        table = ProfileTable(str(title))
        for value, label in choices.choices:
            n = counts[f"{name}:{value}"] or 0
            table.rows.append((str(label), n, _share(n, total)))
        result.append(table)
    return result


def build_report(survey: Survey) -> Report:
    responses = Response.objects.filter(survey=survey)
    result = ikm.compute(responses)
    labels = dict(ServiceKey.choices)
    per_service = ikm.compute_by(responses, "service")
    by_service = [(str(labels.get(key, key)), per_service[key])
                  for key in survey.services if key in per_service]
    channel_counts = dict(responses.order_by().values_list("channel").annotate(n=Count("pk")))
    channels = [(str(label), channel_counts.get(value, 0)) for value, label in Channel.choices]
    earlier = list(Survey.objects.filter(satker=survey.satker_id)
                   .filter(Q(year__lt=survey.year)
                           | Q(year=survey.year, period_number__lte=survey.period_number))
                   .order_by("year", "period_number", "id"))
    per_survey = ikm.compute_by(Response.objects.filter(survey__in=earlier), "survey")
    trend = [(s, per_survey[s.pk]) for s in earlier if s.pk in per_survey]
    previous = next((s for s in reversed(earlier) if s.pk != survey.pk
                     and (s.year, s.period_number) < (survey.year, survey.period_number)), None)
    return Report(
        survey=survey, result=result, by_service=by_service, ranked=result.ranked(),
        profile=_profile(responses, result.n), channels=channels, trend=trend,
        suggestions=list(responses.exclude(suggestion="")
                         .only("suggestion", "answered_on", "service")
                         .order_by("-answered_on", "-id")[:SUGGESTIONS_SHOWN]),
        follow_ups=list(survey.follow_ups.all()),
        previous_follow_ups=list(previous.follow_ups.all()) if previous else [],
        previous=previous,
        sample_size=ikm.krejcie_morgan(survey.population) if survey.population else None)


def element_label(code: str) -> str:
    element = next((e for e in ELEMENTS if e.code == code), None)
    return f"{code} {element.name}" if element else code
