"""The signing flow over HTTP, the staff and public pages, PDFs and public verification."""

import re

import pytest
from django.urls import reverse

from prima.core.dashboard import dashboard_for
from prima.integrity import services
from prima.integrity.capability import _workload
from prima.integrity.models import Roster, Signature
from prima.organisations.choices import Role
from prima.organisations.tests.factories import PASSWORD, member

PACT_URL = reverse("integrity:staff-pact")


def _sign_data(version, password=PASSWORD, **extra):
    return {"password": password, "text_sha256": version.text_sha256, "agree": "on", **extra}


def test_an_employee_signs_with_password_downloads_the_pdf_and_verifies(client, login, pact,
                                                                        people):
    login(people.employee)
    page = client.get(PACT_URL)
    assert page.status_code == 200
    assert "Saya berjanji tidak menerima gratifikasi." in page.content.decode()
    response = client.post(reverse("integrity:staff-pact-sign", args=[pact.pk]),
                           _sign_data(pact), REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 302
    signature = Signature.objects.get()
    assert (signature.user, signature.ip_address) == (people.employee, "10.9.8.7")
    page = client.get(PACT_URL).content.decode()
    assert signature.display_code in page
    pdf = client.get(reverse("integrity:staff-signature-pdf", args=[signature.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    client.logout()
    public = client.get(reverse("integrity:public-verify", args=[signature.display_code]))
    assert public.status_code == 200
    assert "SAH" in public.content.decode() and "TIDAK SAH" not in public.content.decode()


@pytest.mark.parametrize("data, message", [
    (lambda v: _sign_data(v, password="salah"), "Kata sandi salah"),
    (lambda v: _sign_data(v, text_sha256="0" * 64), "tidak sama dengan teks yang berlaku"),
    (lambda v: {"password": PASSWORD, "text_sha256": v.text_sha256},
     "Centang pernyataan persetujuan"),
], ids=["wrong-password", "changed-text", "not-agreed"])
def test_bad_signing_input_gets_a_clear_message_and_changes_nothing(
        client, login, pact, people, data, message):
    login(people.employee)
    response = client.post(reverse("integrity:staff-pact-sign", args=[pact.pk]), data(pact))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Signature.objects.exists()


def test_signing_twice_over_http_says_so(client, login, pact, people, sign):
    sign(people.employee, pact)
    login(people.employee)
    response = client.post(reverse("integrity:staff-pact-sign", args=[pact.pk]),
                           _sign_data(pact))
    assert "Anda sudah menandatangani pakta ini" in response.content.decode()
    assert Signature.objects.count() == 1


def test_signing_an_unpublished_version_is_refused(client, login, pact, people):
    draft = services.create_version(actor=people.system_admin, period=2027, title="Draf",
                                    body="Draf")
    login(people.employee)
    response = client.post(reverse("integrity:staff-pact-sign", args=[draft.pk]),
                           {"password": PASSWORD, "text_sha256": draft.computed_sha256(),
                            "agree": "on"})
    assert "belum diterbitkan" in response.content.decode()
    assert not Signature.objects.exists()


def test_nobody_signs_for_someone_else(client, login, pact, people):
    """The sign URL takes no user id: extra fields naming another person are ignored and the
    signature is the session's person's own."""
    login(people.head)
    client.post(reverse("integrity:staff-pact-sign", args=[pact.pk]),
                _sign_data(pact, user=people.employee.pk, user_id=people.employee.pk))
    assert list(Signature.objects.values_list("user", flat=True)) == [people.head.pk]
    # Someone else's password does not sign in one's own session.
    other = member(people.employee.memberships.first().satker, Role.EMPLOYEE)
    login(other)
    response = client.post(reverse("integrity:staff-pact-sign", args=[pact.pk]),
                           _sign_data(pact, password="kata-sandi-orang-lain"))
    assert "Kata sandi salah" in response.content.decode()
    assert not Signature.objects.filter(user=other).exists()


def test_the_staff_home_says_what_waits(client, login, pact, people, sign):
    login(people.employee)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Pakta integritas belum Anda tanda tangani" in page
    sign(people.employee, pact)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Pakta integritas belum Anda tanda tangani" not in page
    login(people.head)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "6 pegawai belum menandatangani pakta integritas" in page


def test_the_workload_takes_two_queries_whatever_the_number_of_satkers(
        pact, tree, people, django_assert_max_num_queries):
    from prima.organisations.models import Membership

    for satker in (tree.kudus, tree.bogor, tree.jateng, tree.jabar):
        Membership.objects.create(user=people.head, satker=satker, role=Role.HEAD)
        member(satker, Role.EMPLOYEE)
    from prima.organisations.policies import forget_memberships

    forget_memberships(people.head)
    dashboard = dashboard_for(people.head)  # warms the membership cache
    assert dashboard.cards
    from prima.core.registry import WorkContext

    ctx = WorkContext(user=people.head, satkers=tuple(c.satker for c in dashboard.cards),
                      today=None, evaluated=None)
    with django_assert_max_num_queries(2):
        workloads = _workload(ctx)
    figures = {w.satker_id: w.figures[0].count for w in workloads if w.satker_id}
    assert figures[tree.jepara.pk] == 7 and figures[tree.kudus.pk] == 4  # with the head


def test_the_satker_page_lists_who_signed_with_bounded_queries(
        client, login, pact, tree, people, sign, django_assert_max_num_queries):
    sign(people.employee, pact)
    for _ in range(5):
        member(tree.jepara, Role.EMPLOYEE)
    services.record_declaration(satker=tree.jepara, actor=people.head, data={
        "date": "2020-02-10", "event": "Pencanangan ZI", "witnesses": "KPK\nOmbudsman"})
    login(people.head)
    url = reverse("integrity:staff-satker", args=["33.20"])
    client.get(url)
    with django_assert_max_num_queries(16):
        page = client.get(url)
    text = page.content.decode()
    assert "1 dari 12 pegawai aktif telah menandatangani" in text
    assert "KPK, Ombudsman" in text
    # The zone's self-assessment and eligibility live in the assessments capability.
    assert reverse("assessments:staff-list", args=["33.20"]) in text


def test_the_province_page_rolls_up_its_satkers(client, login, pact, tree, people, sign):
    sign(people.employee, pact)
    login(people.evaluator)
    page = client.get(reverse("integrity:staff-satker", args=["33"])).content.decode()
    assert "Seluruhnya: 1 dari 10 pegawai aktif telah menandatangani." in page
    assert "KPU Kabupaten Jepara" in page


def test_the_public_page_lists_declaration_and_completion(client, pact, tree, people, sign):
    sign(people.employee, pact)
    services.record_declaration(satker=tree.jepara, actor=people.head, data={
        "date": "2020-02-10", "event": "Pencanangan ZI Jepara", "is_public": True})
    services.record_declaration(satker=tree.jepara, actor=people.head, data={
        "date": "2019-02-10", "event": "Draf internal", "is_public": False})
    page = client.get(reverse("integrity:public-satker", args=["33.20"])).content.decode()
    assert "Pencanangan ZI Jepara" in page and "Draf internal" not in page
    assert "1 dari 7 pegawai aktif telah menandatangani" in page
    province = client.get(reverse("integrity:public-satker", args=["33"])).content.decode()
    assert "KPU Kabupaten Kudus" in province
    assert client.get(reverse("integrity:public-satker", args=["99.99"])).status_code == 404


def test_the_collective_list_is_printed_and_verifiable(client, login, pact, people, sign):
    sign(people.employee, pact)
    login(people.admin)
    response = client.post(reverse("integrity:staff-roster-issue", args=["33.20"]))
    roster = Roster.objects.get()
    assert response["Location"] == reverse("integrity:staff-roster-pdf",
                                           args=["33.20", roster.pk])
    pdf = client.get(response["Location"])
    assert pdf.content.startswith(b"%PDF")
    client.logout()
    page = client.get(reverse("integrity:public-verify-form"), {"kode": roster.display_code})
    assert page.status_code == 302
    page = client.get(page["Location"]).content.decode()
    assert "SAH" in page and "Daftar penandatangan" in page


def test_an_unknown_code_says_so(client, db):
    response = client.get(reverse("integrity:public-verify", args=["ABCD-EFGH-JKLM"]))
    assert response.status_code == 404
    assert "tidak ditemukan" in response.content.decode()
    response = client.get(reverse("integrity:public-verify-form"), {"kode": "---"})
    assert response.status_code == 200


def test_publishing_asks_for_confirmation(client, login, people):
    draft = services.create_version(actor=people.system_admin, period=2027, title="Pakta 2027",
                                    body="Teks")
    login(people.system_admin)
    url = reverse("integrity:staff-version-publish", args=[draft.pk])
    page = client.get(url).content.decode()
    assert "tidak dapat diubah lagi" in page
    client.post(url)
    draft.refresh_from_db()
    assert draft.is_published and re.fullmatch(r"[0-9a-f]{64}", draft.text_sha256)


def test_a_declaration_with_an_uploaded_charter_is_served_privately(client, login, tree,
                                                                     people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from prima.organisations.tests.factories import pdf_bytes

    login(people.reform)
    url = reverse("integrity:staff-declaration-create", args=["33.20"])
    response = client.post(url, {"date": "2020-02-10", "event": "Pencanangan",
                                 "witnesses": "KPK", "is_public": "on",
                                 "charter_upload": SimpleUploadedFile(
                                     "piagam.pdf", pdf_bytes(), "application/pdf")})
    assert response.status_code == 302
    from prima.integrity.models import Declaration

    declaration = Declaration.objects.get()
    assert declaration.charter_sha256 and declaration.charter_name == "piagam.pdf"
    charter = reverse("integrity:staff-declaration-charter", args=["33.20", declaration.pk])
    assert client.get(charter).status_code == 200
    login(people.other_employee)
    assert client.get(charter).status_code == 404


def test_a_fake_pdf_charter_is_refused_and_changes_nothing(client, login, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from prima.integrity.models import Declaration

    login(people.reform)
    response = client.post(reverse("integrity:staff-declaration-create", args=["33.20"]), {
        "date": "2020-02-10", "event": "Pencanangan",
        "charter_upload": SimpleUploadedFile("piagam.pdf", b"bukan pdf", "application/pdf")})
    assert response.status_code == 200
    assert "bukan PDF" in response.content.decode()
    assert not Declaration.objects.exists()


def test_a_declaration_may_cite_a_satker_decree_as_its_charter(client, login, tree, people):
    from prima.integrity.models import Declaration
    from prima.organisations.tests.factories import DocumentFactory

    decree = DocumentFactory(satker=tree.jepara, subject="Pencanangan ZI")
    kudus_decree = DocumentFactory(satker=tree.kudus, subject="Milik Kudus")
    login(people.head)
    url = reverse("integrity:staff-declaration-create", args=["33.20"])
    response = client.post(url, {"date": "2020-02-10", "event": "Pencanangan",
                                 "charter_ref": f"document:{kudus_decree.pk}"})
    assert response.status_code == 200 and not Declaration.objects.exists()
    client.post(url, {"date": "2020-02-10", "event": "Pencanangan",
                      "charter_ref": f"document:{decree.pk}"})
    assert Declaration.objects.get().charter_ref == f"document:{decree.pk}"
    page = client.get(reverse("integrity:staff-satker", args=["33.20"])).content.decode()
    assert "Pencanangan ZI" in page


def test_a_tampered_record_shows_invalid_on_the_public_page(client, pact, people, sign):
    from django.db import connection

    signature = sign(people.employee, pact)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE integrity_signature SET signed_at = %s WHERE id = %s",
                       ["2020-01-01 00:00:00", signature.pk])
    page = client.get(reverse("integrity:public-verify", args=[signature.code]))
    assert "TIDAK SAH" in page.content.decode()


def test_the_national_pages_do_not_grow_with_satkers(client, login, pact, tree, people,
                                                     django_assert_max_num_queries):
    from prima.organisations.tests.factories import SatkerFactory

    login(people.system_admin)
    url = reverse("integrity:staff-satker", args=["0"])
    public = reverse("integrity:public-satker", args=["0"])
    client.get(url)
    with django_assert_max_num_queries(16) as before:
        client.get(url)
    with django_assert_max_num_queries(16) as public_before:
        client.get(public)
    for n in range(5):
        satker = SatkerFactory(code=f"33.{50 + n}", parent=tree.jateng)
        member(satker, Role.EMPLOYEE)
    with django_assert_max_num_queries(len(before.captured_queries)):
        page = client.get(url)
    with django_assert_max_num_queries(len(public_before.captured_queries)):
        client.get(public)
    assert "KPU Provinsi Jawa Tengah" in page.content.decode()


def test_the_declaration_form_says_who_has_not_signed(client, login, pact, people):
    login(people.reform)
    page = client.get(reverse("integrity:staff-declaration-create", args=["33.20"]))
    text = page.content.decode()
    assert "0 dari 7 pegawai aktif telah menandatangani" in text
    assert "Ketua Jepara" in text


def test_guessing_the_password_is_limited_per_person(client, login, pact, people):
    from prima.integrity.views.pact import SIGN_RATE

    login(people.employee)
    url = reverse("integrity:staff-pact-sign", args=[pact.pk])
    limit = int(SIGN_RATE.split("/")[0])
    for _ in range(limit):
        client.post(url, _sign_data(pact, password="salah"))
    response = client.post(url, _sign_data(pact))  # even the right password waits now
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert not Signature.objects.exists()
