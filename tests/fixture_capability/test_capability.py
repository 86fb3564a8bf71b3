"""A capability written only inside its own package shows up on every shared page."""

import sys

import pytest
from django.apps import apps
from django.urls import reverse

from prima.core.evidence import EvidenceRef, check_citable, kind_choices
from prima.core.models import AuditEvent
from prima.core.registry import registry
from prima.organisations.choices import role_choices
from prima.organisations.policies import Purpose, can, satkers_for
from prima.organisations.tests.factories import DivisionFactory, MembershipFactory
from tests import permission_matrix

from .install import installed

pytestmark = pytest.mark.django_db


def test_it_is_not_installed_outside_its_tests():
    assert not apps.is_installed("tests.fixture_capability")
    assert "fixture_capability" not in registry.app_labels()
    assert "Layanan uji" not in [str(e.label) for e in registry.nav()]


def test_installing_it_is_undone_afterwards(client):
    with installed() as capability:
        assert capability.app_label == "fixture_capability"
        assert client.get("/uji/").status_code == 200

    assert client.get("/uji/").status_code == 404
    assert "fixture_capability" not in registry.app_labels()
    assert "fixture" not in Purpose


def test_its_purpose_and_role_join_the_access_layer(fixture_capability, tree, people):
    surveyor = MembershipFactory(satker=tree.kudus, role="surveyor").user

    assert ("surveyor", "Surveyor uji") in role_choices()
    assert Purpose.FIXTURE == "fixture"
    assert can(surveyor, Purpose.FIXTURE, tree.kudus, write=True)
    assert not can(people.employee, Purpose.FIXTURE, tree.jepara, write=True)
    assert set(satkers_for(people.evaluator, Purpose.FIXTURE).values_list(
        "code", flat=True)) == {"33", "33.19", "33.20"}


def test_navigation_shows_it(fixture_capability, client, tree):
    html = client.get(reverse("core:home")).content.decode()

    assert '<a href="/uji/">Layanan uji</a>' in html
    assert html.index("Satuan kerja") < html.index("Layanan uji")


def test_staff_dashboard_shows_its_entry_and_figures(fixture_capability, login, tree, people):
    DivisionFactory(satker=tree.jepara, name="Divisi Uji A")
    DivisionFactory(satker=tree.jepara, name="Divisi Uji B")

    html = login(people.head).get(reverse("core:dashboard")).content.decode()

    assert '<a href="/staf/uji/33.20/">Ruang uji</a>' in html
    assert "2 divisi menunggu pemeriksaan uji" in html
    employee_html = login(people.employee).get(reverse("core:dashboard")).content.decode()
    assert "Ruang uji" in employee_html  # reads
    assert "menunggu pemeriksaan uji" not in employee_html  # has nothing to do


def test_satker_page_shows_its_link_and_section(fixture_capability, client, tree):
    DivisionFactory(satker=tree.jepara, name="Divisi Uji")

    html = client.get(reverse("organisations:satker-detail", args=["33.20"])).content.decode()

    assert '<a href="/uji/?satker=33.20">Layanan uji satker</a>' in html
    assert "<h2>Bagian uji</h2><p>1 divisi tercatat di KPU Kabupaten Jepara.</p>" in html
    kudus = client.get(reverse("organisations:satker-detail", args=["33.19"])).content
    assert b"Bagian uji" not in kudus  # its section hides itself without divisions


def test_audit_pages_label_its_actions(fixture_capability, login, tree, people):
    client = login(people.head)
    client.post(reverse("fixture_capability:staff-check", args=["33.20"]))

    assert AuditEvent.objects.get().action == "fixture_capability.satker_checked"
    assert registry.audit_label("fixture_capability.satker_checked") == "Satker diperiksa (uji)"
    audit = client.get(reverse("organisations:staff-audit", args=["33.20"]))
    assert audit.context["page_obj"][0].action_label == "Satker diperiksa (uji)"
    assert ("fixture_capability.satker_checked", "Satker diperiksa (uji)") in (
        audit.context["form"].fields["action"].choices)


def test_its_evidence_source_can_be_cited(fixture_capability, tree, people):
    division = DivisionFactory(satker=tree.jepara, name="Divisi Uji")
    kudus_division = DivisionFactory(satker=tree.kudus, name="Divisi Kudus")

    assert ("division", "Divisi (uji)") in kind_choices()
    assert check_citable(EvidenceRef.of("division", division), satker=tree.jepara,
                         user=people.employee) == division
    with pytest.raises(Exception, match="tidak ditemukan"):
        check_citable(EvidenceRef.of("division", kudus_division), satker=tree.jepara,
                      user=people.employee)


@pytest.fixture
def fixture_rows(fixture_capability, monkeypatch):
    """The main matrix's rows, and the same with the capability's rows loaded (as the matrix
    loads every installed capability's module)."""
    main = list(permission_matrix.CASES)
    monkeypatch.setattr(permission_matrix, "CASES", list(main))
    sys.modules.pop("tests.fixture_capability.matrix", None)
    permission_matrix.load_rows(registry.matrix_modules())
    return main, permission_matrix.CASES


def test_permission_matrix_coverage_check_sees_its_staff_urls(fixture_rows):
    main, with_capability = fixture_rows

    assert permission_matrix.staff_urls_without_rows(main) == [
        "fixture_capability:staff", "fixture_capability:staff-check"]
    assert permission_matrix.staff_urls_without_rows(with_capability) == []


def test_its_matrix_rows_hold(fixture_rows, client, login, tree, people):
    from types import SimpleNamespace

    rows = [c for c in fixture_rows[1] if c.url_name.startswith("fixture_capability:")]
    ctx = SimpleNamespace(tree=tree, people=people)
    assert len(rows) == 2
    for case in rows:
        for actor in permission_matrix.ACTORS:
            client.logout()
            permission_matrix.check_case(client, login, ctx, case, actor)
