import pytest

from prima.core.evidence import EvidenceRef, check_citable, citable
from prima.servicestandards.choices import ServiceKey, SopStatus
from prima.servicestandards.demo import load_servicestandards_demo
from prima.servicestandards.models import Service, Sop

pytestmark = pytest.mark.django_db


def test_demo_fills_jepara_catalog_with_effective_sops_and_is_idempotent(tree, people):
    load_servicestandards_demo()
    load_servicestandards_demo()

    services = Service.objects.filter(satker=tree.jepara)
    assert set(services.values_list("key", flat=True)) == set(ServiceKey.values)
    assert all(s.is_published and not s.missing_delivery() for s in services)
    effective = Sop.objects.filter(service__satker=tree.jepara, status=SopStatus.EFFECTIVE)
    assert effective.count() == 6
    assert set(effective.values_list("channel", flat=True)) == {"luring", "daring"}
    sop = effective.get(service__key=ServiceKey.INFORMATION_REQUEST, channel="luring")
    assert sop.steps.count() == 10 and sop.approved_at.year == 2021
    assert Sop.objects.filter(is_template=True, service__satker=tree.jateng).count() == 1


def test_effective_sops_are_evidence(tree, people):
    load_servicestandards_demo()
    sop = Sop.objects.filter(service__satker=tree.jepara).first()

    page = citable("sop", satker=tree.jepara, user=people.reform)
    assert len(page.object_list) == 6
    assert check_citable(EvidenceRef.of("sop", sop), satker=tree.jepara,
                         user=people.reform) == sop
    with pytest.raises(Exception, match="tidak ditemukan"):
        check_citable(EvidenceRef.of("sop", sop), satker=tree.kudus,
                      user=people.other_admin)
