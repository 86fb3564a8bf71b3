import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from prima.reform import exports
from prima.reform.choices import ReportStatus
from prima.reform.models import Evidence, Indicator, ReviewComment

from .factories import build_plan, build_report, decree, indicators_of


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def plan(tree, people):
    plan = build_plan(tree.jepara, areas=2, activities=1, indicators=2, quarterly=True)
    plan.decree = decree(tree.jepara, "35/2020", uploaded_by=people.admin)
    plan.save()
    first = indicators_of(plan)[0]
    Indicator.objects.filter(pk=first.pk).update(name="=HYPERLINK(\"http://x\")", unit="dokumen")
    return plan


def _rows(data: bytes):
    sheet = load_workbook(io.BytesIO(data)).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_plan_xlsx_layout_header_and_formula_safety(plan):
    rows = _rows(exports.plan_xlsx(plan))
    assert rows[0][0] == "RENCANA AKSI RB"
    assert rows[2][0] == "KPU Kabupaten Jepara"
    assert rows[3][0] == "Tahun 2020"
    assert rows[4][0] == "SK Nomor 35/2020 tanggal 15-01-2020"
    assert rows[6][:8] == ["No", "Area Perubahan", "Program / Kegiatan", "Keluaran (Output)",
                           "Indikator Keberhasilan", "Satuan", "Nilai Dasar", "Target"]
    first = rows[7]
    assert first[1] == "1. Manajemen Perubahan"
    assert first[4] == "'=HYPERLINK(\"http://x\")"
    assert first[5] == "dokumen"
    assert first[7] == 100 and first[8] == 10 and first[11] == 100
    assert len(rows) == 7 + 4


def test_report_xlsx_has_realisation_percent_evidence_and_comments(plan, people):
    a, b, c, d = indicators_of(plan)
    report = build_report(plan, 2, values={a.pk: 30, b.pk: 40, c.pk: 10},
                          status=ReportStatus.SUBMITTED, narrative="Capaian TW II")
    Evidence.objects.create(report=report, indicator=a, title="Notulen", url="https://x.id/n",
                            added_by=people.reform)
    ReviewComment.objects.create(report=report, indicator=b, author=people.evaluator,
                                 text="Lampirkan foto kegiatan.")
    rows = _rows(exports.report_xlsx(report))
    assert rows[3][0] == "Triwulan II Tahun 2020"
    header = rows[6]
    assert header[6:10] == ["Target Tahunan", "Target TW", "Realisasi", "Capaian (%)"]
    first = rows[7]
    assert first[6:10] == [100, 40, 30, 30]
    assert first[10] == "Berisiko"  # 30 of the 40 expected by TW II
    assert first[12] == "Notulen (https://x.id/n)"
    assert rows[10][8] is None and rows[10][10] == "Belum ada data"
    labels = [r[0] for r in rows[12:]]
    assert "Uraian capaian" in labels and "Catatan evaluator" in labels
    comment = next(r for r in rows if r[0] == "Catatan evaluator")
    assert comment[1].endswith("Lampirkan foto kegiatan.")


def test_pdfs_are_valid_and_carry_the_header(plan):
    report = build_report(plan, 1, status=ReportStatus.DRAFT)
    for data in (exports.plan_pdf(plan), exports.report_pdf(report)):
        assert data.startswith(b"%PDF-")
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        assert "KPU Kabupaten Jepara" in text
        assert "35/2020" in text
    text = PdfReader(io.BytesIO(exports.report_pdf(report))).pages[0].extract_text()
    assert "Triwulan I Tahun 2020" in text
