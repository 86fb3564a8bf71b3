"""Matrix rows of reform evaluation and dashboards: the officer is Jepara's reform team member.

Evaluation (``Purpose.EVALUATION``) belongs to the evaluator of the level above (Jawa Tengah
for Jepara) and the system administrator; the evaluator of Jawa Barat has an inbox of its own
but never sees Jepara's reports. A satker's dashboard is read by its own people and the
evaluators above; the province comparison by the province's people and the evaluators above;
the national overview by KPU RI's people (here the system administrator).
"""

import datetime as dt

from django.utils import timezone

from prima.reform import services
from prima.reform.choices import PlanStatus, ReportStatus
from prima.reform.tests.factories import build_plan, build_report
from tests.permission_matrix import Case, add, objects

JEPARA = "33.20"
JATENG = "33"
OFFICER = "reform"
EVALUATORS = frozenset({"evaluator", "system_admin"})
# Anyone who evaluates somewhere gets the (own-scope) list pages.
EVALUATION_LISTS = EVALUATORS | {"other_evaluator"}
JEPARA_READERS = frozenset({"employee", "officer", "admin", "evaluator", "system_admin"})
PLAN_TITLE = "Rencana Aksi RB Jepara 2019 untuk matriks"
RECOMMENDATION = "Rekomendasi matriks: lengkapi notulen"


@objects
def reform_evaluation_objects(ctx):
    """Jepara's running 2019 plan with quarter I submitted (waiting for evaluation) and quarter
    II sent back with a recommendation that Jepara has answered."""
    people = ctx.people
    plan = build_plan(ctx.tree.jepara, year=2019, areas=2, activities=1, indicators=1,
                      status=PlanStatus.RUNNING, title=PLAN_TITLE)
    ctx.eval_report = build_report(plan, 1, values=10, updated_by=people.reform)
    ctx.eval_report.submitted_at = timezone.now()
    ctx.eval_report.save()
    revised = build_report(plan, 2, values=40, status=ReportStatus.SUBMITTED,
                           updated_by=people.reform)
    services.review_report(report=revised, actor=people.evaluator, verdict="revise",
                           recommendations=[(RECOMMENDATION,
                                             timezone.localdate() + dt.timedelta(days=14))])
    ctx.eval_recommendation = revised.recommendations.get()
    services.respond_recommendation(recommendation=ctx.eval_recommendation,
                                    actor=people.reform, response="Sudah dilengkapi.")


def no_args(ctx):
    return []


def report_args(ctx):
    return [ctx.eval_report.pk]


def recommendation_args(ctx):
    return [ctx.eval_recommendation.pk]


def review_data(ctx):
    return {"verdict": "accepted", "comment": "Baik.", "rec-TOTAL_FORMS": "1",
            "rec-INITIAL_FORMS": "0", "rec-MIN_NUM_FORMS": "0", "rec-MAX_NUM_FORMS": "10",
            "rec-0-text": "", "rec-0-deadline": ""}


add(
    Case("reform-eval-inbox", "reform:eval-inbox", no_args, EVALUATION_LISTS,
         officer=OFFICER, private_text=lambda ctx: PLAN_TITLE, shown_to=EVALUATORS),
    Case("reform-eval-report", "reform:eval-report", report_args, EVALUATORS,
         officer=OFFICER),
    Case("reform-eval-review", "reform:eval-report", report_args, EVALUATORS,
         officer=OFFICER, method="post", data=review_data),
    Case("reform-eval-recommendations", "reform:eval-recommendations", no_args,
         EVALUATION_LISTS, officer=OFFICER, private_text=lambda ctx: RECOMMENDATION,
         shown_to=EVALUATORS),
    Case("reform-eval-recommendation-close-confirm", "reform:eval-recommendation-close",
         recommendation_args, EVALUATORS, officer=OFFICER),
    Case("reform-eval-recommendation-close", "reform:eval-recommendation-close",
         recommendation_args, EVALUATORS, officer=OFFICER, method="post",
         data=lambda ctx: {}),
    Case("reform-dashboard-satker", "reform:dashboard-satker", lambda ctx: [JEPARA],
         JEPARA_READERS, officer=OFFICER),
    Case("reform-dashboard-comparison", "reform:dashboard-comparison", lambda ctx: [JATENG],
         EVALUATORS, officer=OFFICER),
    Case("reform-dashboard-national", "reform:dashboard-national", no_args,
         frozenset({"system_admin"}), officer=OFFICER),
)
