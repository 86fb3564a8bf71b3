"""The public reform progress page: published plans with the achievement of accepted reports,
the team and the events; never internal notes, comments, recommendations or unpublished
plans."""

import datetime as dt
import re
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from prima.organisations.tests.factories import pdf_bytes
from prima.reform import services
from prima.reform.choices import EventMode, PlanStatus, ReportStatus, TeamRole
from prima.reform.models import ProgressReport, Realisation

from .factories import build_plan, build_report, decree, indicators_of

PAGE = "/satker/33.20/reformasi/"


def test_url_lives_beside_the_satker_pages():
    assert reverse("reform:public-progress", args=["33.20"]) == PAGE
    assert reverse("organisations:satker-detail", args=["33.20"]) == "/satker/33.20/"


@pytest.fixture
def published(tree, people):
    """Jepara's published 2020 plan (2 areas × 1 activity × 2 indicators, target 100):
    quarter I accepted at 10 everywhere, quarter II submitted (not yet verified) at 40, with an
    internal note, a narrative, evidence, an evaluator comment and a recommendation."""
    plan = build_plan(tree.jepara, year=2020, areas=2, activities=1, indicators=2,
                      status=PlanStatus.RUNNING, quarterly=True)
    plan.is_published = True
    plan.decree = decree(tree.jepara, "35/PP.06-Kpt/3320/Kab/2020")
    plan.save()
    build_report(plan, 1, values=10, status=ReportStatus.ACCEPTED,
                 narrative="Uraian internal triwulan satu.")
    q2 = build_report(plan, 2, values=40, status=ReportStatus.DRAFT,
                      narrative="Uraian internal triwulan dua.")
    Realisation.objects.filter(report=q2).update(note="Catatan internal rahasia")
    services.add_evidence(report=q2, actor=people.reform, title="Notulen rapat internal",
                          upload=SimpleUploadedFile("n.pdf", pdf_bytes(), "application/pdf"))
    services.submit_report(report=ProgressReport.objects.get(pk=q2.pk), actor=people.reform)
    services.review_report(report=q2, actor=people.evaluator, verdict="revise",
                           comments=[(None, "Komentar evaluator rahasia")],
                           recommendations=[("Rekomendasi rahasia", timezone.localdate()
                                             + dt.timedelta(days=9))])
    return plan


def test_public_page_shows_the_published_plan_and_verified_achievement(client, published):
    response = client.get(PAGE)
    assert response.status_code == 200
    assert response.context["plan"] == published
    assert response.context["quarter"] == 1
    tree = response.context["tree"]
    assert tree.achievement == D("0.1")
    assert [a.achievement for a in tree.areas] == [D("0.1"), D("0.1")]
    html = response.content.decode()
    assert published.title in html
    assert "35/PP.06-Kpt/3320/Kab/2020" in html
    assert "10%" in html
    assert "Indikator 1.1.1" in html
    assert "<svg" in html and "<desc" in html


def shows_number(html: str, number: int) -> bool:
    """Whether the page's text shows ``number`` (alone, as "99%" or "99,5"); tags and attributes
    are left out, since a random CSRF token may contain the digits."""
    text = re.sub(r"<[^>]*>", " ", html)
    return re.search(rf"(?<![\w.,]){number}(?!\d)", text) is not None


def test_public_page_hides_everything_internal(client, published, tree):
    hidden = build_plan(tree.jepara, year=2021, areas=1, activities=1, indicators=1,
                        status=PlanStatus.RUNNING, title="Rencana 2021 belum dipublikasikan")
    build_report(hidden, 1, values=99, status=ReportStatus.ACCEPTED)
    build_plan(tree.jepara, year=2022, areas=1, activities=1, indicators=1,
               status=PlanStatus.DRAFT, title="Rancangan 2022")
    html = client.get(PAGE).content.decode()
    for secret in ("Uraian internal", "Catatan internal rahasia", "Notulen rapat internal",
                   "Komentar evaluator rahasia", "Rekomendasi rahasia",
                   "Rencana 2021 belum dipublikasikan", "Rancangan 2022", "40%"):
        assert secret not in html, secret
    assert not shows_number(html, 99)  # the hidden plan's realisation
    assert "/staf/" not in html
    # Asking for an unpublished year still shows only the published plan.
    response = client.get(PAGE, {"tahun": "2021"})
    assert response.context["plan"] == published
    assert "Rencana 2021 belum dipublikasikan" not in response.content.decode()


