"""WCAG 2.1 A/AA checks with axe-core in Chromium on the main public and staff pages."""

from pathlib import Path

import pytest
from django.core.management import call_command

from prima.organisations.tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
PUBLIC_PAGES = [
    "/", "/satker/", "/satker/33.20/", "/informasi/", "/informasi/33.20/ajukan/",
    "/informasi/lacak/", "/informasi/register/", "/informasi/33.20/daftar-informasi/",
    "/laporan/informasi/", "/data/", "/satker/33.20/reformasi/", "/akun/masuk/",
]
STAFF_PAGES = ["/staf/", "/staf/informasi/", "/staf/katalog/", "/staf/rb/33.20/",
               "/staf/satker/33.20/dokumen/", "/staf/kalender/"]


def violations(page) -> list[str]:
    # Evaluated through the DevTools protocol: an injected <script> would be inline, which
    # Prima's Content-Security-Policy refuses.
    page.evaluate(AXE)
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3)
                 .map(n => n.target.join(' ')).join(' | '));
    }""")
    return result


@pytest.fixture
def seeded(db):
    call_command("seed_satkers", verbosity=0)


def test_public_pages_have_no_serious_accessibility_violations(page, seeded):
    found = {}
    for path in PUBLIC_PAGES:
        page.goto(path)
        problems = violations(page)
        if problems:
            found[path] = problems
    assert found == {}


def test_staff_pages_have_no_serious_accessibility_violations(page, seeded):
    from prima.organisations.choices import Role
    from prima.organisations.models import Satker
    from prima.organisations.tests.factories import MembershipFactory, UserFactory

    jepara = Satker.objects.get(code="33.20")
    user = UserFactory(email="ppid@kpu.test", full_name="Petugas Uji")
    for role in (Role.PPID, Role.HEAD):
        MembershipFactory(user=user, satker=jepara, role=role)
    page.goto("/akun/masuk/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/staf/")
    found = {}
    for path in STAFF_PAGES:
        page.goto(path)
        problems = violations(page)
        if problems:
            found[path] = problems
    assert found == {}
