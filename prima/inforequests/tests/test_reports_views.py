"""Report page and PDF, and the XLSX registers: figures, access, personal report_data, formulas."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from prima.inforequests.choices import Decision, Status
from prima.inforequests.tests.report_data import add_request, wib
from prima.organisations.tests.factories import SatkerFactory

REPORT = reverse("inforequests:report-annual")
REPORT_PDF = reverse("inforequests:report-annual-pdf")
STAFF_XLSX = reverse("inforequests:staff-register-xlsx")
OBJECTION_XLSX = reverse("inforequests:staff-objection-register-xlsx")
PUBLIC_XLSX = reverse("inforequests:public-register-xlsx")
PERSONAL = ("Siti Rahma", "3320011234567890", "Jl. Kartini 12", "081234567890",
            "siti@contoh.id")


def sheet_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def all_text(rows):
    return " ".join(str(v) for row in rows for v in row if v is not None)


# --- Report page ------------------------------------------------------------------------------


def test_report_page_shows_province_figures_and_units(client, tree, report_data):
    response = client.get(REPORT, {"satker": "33", "year": "2026"})

    assert response.status_code == 200
    report = response.context["report"]
    assert (report.total, report.decided, report.fulfilment.mean) == (7, 5, 6.2)
    assert [u.satker.code for u in response.context["units"]] == ["33", "33.19", "33.20"]
    html = response.content.decode()
    assert "KPU Kabupaten Jepara" in html and "KPU Kabupaten Kudus" in html
    assert "<title id=" in html and "<desc id=" in html and 'role="img"' in html
    assert "Ditolak (informasi dikecualikan): 2" in html  # the chart's text description
    assert "6,2" in html


def test_report_page_has_no_personal_data(client, tree, report_data):
    html = client.get(REPORT, {"satker": "33.20", "year": "2026"}).content.decode()

    for value in PERSONAL:
        assert value not in html
    assert "Perbandingan satuan kerja" not in html  # a kabupaten has no units below


def test_report_page_defaults_to_national_and_this_year(client, tree, report_data):
    response = client.get(REPORT)

    assert response.status_code == 200
    assert response.context["satker"].code == "0"
    assert response.context["year"] == response.context["today"].year


def test_report_page_ignores_a_bad_year(client, tree, report_data):
    response = client.get(REPORT, {"satker": "33", "year": "abc"})

    assert response.context["year"] == response.context["today"].year


def test_report_page_unknown_satker_is_404(client, tree):
    assert client.get(REPORT, {"satker": "99.99"}).status_code == 404


def test_report_page_query_count_is_bounded(client, tree, report_data,
                                            django_assert_max_num_queries):
    for n in range(15):
        unit = SatkerFactory(code=f"33.{60 + n}", name=f"KPU Uji {n}", parent=tree.jateng)
        add_request(unit, wib(2026, 2, 2, 9), status=Status.DECIDED, decision=Decision.GRANTED,
                    notice_at=wib(2026, 2, 4, 9), signer=report_data.signer)

    with django_assert_max_num_queries(16):
        response = client.get(REPORT, {"satker": "0", "year": "2026"})

    assert response.context["report"].total == 23


def test_report_pdf_contains_satker_name_year_and_figures(client, tree, report_data):
    response = client.get(REPORT_PDF, {"satker": "33.20", "year": "2026"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "KPU Kabupaten Jepara" in text
    assert "Tahun 2026" in text
    assert "6,3" in text  # mean working days
    for value in PERSONAL:
        assert value not in text


def test_report_pdf_of_the_nation_lists_provinces(client, tree, report_data):
    response = client.get(REPORT_PDF, {"satker": "0", "year": "2026"})

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "KPU Provinsi Jawa Tengah" in text
    assert "KPU Provinsi Papua" in text


# --- Staff request register ------------------------------------------------------------------


def test_ppid_register_has_domain_columns_and_personal_data(client, login, people, report_data):
    login(people.ppid)

    rows = sheet_rows(client.get(STAFF_XLSX, {"satker": "33.20", "year": "2026"}))

    assert rows[0] == [
        "No.", "Nomor pendaftaran", "Tanggal permohonan", "Saluran", "Nama pemohon", "Alamat",
        "Nomor telepon/email", "Pekerjaan", "Rincian informasi yang dibutuhkan",
        "Tujuan penggunaan informasi",
        "Status informasi (dikuasai / tidak dikuasai / belum didokumentasikan)",
        "Bentuk informasi (soft copy / hard copy)",
        "Jenis permohonan (melihat / meminta salinan)",
        "Keputusan (diberikan seluruhnya / sebagian / ditolak)", "Alasan penolakan",
        "Tanggal pemberitahuan tertulis", "Tanggal penyerahan informasi", "Biaya", "Keterangan",
    ]
    assert [r[1] for r in rows[1:]] == ["0004/PPID/33.20/2026", "0001/PPID/33.20/2026",
                                        "0002/PPID/33.20/2026", "0003/PPID/33.20/2026",
                                        "0005/PPID/33.20/2026"]
    refused = next(r for r in rows if r[1] == "0003/PPID/33.20/2026")
    assert refused[0] == 4
    assert refused[4] == "Siti Rahma"
    assert refused[5] == "Jl. Kartini 12, Jepara"
    assert refused[6] == "081234567890 / siti@contoh.id"
    assert refused[10] == "Dikuasai"
    assert refused[13] == "Ditolak (informasi dikecualikan)"
    assert refused[14] == "Pasal 17 huruf h: mengungkap rahasia pribadi"
    assert refused[15].date().isoformat() == "2026-04-02"


def test_register_for_non_ppid_staff_masks_personal_data(client, login, people, report_data):
    login(people.head)

    rows = sheet_rows(client.get(STAFF_XLSX, {"satker": "33.20", "year": "2026"}))

    text = all_text(rows)
    assert "Jl. Kartini 12" not in text
    assert "081234567890" not in text
    assert "siti@contoh.id" not in text
    first = rows[1]
    assert first[5] == "***, Jepara"
    assert first[6] == "0812******90 / s***@contoh.id"


@pytest.mark.parametrize("who", ["other_admin", "other_employee", "employee", "citizen",
                                 "evaluator"])
def test_register_outside_scope_is_404(client, login, people, report_data, who):
    login(getattr(people, who))

    assert client.get(STAFF_XLSX, {"satker": "33.20", "year": "2026"}).status_code == 404
    assert client.get(OBJECTION_XLSX, {"satker": "33.20", "year": "2026"}).status_code == 404


def test_register_needs_login(client, report_data):
    response = client.get(STAFF_XLSX, {"satker": "33.20"})

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_register_defaults_to_the_users_satker(client, login, people, report_data):
    login(people.ppid)

    response = client.get(STAFF_XLSX, {"year": "2026"})

    assert 'filename="register-permohonan-33.20-2026.xlsx"' in response["Content-Disposition"]
    assert len(sheet_rows(response)) == 6


def test_register_neutralises_formulas(client, login, people, tree):
    add_request(tree.jepara, wib(2026, 5, 4, 9), full_name="=HYPERLINK(\"http://x\",\"y\")",
                information_requested="+SUM(1,2)", purpose="@cmd")
    login(people.ppid)

    rows = sheet_rows(client.get(STAFF_XLSX, {"satker": "33.20", "year": "2026"}))

    assert rows[1][4] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert rows[1][8] == "'+SUM(1,2)"
    assert rows[1][9] == "'@cmd"


def test_register_columns_follow_the_setting(client, login, people, report_data, settings):
    settings.PRIMA_REGISTER_COLUMNS = ["no", ("number", "Nomor"), "decision"]
    login(people.ppid)

    rows = sheet_rows(client.get(STAFF_XLSX, {"satker": "33.20", "year": "2026"}))

    assert rows[0] == ["No.", "Nomor", "Keputusan (diberikan seluruhnya / sebagian / ditolak)"]
    assert rows[2] == [2, "0001/PPID/33.20/2026", "Diberikan seluruhnya"]


def test_unknown_register_column_is_a_configuration_error(settings):
    from prima.inforequests.exports import register_columns

    settings.PRIMA_REGISTER_COLUMNS = ["no", "shoe_size"]

    with pytest.raises(ImproperlyConfigured):
        register_columns()


# --- Objection register -----------------------------------------------------------------------


def test_objection_register_has_domain_columns(client, login, people, report_data):
    login(people.atasan_ppid)

    rows = sheet_rows(client.get(OBJECTION_XLSX, {"satker": "33.20", "year": "2026"}))

    assert rows[0] == [
        "No.", "Nomor registrasi keberatan", "Tanggal diterima", "Nama pemohon", "Nama kuasa",
        "Nomor pendaftaran permohonan", "Informasi yang diminta", "Tujuan penggunaan informasi",
        "Alasan keberatan", "Batas waktu tanggapan", "Keputusan atasan PPID",
        "Tanggal keputusan", "Nama dan jabatan atasan PPID", "Tanggapan pemohon",
    ]
    assert len(rows) == 3
    decided = rows[1]
    assert decided[1] == "0001/KEB/33.20/2026"
    assert decided[5] == "0003/PPID/33.20/2026"
    assert decided[8].startswith("a. Permohonan informasi ditolak")
    assert decided[10] == "Keberatan ditolak (menguatkan putusan PPID)"
    assert decided[12] == "Sekretaris Jepara, Atasan PPID"
    assert rows[2][8].count(";") == 1  # grounds d and f


# --- Public register export -------------------------------------------------------------------


def test_public_register_has_no_personal_data(client, tree, report_data):
    report_data.e.is_published = False
    report_data.e.save(update_fields=["is_published"])

    rows = sheet_rows(client.get(PUBLIC_XLSX, {"satker": "33", "year": "2026"}))

    assert rows[0] == ["No.", "Nomor pendaftaran", "Satuan kerja", "Tanggal permohonan",
                       "Saluran", "Jenis pemohon", "Rincian informasi yang dibutuhkan",
                       "Status permohonan", "Status informasi", "Keputusan",
                       "Alasan penolakan", "Tanggal pemberitahuan tertulis",
                       "Tanggal penyerahan informasi"]
    numbers = [r[1] for r in rows[1:]]
    assert len(numbers) == 6  # 7 in Jawa Tengah, one unpublished
    assert report_data.e.number not in numbers
    text = all_text(rows)
    for value in PERSONAL:
        assert value not in text
    assert "Penelitian" not in text  # the purpose is the requester's own words


def test_public_register_without_filter_lists_every_published_request(client, tree, report_data):
    rows = sheet_rows(client.get(PUBLIC_XLSX))

    assert len(rows) == 1 + 9


def test_public_register_unknown_satker_is_empty(client, tree, report_data):
    rows = sheet_rows(client.get(PUBLIC_XLSX, {"satker": "99.99"}))

    assert rows == [rows[0]]
