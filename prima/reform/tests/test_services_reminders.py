import datetime as dt
import io

from django.core.management import call_command

from prima.reform.choices import RecommendationStatus, ReportStatus
from prima.reform.models import Recommendation
from prima.reform.tasks import send_reminders

from .factories import build_plan, build_report


def test_reports_due_and_overdue_recommendations_are_reminded_once_a_day(tree, people,
                                                                       mailoutbox):
    plan = build_plan(tree.jepara, year=2020, areas=1, activities=1, indicators=1)
    build_report(plan, 1, status=ReportStatus.ACCEPTED)
    q2 = build_report(plan, 2, status=ReportStatus.REVISE)
    Recommendation.objects.create(report=q2, text="Unggah daftar hadir",
                                  deadline=dt.date(2020, 7, 20), created_by=people.evaluator)
    Recommendation.objects.create(report=q2, text="Sudah dijawab", deadline=dt.date(2020, 7, 1),
                                  status=RecommendationStatus.ANSWERED,
                                  created_by=people.evaluator)
    today = dt.date(2020, 10, 6)  # Q3 due 10 Oct (within 5 days), Q2 overdue (revise)
    assert send_reminders(today) == 1
    (email,) = mailoutbox
    assert email.subject == "Pengingat reformasi birokrasi KPU Kabupaten Jepara"
    assert sorted(email.to) == sorted([people.reform.email, people.head.email])
    assert "2020 TW II: Perlu perbaikan, batas 10-07-2020 (terlambat)" in email.body
    assert "2020 TW III: belum dibuat, batas 10-10-2020 (jatuh tempo)" in email.body
    assert "TW I:" not in email.body and "TW IV" not in email.body
    assert "Unggah daftar hadir (batas 20-07-2020)" in email.body
    assert "Sudah dijawab" not in email.body
    assert send_reminders(today) == 0
    assert len(mailoutbox) == 1
    assert send_reminders(today + dt.timedelta(days=1)) == 1


def test_nothing_due_sends_nothing(tree, people, mailoutbox):
    plan = build_plan(tree.jepara, year=2020, areas=1, activities=1, indicators=1)
    build_report(plan, 1, status=ReportStatus.SUBMITTED)
    assert send_reminders(dt.date(2020, 4, 2)) == 0
    assert mailoutbox == []


def test_management_command(tree, people):
    build_plan(tree.jepara, year=2020, areas=1, activities=1, indicators=1)
    out = io.StringIO()
    call_command("send_reform_reminders", "--date", "2020-04-20", stdout=out)
    assert out.getvalue().strip() == "reminders=1"
