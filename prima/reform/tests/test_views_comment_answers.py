"""The satker answers the evaluator's comments on its report: the page and form, the answers
shown beside the comments to both sides, the audit, the permission (only the report's satker
writers answer) and bad input that changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from prima.core.models import AuditEvent
from prima.reform import services
from prima.reform.choices import ReportStatus
from prima.reform.models import ProgressReport, ReviewComment

from .factories import build_plan, build_report, indicators_of
from .helpers import url

GENERAL = "Uraian capaian terlalu singkat."
ON_INDICATOR = "Lampirkan notulen rapat sebagai data dukung."


@pytest.fixture
def reviewed(plan, people):
    """Jepara's quarter II report sent back by the evaluator with a general comment and a
    comment on the first indicator."""
    report = build_report(plan, 2, values=40, updated_by=people.reform)
    first = indicators_of(plan)[0]
    services.review_report(report=report, actor=people.evaluator, verdict="revise",
                           comments=[(None, GENERAL), (first.pk, ON_INDICATOR)])
    report = ProgressReport.objects.get(pk=report.pk)
    general = ReviewComment.objects.get(report=report, indicator=None)
    on_indicator = ReviewComment.objects.get(report=report, indicator=first)
    return report, general, on_indicator


def answers_url(report):
    return url("staff-comment-answers", "33.20", report.plan_id, report.quarter)


def snapshot(report):
    return (list(ReviewComment.objects.filter(report=report).order_by("pk")
                 .values_list("answer", "answered_by", "answered_at")),
            AuditEvent.objects.filter(action="reform.comment_answered").count())


# --- the service ---------------------------------------------------------------------------------


def test_answers_are_kept_beside_each_comment_and_audited(tree, people, reviewed):
    report, general, on_indicator = reviewed

    changed = services.answer_comments(report=report, actor=people.reform, answers={
        general.pk: "  Uraian sudah dilengkapi dengan capaian per area. ",
        on_indicator.pk: ""})

    assert changed == [general]
    general.refresh_from_db()
    on_indicator.refresh_from_db()
    assert (general.answer, general.answered_by) == (
        "Uraian sudah dilengkapi dengan capaian per area.", people.reform)
    assert general.answered_at is not None
    assert (on_indicator.answer, on_indicator.answered_by) == ("", None)
    event = AuditEvent.objects.get(action="reform.comment_answered")
    assert (event.actor, event.satker, event.object_id) == (people.reform, tree.jepara,
                                                            str(general.pk))
    assert event.changes["answer"] == ["", "Uraian sudah dilengkapi dengan capaian per area."]


def test_an_answer_can_be_changed_but_not_emptied(people, reviewed):
    report, general, _on_indicator = reviewed
    services.answer_comments(report=report, actor=people.reform,
                             answers={general.pk: "Sudah dilengkapi."})
    before = snapshot(report)

    with pytest.raises(ValidationError) as refused:
        services.answer_comments(report=report, actor=people.admin,
                                 answers={general.pk: "   "})

    assert refused.value.message_dict == {f"answer_{general.pk}": [
        "Tanggapan yang sudah dikirim tidak dapat dikosongkan; ubah isinya bila perlu."]}
    assert snapshot(report) == before
    services.answer_comments(report=report, actor=people.admin,
                             answers={general.pk: "Sudah dilengkapi per area."})
    general.refresh_from_db()
    assert (general.answer, general.answered_by) == ("Sudah dilengkapi per area.", people.admin)
    assert AuditEvent.objects.filter(action="reform.comment_answered").count() == 2


EMPTY = "Tulis sekurang-kurangnya satu tanggapan baru atau ubah tanggapan yang sudah ada."
NOT_EVALUATOR_COMMENT = "Ada komentar yang bukan komentar evaluator pada laporan ini."


@pytest.mark.parametrize(("answers", "message"), [
    ("nothing", EMPTY),
    ("blank", EMPTY),
    ("too_long", "Tanggapan paling banyak 5000 karakter."),
    ("other_report", NOT_EVALUATOR_COMMENT),
    ("not_a_number", NOT_EVALUATOR_COMMENT),
], ids=["nothing", "all-blank", "too-long", "comment-of-another-report", "junk-id"])
def test_bad_answers_change_nothing(tree, people, reviewed, answers, message):
    report, general, on_indicator = reviewed
    other_plan = build_plan(tree.jepara, year=2021, areas=1, activities=1, indicators=1)
    other = ReviewComment.objects.create(report=build_report(other_plan, 1), text="Lain.",
                                         author=people.evaluator)
    answers = {
        "nothing": {},
        "blank": {general.pk: "", on_indicator.pk: " "},
        "too_long": {general.pk: "x" * 5001},
        "other_report": {other.pk: "Jawaban."},
        "not_a_number": {"satu": "Jawaban."},
    }[answers]
    before = snapshot(report)

    with pytest.raises(ValidationError) as refused:
        services.answer_comments(report=report, actor=people.reform, answers=answers)

    assert refused.value.messages == [message]
    assert snapshot(report) == before
    assert ReviewComment.objects.get(pk=other.pk).answer == ""


@pytest.mark.parametrize("who", ["evaluator", "employee", "other_admin", "citizen"])
def test_only_the_satkers_writers_answer(people, reviewed, who):
    report, general, _on_indicator = reviewed
    before = snapshot(report)

    with pytest.raises(PermissionDenied):
        services.answer_comments(report=report, actor=getattr(people, who),
                                 answers={general.pk: "Jawaban."})

    assert snapshot(report) == before


# --- the pages -----------------------------------------------------------------------------------


def test_team_answers_on_the_page_and_both_sides_see_the_answer(people, login, reviewed):
    report, general, on_indicator = reviewed
    client = login(people.reform)
    report_page = client.get(url("staff-report", "33.20", report.plan_id, 2)).content.decode()
    assert answers_url(report) in report_page
    assert "Belum ditanggapi satker." in report_page

    form = client.get(answers_url(report))

    assert form.status_code == 200
    html = form.content.decode()
    assert GENERAL in html and ON_INDICATOR in html
    assert f'name="answer_{general.pk}"' in html and f'name="answer_{on_indicator.pk}"' in html

    response = client.post(answers_url(report), {
        f"answer_{general.pk}": "Uraian sudah dilengkapi.",
        f"answer_{on_indicator.pk}": "Notulen rapat 3 Juli diunggah."})

    assert response["Location"] == (url("staff-report", "33.20", report.plan_id, 2)
                                    + "#komentar")
    assert sorted(ReviewComment.objects.filter(report=report)
                  .values_list("answer", flat=True)) == [
        "Notulen rapat 3 Juli diunggah.", "Uraian sudah dilengkapi."]
    assert AuditEvent.objects.filter(action="reform.comment_answered").count() == 2
    satker_page = client.get(url("staff-report", "33.20", report.plan_id, 2)).content.decode()
    assert "Uraian sudah dilengkapi." in satker_page
    assert "Notulen rapat 3 Juli diunggah." in satker_page
    assert "Belum ditanggapi satker." not in satker_page

    evaluator_page = login(people.evaluator).get(url("eval-report", report.pk))

    html = evaluator_page.content.decode()
    assert "Uraian sudah dilengkapi." in html and "Notulen rapat 3 Juli diunggah." in html
    assert "Tim RB Jepara" in html


def test_the_page_keeps_what_was_typed_when_refused(people, login, reviewed):
    report, general, on_indicator = reviewed
    client = login(people.reform)

    response = client.post(answers_url(report), {f"answer_{general.pk}": "x" * 5001,
                                                  f"answer_{on_indicator.pk}": "Sudah."})

    assert response.status_code == 400
    assert "paling banyak 5000 karakter" in response.content.decode()
    assert snapshot(report) == ([("", None, None), ("", None, None)], 0)

    empty = client.post(answers_url(report), {f"answer_{general.pk}": "",
                                              f"answer_{on_indicator.pk}": ""})

    assert empty.status_code == 400
    assert "Tulis sekurang-kurangnya satu tanggapan baru" in empty.content.decode()


@pytest.mark.parametrize("who", ["evaluator", "employee", "other_admin", "other_evaluator",
                                 "citizen"])
def test_people_who_may_not_answer_get_404_and_change_nothing(people, login, reviewed, who):
    report, general, _on_indicator = reviewed
    client = login(getattr(people, who))
    before = snapshot(report)

    assert client.get(answers_url(report)).status_code == 404
    assert client.post(answers_url(report),
                       {f"answer_{general.pk}": "Jawaban."}).status_code == 404

    assert snapshot(report) == before


def test_no_answer_page_for_a_draft_or_a_report_without_comments(people, login, plan):
    draft = build_report(plan, 1, status=ReportStatus.DRAFT, updated_by=people.reform)
    plain = build_report(plan, 3, status=ReportStatus.SUBMITTED, updated_by=people.reform)
    client = login(people.reform)

    assert client.get(answers_url(draft)).status_code == 404
    response = client.get(answers_url(plain))

    assert response["Location"] == url("staff-report", "33.20", plan.pk, 3)
    assert answers_url(plain) not in client.get(
        url("staff-report", "33.20", plan.pk, 3)).content.decode()
