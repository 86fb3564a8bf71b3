"""The staff pages: worksheet, autosave, verification, evidence, XLSX round trip, comparison."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from prima.assessments import services
from prima.assessments.choices import Kind, Status
from prima.assessments.models import Answer
from prima.organisations.tests.factories import SatkerFactory

pytestmark = pytest.mark.django_db


def _url(name, assessment, *more):
    return reverse(f"assessments:{name}", args=[assessment.satker.code, assessment.pk, *more])


def test_the_worksheet_page_shows_items_scores_and_eligibility(zi_assessment, fill, login,
                                                               people,
                                                               django_assert_max_num_queries):
    fill(zi_assessment, {"mp_tim": "Ya"})
    client = login(people.reform)
    with django_assert_max_num_queries(12):
        response = client.get(_url("staff-detail", zi_assessment))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="item-mp_tim"' in body and "Menuju WBK" in body
    assert 'class="lke-autosave"' in body
    assert 'id="eligibility-self-WBK"' in body
    assert 'id="evidenced">0 / ' in body


def test_autosave_returns_json_with_new_totals(zi_assessment, login, people):
    client = login(people.reform)
    response = client.post(_url("staff-answer", zi_assessment, "mp_tim"),
                           {"answer": "Ya", "note": "SK 12/2024", "version": "0", "side": "self"},
                           HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["version"] == 1
    assert response.json()["self_total"] == "0,25"
    stale = client.post(_url("staff-answer", zi_assessment, "mp_tim"),
                        {"answer": "Tidak", "version": "0", "side": "self"},
                        HTTP_ACCEPT="application/json")
    assert stale.status_code == 409 and stale.json()["answer"] == "Ya"
    bad = client.post(_url("staff-answer", zi_assessment, "mp_tim"),
                      {"answer": "Mungkin", "version": "1", "side": "self"},
                      HTTP_ACCEPT="application/json")
    assert bad.status_code == 400 and "Ya/Tidak" in bad.json()["error"]
    assert Answer.objects.get(item_key="mp_tim").self_answer == "Ya"


def test_the_evaluator_answers_beside_the_satker(zi_assessment, fill, login, people):
    fill(zi_assessment, {"mp_tim": "Ya"})
    services.submit(assessment=zi_assessment, actor=people.reform)
    client = login(people.evaluator)
    page = client.get(_url("staff-detail", zi_assessment)).content.decode()
    assert 'name="side" value="evaluator"' in page
    response = client.post(_url("staff-answer", zi_assessment, "mp_tim"),
                           {"answer": "Tidak", "note": "SK belum ditandatangani",
                            "version": "1", "side": "evaluator"})
    assert response.status_code == 302
    zi_assessment.refresh_from_db()
    assert (zi_assessment.self_total, zi_assessment.evaluator_total) == (Decimal("0.25"), 0)
    # The satker may not use the evaluator side.
    denied = login(people.head).post(_url("staff-answer", zi_assessment, "mp_tim"),
                                     {"answer": "Ya", "version": "2", "side": "evaluator"})
    assert denied.status_code == 404


def test_export_then_import_unchanged_gives_no_differences(zi_assessment, fill, login, people):
    fill(zi_assessment, {"mp_tim": "Ya", "mp_tim_seleksi": "B", "ak_realisasi": "750000",
                         "ak_pagu": "1000000", "hasil_ipak": "3.6"})
    services.save_answer(assessment=zi_assessment, item_key="mp_rencana", answer="Ya",
                         note="-ditetapkan =SK 3", actor=people.reform)
    client = login(people.reform)
    exported = client.get(_url("staff-export", zi_assessment))
    assert exported.status_code == 200
    book = load_workbook(io.BytesIO(exported.content))
    assert book["LKE"]["B3"].value.startswith("lke-zi-90-2021@")
    before = list(Answer.objects.order_by("pk").values())
    upload = io.BytesIO(exported.content)
    upload.name = "lke.xlsx"
    response = client.post(_url("staff-import", zi_assessment), {"upload": upload})
    assert response.status_code == 302
    assert list(Answer.objects.order_by("pk").values()) == before


def test_the_evaluator_side_round_trips_too(zi_assessment, fill, login, people):
    fill(zi_assessment, {"mp_tim": "Ya", "mp_tim_seleksi": "B"})
    services.submit(assessment=zi_assessment, actor=people.reform)
    services.save_answer(assessment=zi_assessment, item_key="mp_tim", answer="Tidak",
                         actor=people.evaluator, side="evaluator")
    client = login(people.evaluator)
    exported = client.get(_url("staff-export", zi_assessment)).content
    before = list(Answer.objects.order_by("pk").values())
    upload = io.BytesIO(exported)
    upload.name = "lke.xlsx"
    assert client.post(_url("staff-import", zi_assessment), {"upload": upload}).status_code == 302
    assert list(Answer.objects.order_by("pk").values()) == before


def test_an_import_with_bad_cells_lists_them_and_changes_nothing(zi_assessment, fill, login,
                                                                  people):
    fill(zi_assessment, {"mp_tim": "Ya"})
    client = login(people.reform)
    book = load_workbook(io.BytesIO(client.get(_url("staff-export", zi_assessment)).content))
    sheet = book["LKE"]
    rows = {sheet.cell(r, 12).value: r for r in range(6, sheet.max_row + 1)}
    sheet.cell(rows["mp_tim_seleksi"], 6, "Z")
    sheet.cell(rows["hasil_ipak"], 6, "7")
    sheet.cell(rows["mp_rencana"], 6, "Ya")  # valid, but must not be saved either
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "lke.xlsx"
    before = list(Answer.objects.order_by("pk").values())
    response = client.post(_url("staff-import", zi_assessment), {"upload": buffer})
    assert response.status_code == 400
    body = response.content.decode()
    assert f"Baris {rows['mp_tim_seleksi']}, kolom F" in body
    assert f"Baris {rows['hasil_ipak']}, kolom F" in body and "antara 1 dan 4" in body
    assert list(Answer.objects.order_by("pk").values()) == before


def test_an_import_changes_only_what_differs(zi_assessment, fill, login, people):
    fill(zi_assessment, {"mp_tim": "Ya"})
    client = login(people.reform)
    book = load_workbook(io.BytesIO(client.get(_url("staff-export", zi_assessment)).content))
    sheet = book["LKE"]
    rows = {sheet.cell(r, 12).value: r for r in range(6, sheet.max_row + 1)}
    sheet.cell(rows["mp_rencana"], 6, "ya")
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "lke.xlsx"
    assert client.post(_url("staff-import", zi_assessment), {"upload": buffer}).status_code == 302
    assert Answer.objects.get(item_key="mp_rencana").self_answer == "Ya"
    assert Answer.objects.get(item_key="mp_tim").version == 1


def test_evidence_page_links_a_document_and_uploads_a_file(zi_assessment, login, people, tree):
    from prima.organisations.tests.factories import DocumentFactory, pdf_bytes

    document = DocumentFactory(satker=tree.jepara, subject="SK Tim ZI")
    client = login(people.reform)
    url = _url("staff-evidence", zi_assessment, "mp_tim")
    assert client.get(url).status_code == 200
    linked = client.post(url, {"action": "link", "ref_0": "document", "ref_1": "",
                               "ref_2": str(document.pk)})
    assert linked.status_code == 302
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("sk.pdf", pdf_bytes(), content_type="application/pdf")
    assert client.post(url, {"action": "upload", "upload": upload}).status_code == 302
    row = Answer.objects.get(item_key="mp_tim")
    assert row.evidence_count == 2
    page = client.get(url).content.decode()
    record = row.files.get()
    download = client.get(_url("staff-file", zi_assessment, record.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content)[:4] == b"%PDF"
    assert "sk.pdf" in page
    # Another satker's officer cannot fetch the file.
    assert login(people.other_admin).get(
        _url("staff-file", zi_assessment, record.pk)).status_code == 404


def _province_with(tree, n):
    satkers = [SatkerFactory(code=f"33.{50 + i}", name=f"KPU Kabupaten Uji {i}",
                             parent=tree.jateng) for i in range(n)]
    for i, satker in enumerate(satkers):
        a = services.start_assessment(satker=satker, year=2021, kind=Kind.RB, actor=None)
        Answer.objects.create(assessment=a, item_key="mp_kebijakan", area="P1", self_answer="Ya",
                              self_points=Decimal("0.8333"), evaluator_points=Decimal(i % 2))
    return satkers


@pytest.mark.parametrize("n", [2, 8])
def test_comparison_queries_do_not_grow_with_satkers(tree, people, login, n,
                                                     django_assert_max_num_queries):
    from prima.assessments.models import Assessment

    _province_with(tree, n)
    Assessment.objects.update(status=Status.SUBMITTED)
    client = login(people.evaluator)
    url = reverse("assessments:staff-compare", args=["33"]) + "?kind=rb&year=2021"
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("KPU Kabupaten Uji") >= n
    xlsx = client.get(url + "&format=xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd")
    assert client.get(url + "&format=pdf").content[:4] == b"%PDF"


def test_drafts_below_are_not_compared(tree, people, login):
    _province_with(tree, 2)
    client = login(people.evaluator)
    url = reverse("assessments:staff-compare", args=["33"]) + "?kind=rb&year=2021"
    assert "KPU Kabupaten Uji" not in client.get(url).content.decode()


def test_list_and_inbox_pages_have_bounded_queries(zi_assessment, tree, people, login,
                                                   django_assert_max_num_queries):
    services.start_assessment(satker=tree.jepara, year=2021, kind=Kind.RB, actor=None)
    client = login(people.reform)
    with django_assert_max_num_queries(9):
        page = client.get(reverse("assessments:staff-list", args=["33.20"]))
    assert page.content.decode().count("/staf/penilaian/33.20/") >= 2
    services.submit(assessment=zi_assessment, actor=people.reform)
    evaluator = login(people.evaluator)
    with django_assert_max_num_queries(9):
        inbox = evaluator.get(reverse("assessments:staff-inbox"))
    assert "KPU Kabupaten Jepara" in inbox.content.decode()


def test_starting_twice_shows_the_error_and_creates_nothing(zi_assessment, login, people):
    from prima.assessments.models import Assessment

    response = login(people.reform).post(reverse("assessments:staff-list", args=["33.20"]),
                                         {"kind": "zi", "year": "2024"})
    assert response.status_code == 400
    assert "sudah ada" in response.content.decode()
    assert Assessment.objects.count() == 1
