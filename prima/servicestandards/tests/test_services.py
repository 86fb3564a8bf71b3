import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from prima.core.models import AuditEvent
from prima.servicestandards import services
from prima.servicestandards.choices import AuditAction, Channel, SopStatus, StepKind
from prima.servicestandards.models import Service, Sop, SopStep

from .factories import build_service, build_sop, decree, rows

pytestmark = pytest.mark.django_db

NAMES = ["Pemohon", "Petugas layanan", "PPID"]


def test_create_service_records_audit(tree, people):
    service = services.create_service(satker=tree.jepara, actor=people.ppid, data={
        "key": "cek-data-pemilih", "name": "Pengecekan data pemilih"})

    assert service.satker == tree.jepara
    assert AuditEvent.objects.get(action=AuditAction.SERVICE_CREATED).satker == tree.jepara


def test_duplicate_key_is_refused(service, people):
    with pytest.raises(ValidationError, match="sudah memiliki layanan"):
        services.create_service(satker=service.satker, actor=people.ppid, data={
            "key": service.key, "name": "Lagi"})
    assert Service.objects.count() == 1


def test_employee_cannot_create_services(tree, people):
    with pytest.raises(PermissionDenied):
        services.create_service(satker=tree.jepara, actor=people.employee,
                                data={"key": "x", "name": "X"})


def test_publish_refuses_incomplete_standard_and_changes_nothing(service, people):
    Service.objects.filter(pk=service.pk).update(product="", requirements="")
    service.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        services.publish_service(service=service, actor=people.ppid)

    assert "Persyaratan" in error.value.messages[0]
    assert "Produk pelayanan" in error.value.messages[0]
    service.refresh_from_db()
    assert not service.is_published
    assert not AuditEvent.objects.filter(action=AuditAction.SERVICE_PUBLISHED).exists()


def test_publish_complete_standard(service, people):
    services.publish_service(service=service, actor=people.ppid)

    assert Service.objects.get(pk=service.pk).is_published


def test_paid_service_needs_its_cost(service, people):
    with pytest.raises(ValidationError, match="biaya"):
        services.update_service(service=service, actor=people.ppid, data={"is_free": False,
                                                                           "cost": ""})
    assert Service.objects.get(pk=service.pk).is_free


