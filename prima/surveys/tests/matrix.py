"""Matrix rows of the survey's staff pages: the officer is Jepara's PPID.

Purpose.SURVEYS: every role of the satker and the evaluators above read; the satker's admin,
head, secretary and PPID write, and the system administrator everywhere. The roll-up is open
to anyone with a survey scope somewhere.
"""

from prima.surveys import services
from prima.surveys.choices import SurveyStatus
from prima.surveys.models import Survey
from tests.permission_matrix import MANAGERS, STAFF, THIS_SATKER, Case, add, objects

from .factories import answers, make_survey

PPID = "ppid"
READERS = THIS_SATKER | {"evaluator"}
WRITERS = MANAGERS


@objects
def survey_objects(ctx):
    ctx.survey = make_survey(ctx.tree.jepara, ctx.people.ppid, title="SKM Matriks Jepara")
    ctx.follow_up = services.save_follow_up(
        survey=ctx.survey, actor=ctx.people.ppid, element="U3", action="Percepat layanan",
        owner="Kasubbag", deadline="2020-06-30")


def code(ctx):
    return ["33.20"]


def survey_args(ctx):
    return ["33.20", ctx.survey.pk]


def survey_data(ctx):
    return {"title": "SKM Semester I", "period_kind": "semester", "year": "2020",
            "period_number": "1", "services": ["permohonan-informasi"], "population": "300",
            "is_published": "on"}


def reset_draft(ctx):
    Survey.objects.filter(pk=ctx.survey.pk).update(status=SurveyStatus.DRAFT)


def reset_open(ctx):
    Survey.objects.filter(pk=ctx.survey.pk).update(status=SurveyStatus.OPEN)


def follow_up_data(ctx):
    return {"element": "U3", "action": "Layanan daring", "owner": "PPID",
            "deadline": "2020-09-30", "status": "in_progress", "progress": "Berjalan"}


def read(name, url_name, args=survey_args, allowed=READERS, **kwargs):
    return Case(name, url_name, args, allowed, officer=PPID, **kwargs)


def write(name, url_name, args=survey_args, data=lambda ctx: {}, **kwargs):
    return Case(name, url_name, args, WRITERS, officer=PPID, method="post", data=data, **kwargs)


add(
    read("surveys-list", "surveys:staff-surveys", code,
         private_text=lambda ctx: "SKM Matriks Jepara", shown_to=READERS),
    read("surveys-rollup", "surveys:staff-rollup", lambda ctx: [], allowed=STAFF),
    read("surveys-detail", "surveys:staff-survey"),
    read("surveys-qr", "surveys:staff-survey-qr"),
    read("surveys-report", "surveys:staff-report"),
    read("surveys-report-pdf", "surveys:staff-report-pdf"),
    read("surveys-report-xlsx", "surveys:staff-report-xlsx"),
    read("surveys-create", "surveys:staff-survey-create", code, allowed=WRITERS),
    write("surveys-create-post", "surveys:staff-survey-create", code, data=survey_data),
    read("surveys-edit", "surveys:staff-survey-edit", allowed=WRITERS),
    write("surveys-edit-post", "surveys:staff-survey-edit", data=survey_data),
    read("surveys-close-confirm", "surveys:staff-survey-close", allowed=WRITERS),
    write("surveys-close", "surveys:staff-survey-close", setup=reset_open),
    read("surveys-open-confirm", "surveys:staff-survey-open", allowed=WRITERS),
    write("surveys-open", "surveys:staff-survey-open", setup=reset_draft),
    read("surveys-paper", "surveys:staff-paper", allowed=WRITERS),
    write("surveys-paper-post", "surveys:staff-paper", setup=reset_open,
          data=lambda ctx: {**answers(3), "answered_on": "2020-02-10"}),
    read("surveys-followup-create", "surveys:staff-followup-create", allowed=WRITERS),
    write("surveys-followup-create-post", "surveys:staff-followup-create",
          data=follow_up_data),
    read("surveys-followup-edit", "surveys:staff-followup-edit",
         lambda ctx: ["33.20", ctx.survey.pk, ctx.follow_up.pk], allowed=WRITERS),
    write("surveys-followup-edit-post", "surveys:staff-followup-edit",
          lambda ctx: ["33.20", ctx.survey.pk, ctx.follow_up.pk], data=follow_up_data),
)
