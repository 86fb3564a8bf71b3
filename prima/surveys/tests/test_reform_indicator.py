"""A reform indicator whose realisation is the satker's IKM of the quarter (source = IKM)."""

from decimal import Decimal

from django.urls import reverse

from prima.reform import services as reform_services
from prima.reform.choices import RealisationSource
from prima.reform.models import Indicator
from prima.reform.tests.factories import build_plan, indicators_of

from .factories import bulk_responses, make_survey


def test_ikm_indicator_takes_the_quarter_ikm(tree, people):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=2)
    ikm_indicator, typed = indicators_of(plan)
    Indicator.objects.filter(pk=ikm_indicator.pk).update(source=RealisationSource.IKM,
                                                        target=Decimal(85))
    survey = make_survey(tree.jepara, people.head, quarter=2)
    bulk_responses(survey, [(4,) * 9, (3,) * 9, (3,) * 9, (4,) * 9])  # 87.50
    report = reform_services.save_report(
        plan=plan, quarter=2, actor=people.reform, expected_version=0, data={},
        realisations={str(ikm_indicator.pk): ("10", ""), typed.pk: ("25", "")})
    values = {r.indicator_id: r.value for r in report.realisations.all()}
    assert values[ikm_indicator.pk] == Decimal("87.50")  # the typed 10 is not used
    assert values[typed.pk] == Decimal(25)


def test_ikm_indicator_without_responses_has_no_realisation(tree, people):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1)
    (indicator,) = indicators_of(plan)
    Indicator.objects.filter(pk=indicator.pk).update(source=RealisationSource.IKM)
    report = reform_services.save_report(plan=plan, quarter=3, actor=people.reform,
                                         expected_version=0, data={})
    assert report.realisations.get().value is None


def test_the_report_page_shows_the_ikm(client, login, tree, people):
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1)
    (indicator,) = indicators_of(plan)
    Indicator.objects.filter(pk=indicator.pk).update(source=RealisationSource.IKM)
    bulk_responses(make_survey(tree.jepara, people.head, quarter=1), [(3,) * 9])
    reform_services.save_report(plan=plan, quarter=1, actor=people.reform, expected_version=0,
                                data={})
    login(people.reform)
    page = client.get(reverse("reform:staff-report", args=["33.20", plan.pk, 1]))
    assert page.status_code == 200
    assert "75" in page.content.decode()


def test_the_indicator_form_offers_the_source(tree, people):
    from prima.reform.forms.plans import IndicatorForm

    assert "source" in IndicatorForm.base_fields
    plan = build_plan(tree.jepara, areas=1, activities=1, indicators=1, status="draft")
    (indicator,) = indicators_of(plan)
    saved = reform_services.save_indicator(
        activity=indicator.activity, actor=people.reform, indicator=indicator,
        data={"name": "IKM layanan informasi", "unit": "indeks", "target": "85",
              "source": "ikm"})
    assert saved.source == "ikm"