def test_save_steps_numbers_rows_and_sums_time(service, people):
    sop = build_sop(service, people.ppid, steps=6, minutes=15)

    assert list(sop.steps.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert sop.total_minutes() == 90
    check = services.time_check(sop)
    assert check.limit_minutes == 10 * 480 and not check.exceeds


def test_time_check_warns_when_steps_exceed_the_standard(service, people):
    Service.objects.filter(pk=service.pk).update(time_value=1, time_unit="jam")
    sop = build_sop(service, people.ppid, steps=8, minutes=10)

    check = services.time_check(Sop.objects.get(pk=sop.pk))

    assert check.total_minutes == 80 and check.limit_minutes == 60 and check.exceeds
    assert services.format_minutes(80) == "1 jam 20 menit"
    assert services.format_minutes(560) == "1 hari kerja 1 jam 20 menit"


@pytest.mark.parametrize("change, message", [
    (lambda r: r[0].update(kind=StepKind.PROCESS), "langkah pertama harus simbol mulai"),
    (lambda r: r[-1].update(kind=StepKind.PROCESS), "langkah terakhir harus simbol selesai"),
    (lambda r: r[2].update(no_goto=None), "keputusan harus menyebut nomor langkah"),
    (lambda r: r[2].update(no_goto=3), "keputusan harus menyebut nomor langkah"),
    (lambda r: r[1].update(no_goto=4), "hanya simbol keputusan"),
    (lambda r: r[1].update(actor="Orang lain"), "pilih pelaksana"),
    (lambda r: r[1].update(activity="  "), "kegiatan wajib diisi"),
], ids=["no-start", "no-end", "decision-without-target", "decision-to-itself",
        "branch-on-process", "unknown-actor", "empty-activity"])
def test_bad_steps_are_refused_and_nothing_changes(service, people, change, message):
    sop = build_sop(service, people.ppid, steps=5)
    before = list(SopStep.objects.filter(sop=sop).values())
    bad = rows(5, NAMES, decision_at=3)
    change(bad)

    with pytest.raises(ValidationError) as error:
        services.save_steps(sop=sop, actor=people.ppid, actor_names=NAMES, rows=bad)

    assert any(message in m for m in error.value.messages), error.value.messages
    assert list(SopStep.objects.filter(sop=sop).values()) == before


def test_version_flow_draft_approved_effective_superseded(service, people):
    first = build_sop(service, people.ppid, status=SopStatus.EFFECTIVE, approver=people.head)
    assert first.approved_by == people.head and first.decree.kind == "sk"

    revision = services.revise_sop(sop=first, actor=people.ppid)
    assert revision.status == SopStatus.DRAFT and revision.revision == 1
    assert revision.steps.count() == first.steps.count()
    assert list(revision.actors.values_list("name", flat=True)) == NAMES
    services.approve_sop(sop=revision, actor=people.head, decree=decree(service.satker,
                                                                        people.head, "9/SK"),
                         approver_name="Ketua", approver_position="Ketua KPU")
    services.make_effective(sop=revision, actor=people.ppid,
                            effective_on=timezone.localdate())

    first.refresh_from_db()
    revision.refresh_from_db()
    assert first.status == SopStatus.SUPERSEDED and first.superseded_at is not None
    assert revision.status == SopStatus.EFFECTIVE
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {AuditAction.SOP_APPROVED, AuditAction.SOP_EFFECTIVE, AuditAction.SOP_SUPERSEDED,
            AuditAction.SOP_REVISED} <= actions


def test_only_the_head_approves(service, people):
    sop = build_sop(service, people.ppid)
    with pytest.raises(PermissionDenied):
        services.approve_sop(sop=sop, actor=people.ppid, decree=decree(service.satker,
                                                                       people.ppid),
                             approver_name="X", approver_position="Y")
    assert Sop.objects.get(pk=sop.pk).status == SopStatus.DRAFT


def test_approval_needs_a_decree_of_the_satker(service, tree, people):
    sop = build_sop(service, people.ppid)
    with pytest.raises(ValidationError, match="Surat Keputusan"):
        services.approve_sop(sop=sop, actor=people.head, decree=decree(tree.kudus, people.head),
                             approver_name="X", approver_position="Y")
    assert Sop.objects.get(pk=sop.pk).status == SopStatus.DRAFT


def test_effective_needs_approval_and_a_date_after_it(service, people):
    sop = build_sop(service, people.ppid)
    with pytest.raises(ValidationError, match="disahkan"):
        services.make_effective(sop=sop, actor=people.ppid, effective_on=timezone.localdate())
    approved = build_sop(service, people.ppid, channel=Channel.ONLINE,
                         status=SopStatus.APPROVED, approver=people.head)
    with pytest.raises(ValidationError, match="sebelum"):
        services.make_effective(sop=approved, actor=people.ppid,
                                effective_on=timezone.localdate() - dt.timedelta(days=3))
    assert Sop.objects.get(pk=approved.pk).status == SopStatus.APPROVED


def test_approved_sop_is_not_editable(service, people):
    sop = build_sop(service, people.ppid, status=SopStatus.APPROVED, approver=people.head)
    with pytest.raises(ValidationError, match="Hanya draf"):
        services.save_steps(sop=sop, actor=people.ppid, actor_names=NAMES,
                            rows=rows(3, NAMES))


def test_one_draft_per_channel(service, people):
    build_sop(service, people.ppid)
    with pytest.raises(ValidationError, match="Sudah ada draf"):
        services.create_sop(service=service, channel=Channel.OFFLINE, actor=people.ppid,
                            data={"name": "Lagi"}, actor_names=NAMES)


def test_province_template_is_adopted_into_a_kabupaten_draft(tree, people):
    from prima.organisations.tests.factories import member

    province_officer = member(tree.jateng, "ppid")
    province_head = member(tree.jateng, "head")
    province_service = build_service(tree.jateng, province_officer, key="pengaduan",
                                     name="Pengaduan")
    template = build_sop(province_service, province_officer, status=SopStatus.EFFECTIVE,
                         approver=province_head)
    services.set_template(sop=template, actor=province_officer, is_template=True)

    assert list(services.templates_for(tree.jepara)) == [template]
    adopted = services.adopt_template(template=Sop.objects.get(pk=template.pk),
                                      satker=tree.jepara, actor=people.ppid)

    assert adopted.status == SopStatus.DRAFT and adopted.copied_from_id == template.pk
    assert adopted.service.satker == tree.jepara and adopted.service.key == "pengaduan"
    assert not adopted.service.is_published
    assert adopted.steps.count() == template.steps.count() and adopted.number == ""
    with pytest.raises(ValidationError, match="tidak ditawarkan"):
        services.adopt_template(template=template, satker=tree.bogor,
                                actor=people.system_admin)


def test_kabupaten_cannot_offer_templates(service, people):
    sop = build_sop(service, people.ppid, status=SopStatus.EFFECTIVE, approver=people.head)
    with pytest.raises(ValidationError, match="KPU Provinsi"):
        services.set_template(sop=sop, actor=people.ppid, is_template=True)
    assert not Sop.objects.get(pk=sop.pk).is_template


def test_english_catalogue_translates_the_app():
    from django.utils import translation

    from prima.servicestandards.choices import ServiceKey

    with translation.override("en"):
        assert str(ServiceKey.COMPLAINT.label) == "Complaints"
        assert services.format_minutes(60 + 8 * 60 * 2) == "2 working days 1 hour"


def test_a_draft_can_be_discarded_but_not_an_approved_sop(service, people):
    draft = build_sop(service, people.ppid)
    services.discard_sop(sop=draft, actor=people.ppid)
    assert not Sop.objects.filter(pk=draft.pk).exists()
    assert AuditEvent.objects.filter(action=AuditAction.SOP_DISCARDED).count() == 1
    approved = build_sop(service, people.ppid, status=SopStatus.APPROVED, approver=people.head)
    with pytest.raises(ValidationError, match="Hanya draf"):
        services.discard_sop(sop=approved, actor=people.ppid)
    assert Sop.objects.filter(pk=approved.pk).exists()
