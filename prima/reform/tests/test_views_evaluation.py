"""Evaluation pages: the inbox of the level above, the review of a report (comments, verdict,
recommendations), the recommendations list and closing; scope (404) and bad input."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from prima.core.models import AuditEvent
from prima.organisations.choices import Role
from prima.organisations.tests.factories import member, pdf_bytes
from prima.reform import services
from prima.reform.choices import RecommendationStatus, ReportStatus
from prima.reform.models import ProgressReport, Recommendation, ReviewComment

from .factories import build_plan, build_report, indicators_of
from .helpers import url


@pytest.fixture
def report(plan, people):
    """Quarter II submitted: realisations 40, 20, 40, 40 (100%, 50%, 100%, 100% of the
    quarter's expected 40%)."""
    values = dict(zip([i.pk for i in indicators_of(plan)], [40, 20, 40, 40], strict=True))
    report = build_report(plan, 2, values=values, updated_by=people.reform)
    report.submitted_at = timezone.now()
    report.save()
    return report


@pytest.fixture
def bogor_report(tree):
    plan = build_plan(tree.bogor, year=2020, areas=1, activities=1, indicators=1)
    return build_report(plan, 1, values=5)


def future(days=30):
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def review_post(verdict="", comment="", indicator_comments=None, recommendations=()):
    data = {"verdict": verdict, "comment": comment, "rec-TOTAL_FORMS": "3",
            "rec-INITIAL_FORMS": "0", "rec-MIN_NUM_FORMS": "0", "rec-MAX_NUM_FORMS": "10"}
    for pk, text in (indicator_comments or {}).items():
        data[f"comment_{pk}"] = text
    for n, (text, deadline) in enumerate(recommendations):
        data[f"rec-{n}-text"] = text
        data[f"rec-{n}-deadline"] = deadline
    return data


def state(report):
    report.refresh_from_db()
    return (report.status, report.version, ReviewComment.objects.filter(report=report).count(),
            Recommendation.objects.filter(report=report).count())


# --- inbox -------------------------------------------------------------------------------------


def test_inbox_lists_the_reports_below_the_evaluator(people, login, report, bogor_report, plan):
    build_report(plan, 3, status=ReportStatus.DRAFT)
    client = login(people.evaluator)
    response = client.get(url("eval-inbox"))
    assert response.status_code == 200
    page = list(response.context["page_obj"])
    assert page == [report]
    html = response.content.decode()
    assert "KPU Kabupaten Jepara" in html or report.plan.satker.name in html
    assert url("eval-report", report.pk) in html
    assert url("eval-report", bogor_report.pk) not in html
    assert response.context["counts"] == {"waiting": 1, "revise": 0, "accepted": 0}


def test_inbox_of_the_other_province_shows_only_its_own(people, login, report, bogor_report):
    client = login(people.other_evaluator)
    page = list(client.get(url("eval-inbox")).context["page_obj"])
    assert page == [bogor_report]


@pytest.mark.parametrize("who", ["employee", "reform", "admin", "head", "other_admin",
                                 "citizen"])
def test_people_who_evaluate_nothing_get_404(people, login, report, who):
    client = login(getattr(people, who))
    assert client.get(url("eval-inbox")).status_code == 404
    assert client.get(url("eval-report", report.pk)).status_code == 404
    assert client.get(url("eval-recommendations")).status_code == 404


def test_inbox_filters(people, login, tree, report, plan):
    accepted = build_report(plan, 1, status=ReportStatus.ACCEPTED)
    kudus_plan = build_plan(tree.kudus, year=2021, areas=1, activities=1, indicators=1)
    kudus = build_report(kudus_plan, 1, status=ReportStatus.REVISE)
    client = login(people.evaluator)

    def listed(**query):
        return set(client.get(url("eval-inbox"), query).context["page_obj"])

    assert listed() == {report, accepted, kudus}
    assert listed(status="accepted") == {accepted}
    assert listed(quarter="2") == {report}
    assert listed(year="2021") == {kudus}
    assert listed(satker="33.19") == {kudus}
    assert listed(satker="33") == {report, accepted, kudus}
    # Waiting reports come first.
    assert list(client.get(url("eval-inbox")).context["page_obj"])[0] == report


@pytest.fixture
def evaluator_of_kpu_ri(tree):
    return member(tree.root, Role.EVALUATOR, full_name="Evaluator KPU RI")


@pytest.mark.parametrize("who", ["system_admin", "evaluator_of_kpu_ri"])
def test_inbox_filtered_by_the_root_lists_the_whole_tree(people, login, tree, report,
                                                         bogor_report, evaluator_of_kpu_ri,
                                                         who):
    """Regression: satker "0" (KPU RI) covers every satker below it, not only KPU RI's own
    reports; provinces and kabupaten/kota alike."""
    province = build_report(build_plan(tree.jateng, year=2020, areas=1, activities=1,
                                       indicators=1), 1, status=ReportStatus.ACCEPTED)
    user = evaluator_of_kpu_ri if who == "evaluator_of_kpu_ri" else people.system_admin
    client = login(user)

    def listed(**query):
        return set(client.get(url("eval-inbox"), query).context["page_obj"])

    assert listed(satker="0") == {report, bogor_report, province}
    assert listed(satker="0") == listed()
    assert listed(satker="33") == {report, province}
    assert listed(satker="33.20") == {report}


def test_recommendations_filtered_by_the_root_list_the_whole_tree(people, login, report,
                                                                  bogor_report):
    for item in (report, bogor_report):
        services.review_report(report=item, actor=people.system_admin, verdict="revise",
                               recommendations=[("Lengkapi notulen.", timezone.localdate())])
    client = login(people.system_admin)

    listed = list(client.get(url("eval-recommendations"), {"satker": "0"}).context["page_obj"])

    assert {r.report for r in listed} == {report, bogor_report}


def test_inbox_queries_do_not_grow_with_reports(people, login, tree,
                                                django_assert_max_num_queries):
    plans = [build_plan(s, year=2020, areas=1, activities=1, indicators=1)
             for s in (tree.jepara, tree.kudus)]
    for plan in plans:
        for quarter in (1, 2, 3, 4):
            build_report(plan, quarter)
    client = login(people.evaluator)
    client.get(url("eval-inbox"))  # warm the session and memberships
    with django_assert_max_num_queries(12):
        response = client.get(url("eval-inbox"))
    assert len(response.context["page_obj"]) == 8


# --- review ------------------------------------------------------------------------------------


def test_review_page_shows_achievement_and_evidence(people, login, report, plan):
    indicators = indicators_of(plan)
    # Evidence is added while the report is still being written.
    ProgressReport.objects.filter(pk=report.pk).update(status=ReportStatus.DRAFT)
    services.add_evidence(report=report, actor=people.reform, title="Notulen rapat TW II",
                          upload=SimpleUploadedFile("notulen.pdf", pdf_bytes(),
                                                    "application/pdf"),
                          indicator=indicators[1])
    ProgressReport.objects.filter(pk=report.pk).update(status=ReportStatus.SUBMITTED)
    client = login(people.evaluator)
    response = client.get(url("eval-report", report.pk))
    assert response.status_code == 200
    html = response.content.decode()
    progress = response.context["progress"]
    # Indicator 2 reached 20 of 100 where 40 was expected by quarter II.
    assert [i.achievement for i in progress.indicators] == [D("0.4"), D("0.2"), D("0.4"),
                                                            D("0.4")]
    assert [a.achievement for a in progress.areas] == [D("0.3"), D("0.4")]
    assert progress.achievement == D("0.35")
    assert "35%" in html and "20%" in html
    evidence = report.evidence.get()
    download = url("staff-evidence-download", "33.20", plan.pk, 2, evidence.pk)
    assert download in html
    assert client.get(download).status_code == 200
    assert 'name="verdict"' in html
    assert f'name="comment_{indicators[1].pk}"' in html
    assert "<svg" in html and "<title" in html


def test_evaluator_asks_for_revision_with_comments_and_recommendations(people, login, report,
                                                                       plan):
    indicators = indicators_of(plan)
    client = login(people.evaluator)
    response = client.post(url("eval-report", report.pk), review_post(
        "revise", comment="Lengkapi uraian kendala.",
        indicator_comments={indicators[1].pk: "Realisasi jauh di bawah target, jelaskan."},
        recommendations=[("Susun jadwal percepatan.", future(30)),
                         ("Unggah notulen rapat.", future(14))]))
    assert response.status_code == 302
    assert response["Location"] == url("eval-report", report.pk)
    report.refresh_from_db()
    assert (report.status, report.reviewed_by) == (ReportStatus.REVISE, people.evaluator)
    comments = {(c.indicator_id, c.text) for c in report.comments.all()}
    assert comments == {(None, "Lengkapi uraian kendala."),
                        (indicators[1].pk, "Realisasi jauh di bawah target, jelaskan.")}
    recommendations = sorted((r.text, r.deadline, r.status) for r in report.recommendations.all())
    assert recommendations == [
        ("Susun jadwal percepatan.", timezone.localdate() + dt.timedelta(days=30),
         RecommendationStatus.OPEN),
        ("Unggah notulen rapat.", timezone.localdate() + dt.timedelta(days=14),
         RecommendationStatus.OPEN)]
    assert AuditEvent.objects.filter(action="reform.report_revision_requested").count() == 1
    # The satker sees the verdict, the comments and the recommendations on its report page.
    html = login(people.reform).get(url("staff-report", "33.20", plan.pk, 2)).content.decode()
    assert "Perlu perbaikan" in html
    assert "Lengkapi uraian kendala." in html
    assert "Realisasi jauh di bawah target, jelaskan." in html
    assert "Susun jadwal percepatan." in html
    # The review page no longer offers the verdict form.
    html = login(people.evaluator).get(url("eval-report", report.pk)).content.decode()
    assert 'name="verdict"' not in html
    assert "Realisasi jauh di bawah target, jelaskan." in html


def test_evaluator_accepts_a_resubmitted_report(people, login, report, plan):
    services.review_report(report=report, actor=people.evaluator, verdict="revise",
                           comments=[(None, "Perbaiki.")])
    report.refresh_from_db()
    services.save_report(actor=people.reform, report=report, data={"narrative": "Diperbaiki."},
                         realisations={indicators_of(plan)[1].pk: (D(40), "")},
                         expected_version=report.version)
    report.refresh_from_db()
    services.submit_report(report=report, actor=people.reform, expected_version=report.version)
    client = login(people.evaluator)
    response = client.post(url("eval-report", report.pk), review_post("accepted"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    page = client.get(url("eval-report", report.pk))
    assert page.context["progress"].achievement == D("0.4")


def test_evaluator_of_another_province_cannot_review(people, login, report):
    before = state(report)
    client = login(people.other_evaluator)
    assert client.get(url("eval-report", report.pk)).status_code == 404
    response = client.post(url("eval-report", report.pk), review_post("accepted"))
    assert response.status_code == 404
    assert state(report) == before


def test_jateng_evaluator_cannot_review_a_jawa_barat_report(people, login, bogor_report):
    before = state(bogor_report)
    client = login(people.evaluator)
    assert client.get(url("eval-report", bogor_report.pk)).status_code == 404
    response = client.post(url("eval-report", bogor_report.pk), review_post("accepted"))
    assert response.status_code == 404
    assert state(bogor_report) == before


def test_jepara_staff_cannot_review_their_own_report(people, login, report):
    before = state(report)
    for who in ("admin", "head", "reform"):
        client = login(getattr(people, who))
        response = client.post(url("eval-report", report.pk), review_post("accepted"))
        assert response.status_code == 404
    assert state(report) == before


def test_drafts_are_not_in_review(people, login, plan):
    draft = build_report(plan, 1, status=ReportStatus.DRAFT)
    assert login(people.evaluator).get(url("eval-report", draft.pk)).status_code == 404


@pytest.mark.parametrize(("data", "message"), [
    (review_post(), "Pilih hasil evaluasi: diterima atau perlu perbaikan."),
    (review_post("revise"), "Tuliskan komentar atau rekomendasi yang perlu diperbaiki."),
    (review_post("revise", recommendations=[("Perbaiki jadwal.", "")]),
     "Isi batas waktu rekomendasi ini."),
    (review_post("revise", recommendations=[("", future())]),
     "Tuliskan rekomendasinya atau kosongkan batas waktunya."),
    (review_post("revise", recommendations=[("Terlambat.", "2000-01-01")]),
     "Batas waktu tidak boleh sebelum hari ini."),
    (review_post("revise", recommendations=[("Tanggal salah.", "31-31-2020")]),
     "Masukkan tanggal yang valid."),
    (review_post("maybe"),
     "Masukkan pilihan yang valid. maybe bukan salah satu dari pilihan yang tersedia."),
], ids=["no-verdict", "revise-empty", "no-deadline", "no-text", "past", "bad-date", "bad"])
def test_bad_review_input_changes_nothing(people, login, report, data, message):
    before = state(report)
    response = login(people.evaluator).post(url("eval-report", report.pk), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert state(report) == before


def test_a_second_verdict_is_refused(people, login, report):
    services.review_report(report=report, actor=people.evaluator, verdict="accepted")
    before = state(report)
    client = login(people.evaluator)
    response = client.post(url("eval-report", report.pk), review_post("revise", comment="x"),
                           follow=True)
    assert "Hanya laporan yang sudah diajukan yang dapat dievaluasi." in \
        response.content.decode()
    assert state(report) == before


def test_review_page_queries_are_bounded(people, login, tree, django_assert_max_num_queries):
    big = build_plan(tree.jepara, year=2021, areas=8, activities=3, indicators=3)
    report = build_report(big, 1)
    client = login(people.evaluator)
    client.get(url("eval-report", report.pk))
    with django_assert_max_num_queries(25):
        response = client.get(url("eval-report", report.pk))
    assert len(response.context["progress"].indicators) == 72


# --- recommendations ---------------------------------------------------------------------------


@pytest.fixture
def recommendations(people, report):
    services.review_report(report=report, actor=people.evaluator, verdict="revise",
                           recommendations=[("Rekomendasi terjawab", timezone.localdate()
                                             + dt.timedelta(days=10)),
                                            ("Rekomendasi terbuka", timezone.localdate()
                                             + dt.timedelta(days=20))])
    answered, open_ = report.recommendations.order_by("deadline")
    services.respond_recommendation(recommendation=answered, actor=people.reform,
                                    response="Sudah dilaksanakan.")
    answered.refresh_from_db()
    return answered, open_


def test_recommendation_list_and_filters(people, login, recommendations):
    answered, open_ = recommendations
    client = login(people.evaluator)
    response = client.get(url("eval-recommendations"))
    assert list(response.context["page_obj"]) == [answered, open_]
    html = response.content.decode()
    assert "Sudah dilaksanakan." in html
    assert url("eval-recommendation-close", answered.pk) in html
    assert url("eval-recommendation-close", open_.pk) not in html
    filtered = client.get(url("eval-recommendations"), {"status": "open"})
    assert list(filtered.context["page_obj"]) == [open_]
    assert list(login(people.other_evaluator).get(url("eval-recommendations"))
                .context["page_obj"]) == []


def test_evaluator_closes_an_answered_recommendation(people, login, recommendations):
    answered, _open = recommendations
    client = login(people.evaluator)
    confirm = client.get(url("eval-recommendation-close", answered.pk))
    assert confirm.status_code == 200
    assert "Tandai rekomendasi ini selesai?" in confirm.content.decode()
    answered.refresh_from_db()
    assert answered.status == RecommendationStatus.ANSWERED
    response = client.post(url("eval-recommendation-close", answered.pk),
                           {"next": url("eval-report", answered.report_id)})
    assert response["Location"] == url("eval-report", answered.report_id)
    answered.refresh_from_db()
    assert answered.status == RecommendationStatus.CLOSED
    assert answered.closed_at is not None
    assert AuditEvent.objects.filter(action="reform.recommendation_closed").count() == 1


def test_closing_refuses_outside_scope_and_foreign_next(people, login, recommendations):
    answered, _open = recommendations
    for who in ("other_evaluator", "reform", "admin"):
        response = login(getattr(people, who)).post(url("eval-recommendation-close",
                                                        answered.pk))
        assert response.status_code == 404
    answered.refresh_from_db()
    assert answered.status == RecommendationStatus.ANSWERED
    response = login(people.evaluator).post(url("eval-recommendation-close", answered.pk),
                                            {"next": "https://example.com/"})
    assert response["Location"] == url("eval-recommendations")


def test_inbox_shows_revised_status_after_review(people, login, report):
    services.review_report(report=report, actor=people.evaluator, verdict="revise",
                           comments=[(None, "Perbaiki.")])
    client = login(people.evaluator)
    page = client.get(url("eval-inbox"), {"status": "revise"})
    assert list(page.context["page_obj"]) == [ProgressReport.objects.get(pk=report.pk)]


def test_errors_of_the_long_evaluation_form_are_summarised_at_the_top(people, login, report):
    response = login(people.evaluator).post(url("eval-report", report.pk), review_post(
        "revise", recommendations=[("Perbaiki jadwal.", "")]))

    html = response.content.decode()
    summary = html.index("data-error-summary")
    assert summary < html.index('id="form-evaluasi"')       # above the form, below the title
    assert html.index("</h1>") < summary
    top = html[summary:html.index("</div>", summary)]
    assert "Ada 1 isian yang perlu diperbaiki" in top
    assert 'href="#id_rec-0-deadline"' in top and "Isi batas waktu rekomendasi ini." in top
    assert 'id="id_rec-0-deadline"' in html                   # the link has a target


def test_a_verdict_left_out_links_to_the_first_choice(people, login, report):
    html = login(people.evaluator).post(url("eval-report", report.pk),
                                        review_post()).content.decode()
    top = html[html.index("data-error-summary"):]
    assert 'href="#id_verdict_0"' in top and 'id="id_verdict_0"' in html
