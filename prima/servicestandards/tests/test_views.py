import pytest
from django.urls import reverse

from prima.servicestandards.choices import Channel, SopStatus
from prima.servicestandards.models import Service, Sop, SopStep

from .factories import build_service, build_sop, decree

pytestmark = pytest.mark.django_db


def _steps_post(actors, rows):
    data = {"actors": "\n".join(actors), "step-TOTAL_FORMS": str(len(rows)),
            "step-INITIAL_FORMS": "0", "step-MIN_NUM_FORMS": "0", "step-MAX_NUM_FORMS": "60"}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"step-{i}-{key}"] = value
    return data


def _row(number, activity, actor, kind, no_goto="", minutes="10"):
    return {"number": str(number), "activity": activity, "actor": actor, "kind": kind,
            "no_goto": str(no_goto), "requirements": "", "time_value": minutes,
            "time_unit": "menit", "output": "", "remarks": ""}


def test_officer_creates_a_service_and_its_sop_rows(login, tree, people):
    client = login(people.ppid)
    response = client.post(reverse("servicestandards:staff-service-create", args=["33.20"]), {
        "key": "cek-data-pemilih", "name": "Pengecekan data pemilih", "order": "1",
        "requirements": "KTP", "procedure": "Datang atau cek daring", "time_value": "1",
        "time_unit": "jam", "is_free": "on", "product": "Keterangan status pemilih",
        "complaints": "Melalui PPID", "offline": "on", "online_media": ["web"]})
    service = Service.objects.get(key="cek-data-pemilih")
    assert response.status_code == 302 and service.online_media == ["web"]

    response = client.post(reverse("servicestandards:staff-sop-create",
                                   args=["33.20", service.pk]), {
        "channel": "luring", "name": "SOP Pengecekan Data Pemilih Luring",
        "actors": "Pemilih\nPetugas"})
    sop = Sop.objects.get()
    assert response.status_code == 302 and sop.status == SopStatus.DRAFT
    url = reverse("servicestandards:staff-sop-steps", args=["33.20", sop.pk])
    response = client.post(url, _steps_post(["Pemilih", "Petugas"], [
        _row(1, "Datang ke kantor", "Pemilih", "start"),
        _row(3, "Menyerahkan keterangan", "Petugas", "end"),
        _row(2, "Data ditemukan?", "Petugas", "decision", no_goto=3, minutes="50"),
    ]))
    assert response.status_code == 302
    assert list(sop.steps.values_list("number", "activity")) == [
        (1, "Datang ke kantor"), (2, "Data ditemukan?"), (3, "Menyerahkan keterangan")]

    page = client.get(reverse("servicestandards:staff-sop", args=["33.20", sop.pk]))
    html = page.content.decode()
    assert "<svg" in html and "Data ditemukan?" in html
    assert "melebihi jangka waktu" in html  # 70 minutes against the 1 hour standard


def test_bad_rows_are_refused_with_messages_and_nothing_changes(login, tree, people,
                                                                 service):
    sop = build_sop(service, people.ppid, steps=4)
    before = list(SopStep.objects.filter(sop=sop).values())
    client = login(people.ppid)

    response = client.post(
        reverse("servicestandards:staff-sop-steps", args=["33.20", sop.pk]),
        _steps_post(["Pemohon", "Petugas layanan", "PPID"], [
            _row(1, "Mulai", "Pemohon", "process"),
            _row(2, "Putuskan", "PPID", "decision"),
        ]))

    assert response.status_code == 400
    html = response.content.decode()
    assert "langkah pertama harus simbol mulai" in html
    assert "langkah terakhir harus simbol selesai" in html
    assert "keputusan harus menyebut nomor langkah" in html
    assert list(SopStep.objects.filter(sop=sop).values()) == before


def test_publish_refuses_incomplete_standard(login, tree, people):
    service = build_service(tree.jepara, people.ppid, product="")
    client = login(people.ppid)

    response = client.post(reverse("servicestandards:staff-service-publish",
                                   args=["33.20", service.pk]))

    assert response.status_code == 400
    assert "Produk pelayanan" in response.content.decode()
    assert not Service.objects.get(pk=service.pk).is_published


def test_head_approves_and_officer_makes_effective(login, tree, people, service):
    sop = build_sop(service, people.ppid)
    sk = decree(tree.jepara, people.head)
    client = login(people.head)
    response = client.post(reverse("servicestandards:staff-sop-approve", args=["33.20", sop.pk]),
                           {"decree": sk.pk, "approver_name": "Ketua Jepara",
                            "approver_position": "Ketua KPU Kabupaten Jepara",
                            "approver_nip": "197001012000031001"})
    assert response.status_code == 302
    assert Sop.objects.get(pk=sop.pk).status == SopStatus.APPROVED

    client = login(people.ppid)
    response = client.post(reverse("servicestandards:staff-sop-effective",
                                   args=["33.20", sop.pk]), {"effective_on": "2030-01-02"})
    assert response.status_code == 302
    assert Sop.objects.get(pk=sop.pk).status == SopStatus.EFFECTIVE