def test_figures_wait_for_the_evaluator(client, tree):
    plan = build_plan(tree.jepara, year=2020, areas=1, activities=1, indicators=1,
                      status=PlanStatus.RUNNING)
    plan.is_published = True
    plan.save()
    build_report(plan, 1, values=55, status=ReportStatus.SUBMITTED)
    response = client.get(PAGE)
    assert response.context["quarter"] is None
    html = response.content.decode()
    assert "Belum ada laporan kemajuan yang diverifikasi evaluator." in html
    assert not shows_number(html, 55)
    assert indicators_of(plan)[0].name in html


def test_published_templates_and_plans_of_other_satkers_are_not_shown(client, tree):
    kudus = build_plan(tree.kudus, year=2020, areas=1, activities=1, indicators=1,
                       title="Rencana Kudus")
    kudus.is_published = True
    kudus.save()
    response = client.get(PAGE)
    assert response.context["plan"] is None
    html = response.content.decode()
    assert "Rencana Kudus" not in html
    assert "belum mempublikasikan rencana aksi" in html


def test_team_and_events_are_public(client, tree, people):
    team = services.establish_team(satker=tree.jepara, actor=people.admin,
                                   decree=decree(tree.jepara, "12/PP.01-Kpt/3320/Kab/2020"),
                                   period_start=dt.date(2020, 1, 2))
    services.add_team_member(team=team, actor=people.admin, name="Ketua Jepara",
                             position="Ketua KPU Kabupaten Jepara", role=TeamRole.CHAIR)
    services.add_team_member(team=team, actor=people.admin, name="Agen Satu",
                             role=TeamRole.AGENT_OF_CHANGE)
    services.create_event(organiser=tree.jepara, actor=people.admin, data={
        "title": "Sosialisasi zona integritas", "date": dt.date(2020, 3, 4),
        "mode": EventMode.ONLINE, "location": "https://rapat.example/rahasia"})
    html = client.get(PAGE).content.decode()
    assert "Ketua Jepara" in html and "Ketua KPU Kabupaten Jepara" in html
    assert "Agen Satu" in html and "Agen perubahan" in html
    assert "Sosialisasi zona integritas" in html and "Daring" in html
    assert "https://rapat.example/rahasia" not in html


def test_unknown_satker_is_404(client, tree):
    assert client.get("/satker/99.99/reformasi/").status_code == 404


def test_public_page_queries_are_bounded(client, published, django_assert_max_num_queries):
    client.get(PAGE)
    with django_assert_max_num_queries(14):
        client.get(PAGE)


def test_events_the_satker_took_part_in_are_shown_with_their_organiser(client, tree, people):
    """Jepara's page listed no events although its people attended the province's weekly
    "Rabu Ingin Tahu" sessions."""
    attended = services.create_event(organiser=tree.jateng, actor=people.system_admin, data={
        "title": "Rabu Ingin Tahu: SOP pelayanan", "series": "Rabu Ingin Tahu",
        "date": dt.date(2020, 5, 6), "mode": EventMode.ONLINE})
    missed = services.create_event(organiser=tree.jateng, actor=people.system_admin, data={
        "title": "Rabu Ingin Tahu: zona integritas", "series": "Rabu Ingin Tahu",
        "date": dt.date(2020, 5, 13), "mode": EventMode.ONLINE})
    services.set_attendance(event=attended, actor=people.system_admin, participants=[
        {"satker": tree.jepara, "name": "Agen Satu", "attended": True}])
    services.set_attendance(event=missed, actor=people.system_admin, participants=[
        {"satker": tree.jepara, "name": "Agen Satu", "attended": False}])

    html = client.get(PAGE).content.decode()

    assert "Rabu Ingin Tahu: SOP pelayanan" in html
    assert f"diselenggarakan {tree.jateng.name}" in html
    assert "Rabu Ingin Tahu: zona integritas" not in html
    assert "Belum ada kegiatan sosialisasi" not in html


def test_figures_read_as_written_with_their_unit(client, tree):
    """"3,4000 indeks" read as "3,4 indeks": no padding zeros, the indicator's unit."""
    plan = build_plan(tree.jepara, year=2020, areas=1, activities=1, indicators=1,
                      target=D("3.5"), status=PlanStatus.RUNNING)
    plan.is_published = True
    plan.save()
    indicators_of(plan)[0].__class__.objects.filter(activity__programme__plan=plan).update(
        unit="indeks")
    build_report(plan, 1, values=D("3.4"), status=ReportStatus.ACCEPTED)

    html = client.get(PAGE).content.decode()

    assert "3,4 indeks" in html and "3,5 indeks" in html
    assert "3,4000" not in html and "3,5000" not in html


def test_areas_of_change_read_in_english_in_english(client, published):
    client.cookies["django_language"] = "en"
    html = client.get(PAGE).content.decode()
    assert "1. Change management" in html and "Manajemen Perubahan" not in html
    client.cookies["django_language"] = "id"
    assert "1. Manajemen Perubahan" in client.get(PAGE).content.decode()
