"""Staff pages: survey management, paper entry, report with PDF/XLSX, follow-up, roll-up."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from prima.surveys.models import FollowUp, Response, Survey

from .factories import answers, bulk_responses, make_survey


def test_create_a_survey_with_sample_size_guidance(client, login, people, tree):
    login(people.ppid)
    response = client.post(reverse("surveys:staff-survey-create", args=["33.20"]), {
        "title": "SKM 2020", "period_kind": "year", "year": "2020", "period_number": "1",
        "services": ["permohonan-informasi", "pengaduan"], "population": "300"})
    survey = Survey.objects.get()
    assert response.status_code == 302
    assert survey.services == ["permohonan-informasi", "pengaduan"]
    page = client.get(reverse("surveys:staff-survey", args=["33.20", survey.pk]))
    text = page.content.decode()
    assert "169" in text  # Krejcie-Morgan for N=300
    assert "di bawah saran sampel" in text


def test_a_bad_period_is_refused_and_nothing_saved(client, login, people, tree):
    login(people.ppid)
    response = client.post(reverse("surveys:staff-survey-create", args=["33.20"]), {
        "title": "SKM", "period_kind": "semester", "year": "2020", "period_number": "3",
        "services": ["permohonan-informasi"]})
    assert response.status_code == 400
    assert "Nomor periode harus 1 sampai 2." in response.content.decode()
    assert not Survey.objects.exists()


def test_paper_entry(client, login, people, survey):
    login(people.ppid)
    url = reverse("surveys:staff-paper", args=["33.20", survey.pk])
    response = client.post(url, {**answers(3), "answered_on": "2020-03-01"})
    assert response.status_code == 302
    stored = Response.objects.get()
    assert (stored.channel, stored.entered_by) == ("paper", people.ppid)
    bad = client.post(url, {**answers(3, u5="5"), "answered_on": "2020-03-01"})
    assert bad.status_code == 400
    assert "Jawaban unsur U5 harus bernilai 1 sampai 4." in bad.content.decode()
    assert Response.objects.count() == 1


def test_report_page_pdf_and_xlsx(client, login, people, survey):
    bulk_responses(survey, [(4, 4, 2, 4, 4, 4, 4, 3, 4), (4, 4, 2, 4, 4, 4, 4, 3, 4)])
    FollowUp.objects.create(survey=survey, element="U3", action="SLA satu hari",
                            owner="Kasubbag Teknis", deadline="2020-06-30")
    login(people.employee)
    page = client.get(reverse("surveys:staff-report", args=["33.20", survey.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert text.index("U3 Waktu Penyelesaian") < text.index("U8 Sarana dan Prasarana")
    assert "SLA satu hari" in text and "<svg" in text
    pdf = client.get(reverse("surveys:staff-report-pdf", args=["33.20", survey.pk]))
    assert pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("surveys:staff-report-xlsx", args=["33.20", survey.pk]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "U3 Waktu Penyelesaian" in cells


def test_follow_up_shows_in_the_next_period(client, login, people, tree):
    first = make_survey(tree.jepara, people.head, quarter=1)
    second = make_survey(tree.jepara, people.head, quarter=2)
    bulk_responses(first, [(3,) * 9])
    bulk_responses(second, [(4,) * 9])
    login(people.ppid)
    client.post(reverse("surveys:staff-followup-create", args=["33.20", first.pk]), {
        "element": "U8", "action": "Ruang tunggu baru", "owner": "Sekretaris",
        "deadline": "2020-05-31", "status": "done", "progress": "Selesai April"})
    page = client.get(reverse("surveys:staff-report", args=["33.20", second.pk]))
    text = page.content.decode()
    assert "Ruang tunggu baru" in text and "Selesai April" in text
    assert "Triwulan I 2020" in text  # the trend


def test_list_queries_do_not_grow(client, login, people, tree, django_assert_max_num_queries):
    for quarter in (1, 2, 3, 4):
        bulk_responses(make_survey(tree.jepara, people.head, quarter=quarter), [(3,) * 9])
    login(people.ppid)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("surveys:staff-surveys", args=["33.20"])).status_code == 200


def test_rollup_page(client, login, people, tree):
    bulk_responses(make_survey(tree.jepara, people.head), [(4,) * 9])
    bulk_responses(make_survey(tree.bogor, people.head), [(2,) * 9])
    login(people.evaluator)
    page = client.get(reverse("surveys:staff-rollup") + "?tahun=2020&tw=1")
    text = page.content.decode()
    assert "75,00" in text and "KPU Provinsi Jawa Tengah" in text