def test_public_pages_show_published_services_and_effective_sops(client, tree, people):
    service = build_service(tree.jepara, people.ppid, published=True)
    effective = build_sop(service, people.ppid, status=SopStatus.EFFECTIVE,
                          approver=people.head)
    draft = build_sop(service, people.ppid, channel=Channel.ONLINE)
    hidden = build_service(tree.jepara, people.ppid, key="pengaduan", name="Pengaduan rahasia")

    national = client.get(reverse("servicestandards:public-list")).content.decode()
    assert service.name in national and hidden.name not in national
    page = client.get(reverse("servicestandards:public-service",
                              args=["33.20", service.key])).content.decode()
    assert "/informasi/33.20/ajukan/" in page  # the real request form
    assert effective.name in page
    assert client.get(reverse("servicestandards:public-sop",
                              args=["33.20", effective.pk])).status_code == 200
    assert client.get(reverse("servicestandards:public-sop",
                              args=["33.20", draft.pk])).status_code == 404
    assert client.get(reverse("servicestandards:public-service",
                              args=["33.20", "pengaduan"])).status_code == 404
    pdf = client.get(reverse("servicestandards:public-sop-pdf", args=["33.20", effective.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    standard = client.get(reverse("servicestandards:public-service-pdf",
                                  args=["33.20", service.key]))
    assert standard.content.startswith(b"%PDF")
    satker = client.get(reverse("organisations:satker-detail", args=["33.20"])).content.decode()
    assert 'id="layanan"' in satker and service.name in satker


def test_national_list_query_count_does_not_grow(client, tree, people,
                                                 django_assert_max_num_queries):
    for satker in (tree.jepara, tree.kudus, tree.bogor):
        for key in ("permohonan-informasi", "pengaduan", "permohonan-data"):
            build_service(satker, people.system_admin, key=key, published=True)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("servicestandards:public-list"))
    assert response.status_code == 200


def test_staff_home_shows_drafts_awaiting_approval(login, tree, people, service,
                                                   django_assert_max_num_queries):
    build_sop(service, people.ppid)
    html = login(people.head).get(reverse("core:dashboard")).content.decode()
    assert "1 draf SOP menunggu pengesahan" in html
    assert "1 layanan belum terbit" in html


def test_workload_is_one_query(tree, people, service, django_assert_num_queries):
    from django.utils import timezone

    from prima.core.registry import WorkContext
    from prima.organisations.models import Satker
    from prima.organisations.policies import memberships_of
    from prima.servicestandards.capability import _workload

    build_sop(service, people.ppid)
    kudus_service = build_service(tree.kudus, people.system_admin)
    build_sop(kudus_service, people.system_admin)
    memberships_of(people.system_admin)  # loaded once per request, before the workload
    ctx = WorkContext(user=people.system_admin, satkers=tuple(Satker.objects.all()),
                      today=timezone.localdate(), evaluated=Satker.objects.none())
    with django_assert_num_queries(1):
        result = _workload(ctx)
    assert sorted(w.satker_id for w in result) == sorted([tree.jepara.pk, tree.kudus.pk])


def test_every_satker_page_has_the_services_section(client, tree):
    html = client.get(reverse("organisations:satker-detail", args=["33.19"])).content.decode()
    assert 'id="layanan"' in html and "Belum ada standar pelayanan yang terbit." in html


def test_public_history_shows_superseded_versions_with_a_notice(client, tree, people):
    from prima.servicestandards import services

    service = build_service(tree.jepara, people.ppid, published=True)
    first = build_sop(service, people.ppid, status=SopStatus.EFFECTIVE, approver=people.head)
    second = services.revise_sop(sop=first, actor=people.ppid)
    services.approve_sop(sop=second, actor=people.head, decree=decree(tree.jepara, people.head),
                         approver_name="Ketua", approver_position="Ketua")
    services.make_effective(sop=second, actor=people.ppid, effective_on=first.effective_on)

    page = client.get(reverse("servicestandards:public-service",
                              args=["33.20", service.key])).content.decode()
    assert "Riwayat versi" in page
    old = client.get(reverse("servicestandards:public-sop", args=["33.20", first.pk]))
    assert "tidak berlaku lagi" in old.content.decode()


def test_staff_list_query_count_does_not_grow(login, tree, people,
                                              django_assert_max_num_queries):
    for key in ("permohonan-informasi", "pengaduan", "permohonan-data", "dokumen-hukum"):
        build_sop(build_service(tree.jepara, people.ppid, key=key), people.ppid)
    client = login(people.ppid)
    client.get(reverse("servicestandards:staff-list", args=["33.20"]))  # warm the session
    with django_assert_max_num_queries(12):  # session, user, 2FA, memberships, satkers
        response = client.get(reverse("servicestandards:staff-list", args=["33.20"]))
    assert len(response.context["services"]) == 4


def test_sop_page_query_count_does_not_grow_with_steps(login, tree, people, service,
                                                       django_assert_max_num_queries):
    sop = build_sop(service, people.ppid, steps=25,
                    actors=["A", "B", "C", "D", "E", "F", "G"], decision_at=12)
    client = login(people.ppid)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("servicestandards:staff-sop", args=["33.20", sop.pk]))
    assert response.content.decode().count("<tr><td>") >= 25
