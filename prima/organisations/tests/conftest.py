"""Fixtures of the organisations tests."""

import pytest


@pytest.fixture
def media_root(media):
    """Stored files go to a fresh directory, so a test can assert exactly what was written."""
    return media


def stored_files(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture
def history(tree, people):
    """Profile edits and a division of Jepara, and a profile edit of Kudus."""
    from prima.organisations import services

    services.update_satker_profile(satker=tree.jepara, actor=people.head,
                                   data={"phone": "0291-111"})
    services.update_satker_profile(satker=tree.jepara, actor=people.secretary,
                                   data={"phone": "0291-222", "email": "jepara@kpu.go.id"})
    division = services.create_division(satker=tree.jepara, actor=people.head, kind="divisi",
                                        name="Divisi Teknis Penyelenggaraan", order=2)
    services.update_satker_profile(satker=tree.kudus, actor=people.other_admin,
                                   data={"phone": "0291-999"})
    return division


@pytest.fixture
def jepara_filled(tree, media_root):
    """Jepara with its profile, divisions, leaders (with private contact data), a former
    member, an employee without a position, and a public and a private document."""
    from prima.organisations.choices import DivisionKind, Position, Role
    from prima.organisations.models import Satker
    from prima.organisations.tests.factories import (
        DivisionFactory,
        DocumentFactory,
        MembershipFactory,
        UserFactory,
    )

    jepara = tree.jepara
    Satker.objects.filter(pk=jepara.pk).update(
        region_name="Kabupaten Jepara", population=1_234_567,
        description="KPU Kabupaten Jepara melayani pemilih di 16 kecamatan.",
        address="Jl. Kartini No. 1, Jepara", phone="(0291) 591234", email="kab.jepara@kpu.go.id",
        website="https://kab-jepara.kpu.go.id", office_hours="Senin–Jumat 07.30–16.00")
    teknis = DivisionFactory(satker=jepara, kind=DivisionKind.DIVISION, order=2,
                             name="Divisi Teknis Penyelenggaraan")
    keuangan = DivisionFactory(satker=jepara, kind=DivisionKind.DIVISION, order=1,
                               name="Divisi Keuangan, Umum, Rumah Tangga dan Logistik")
    DivisionFactory(satker=jepara, kind=DivisionKind.SECTION, order=1,
                    name="Subbagian Keuangan, Umum dan Logistik")
    chair = UserFactory(full_name="Siti Rahayu", email="siti.pribadi@example.com",
                        phone="0812-1111-2222")
    MembershipFactory(user=chair, satker=jepara, role=Role.HEAD, position=Position.CHAIR,
                      division=keuangan)
    MembershipFactory(user=chair, satker=jepara, role=Role.ADMIN, position=Position.CHAIR,
                      division=keuangan)
    member = UserFactory(full_name="Bambang Susilo", email="bambang.pribadi@example.com",
                         phone="0813-3333-4444")
    MembershipFactory(user=member, satker=jepara, role=Role.EMPLOYEE, position=Position.MEMBER,
                      division=teknis)
    secretary = UserFactory(full_name="Agus Salim", email="agus.pribadi@example.com")
    MembershipFactory(user=secretary, satker=jepara, role=Role.SECRETARY,
                      position=Position.SECRETARY)
    former = UserFactory(full_name="Mantan Anggota")
    MembershipFactory(user=former, satker=jepara, role=Role.EMPLOYEE, position=Position.MEMBER,
                      is_active=False)
    staff = UserFactory(full_name="Pegawai Tanpa Jabatan")
    MembershipFactory(user=staff, satker=jepara, role=Role.EMPLOYEE)
    DocumentFactory(satker=jepara, number="35/2020", subject="Rencana aksi reformasi birokrasi",
                    is_public=True)
    DocumentFactory(satker=jepara, number="99/RAHASIA", subject="Draf internal", is_public=False)
    return jepara
