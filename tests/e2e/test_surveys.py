"""The satisfaction survey in a real browser at phone size (390 x 844): an information request
is delivered, the invitation email is queued, the citizen follows its one-time link, fills in
the nine elements and the profile, and the response counts once."""

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from prima.inforequests import services as ir_services
from prima.inforequests.tests.factories import grant, make_request
from prima.surveys.elements import ELEMENTS
from prima.surveys.forms import QuestionnaireForm
from prima.surveys.models import Response
from prima.surveys.services import quarter_of
from prima.surveys.tests.factories import make_survey

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_citizen_follows_the_invitation_on_a_phone(page, tree, people, monkeypatch):
    # A person needs more than the guard's minimum to fill the form; the browser does not.
    monkeypatch.setattr(QuestionnaireForm, "guard_min_seconds", 0)
    today = timezone.localdate()
    make_survey(tree.jepara, people.head, year=today.year, quarter=quarter_of(today))
    request = make_request(tree.jepara)
    grant(request, people.ppid)
    ir_services.add_delivered_file(request=request, actor=people.ppid, title="Data DPT",
                                   link_url="https://data.kpu.go.id/dataset/dpt-jepara")
    ir_services.deliver_request(request=request, actor=people.ppid)
    invitation = next(m for m in mail.outbox if "survei" in m.subject.lower())
    path = re.search(r"/survei/[^/\s]+/undangan/[^/\s]+/", invitation.body).group(0)

    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Survei kepuasan masyarakat")
    page.get_by_label("Permohonan informasi publik").check()
    for element in ELEMENTS:
        group = page.locator(f"fieldset#id_{element.field}")
        group.get_by_label(str(element.answers[3]), exact=True).check()
    page.locator("fieldset#id_u3").get_by_label("Cepat", exact=True).check()
    page.get_by_label("Perempuan").check()
    page.get_by_label("Usia (tahun)").fill("29")
    page.get_by_label("Pendidikan terakhir").select_option("D4/S1")
    page.get_by_label("Pekerjaan").select_option("Swasta")
    page.get_by_label("Saran dan masukan").fill("Layanan cepat, terima kasih.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Kirim penilaian").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Terima kasih")

    response = Response.objects.get()
    assert response.channel == "invitation"
    assert (response.u3, response.u9, response.sex, response.age) == (3, 4, "P", 29)
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Undangan ini sudah digunakan")
    assert Response.objects.count() == 1


def _fill(page, scores=4):
    page.get_by_label("Cek data pemilih").check()
    for element in ELEMENTS:
        page.locator(f"fieldset#id_{element.field}").get_by_label(
            str(element.answers[scores - 1]), exact=True).check()
    page.get_by_label("Laki-laki").check()
    page.get_by_label("Usia (tahun)").fill("41")
    page.get_by_label("Pendidikan terakhir").select_option("SMA")
    page.get_by_label("Pekerjaan").select_option("Wirausaha")


def test_the_kiosk_keeps_answers_while_offline(page, tree, people):
    today = timezone.localdate()
    survey = make_survey(tree.jepara, people.head, year=today.year, quarter=quarter_of(today),
                         services_=("cek-data-pemilih",))
    page.goto(f"/survei/{survey.public_key}/kios/")
    page.context.set_offline(True)
    _fill(page, 4)
    page.get_by_role("button", name="Kirim penilaian").click()
    expect(page.locator("#kiosk-status")).to_contain_text("Koneksi terputus")
    _fill(page, 3)
    page.get_by_role("button", name="Kirim penilaian").click()
    assert page.evaluate(f"JSON.parse(localStorage.getItem('prima-skm-{survey.public_key}'))"
                         ".length") == 2
    assert Response.objects.count() == 0
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("#kiosk-status")).to_contain_text("tersimpan")
    assert sorted(Response.objects.values_list("u1", flat=True)) == [3, 4]
    assert set(Response.objects.values_list("channel", flat=True)) == {"kiosk"}
    assert page.evaluate(f"localStorage.getItem('prima-skm-{survey.public_key}')") == "[]"


def test_survey_pages_have_no_serious_accessibility_violations(page, tree, people):
    from prima.organisations.tests.factories import PASSWORD
    from prima.surveys.models import FollowUp
    from prima.surveys.tests.factories import bulk_responses
    from tests.e2e.test_accessibility import violations

    today = timezone.localdate()
    survey = make_survey(tree.jepara, people.head, year=today.year, quarter=quarter_of(today))
    bulk_responses(survey, [(4, 3, 2, 4, 4, 3, 4, 3, 4)] * 3, day=today)
    FollowUp.objects.create(survey=survey, element="U3", action="SLA", owner="PPID",
                            deadline=today)
    found = {}
    for path in (f"/survei/{survey.public_key}/", f"/survei/{survey.public_key}/kios/",
                 "/satker/33.20/survei/"):
        page.goto(path)
        problems = violations(page)
        if problems:
            found[path] = problems
    page.goto("/akun/masuk/")
    page.get_by_label("Email").fill(people.ppid.email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/staf/**")
    for path in ("/staf/survei/33.20/", f"/staf/survei/33.20/{survey.pk}/",
                 f"/staf/survei/33.20/{survey.pk}/laporan/",
                 f"/staf/survei/33.20/{survey.pk}/kertas/"):
        page.goto(path)
        assert page.url.endswith(path)
        problems = violations(page)
        if problems:
            found[path] = problems
    assert found == {}
