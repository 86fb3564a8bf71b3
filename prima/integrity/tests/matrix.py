"""Permission-matrix rows of the integrity zone (``tests/permission_matrix.py``).

Objects (``integrity_objects``): a published national pact (version 1), Jepara's declaration
and one unit building towards WBK, and the Jepara employee's signature. Everyone with a
membership signs their own pact (the sign URL takes no user id: each actor signs as
themselves); only KPU RI's writers (the system administrator here) publish a pact text;
Jepara's managers and reform team (officer: the reform member) keep the declaration, units and
printed lists; everyone in Jepara and the evaluator above read the page.
"""

from django.core.files.base import ContentFile

from prima.integrity import services
from prima.integrity.choices import Target
from prima.integrity.models import PactVersion, ZoneUnit
from prima.organisations.tests.factories import PASSWORD, pdf_bytes
from tests.permission_matrix import MANAGERS, STAFF, THIS_SATKER, Case, add, objects

JEPARA = "33.20"
REFORM = "reform"
READERS = THIS_SATKER | {"evaluator"}
SIGNERS = STAFF  # every actor with a membership; the citizen has no pact to sign
PUBLISHERS = frozenset({"system_admin"})


@objects
def integrity_objects(ctx):
    admin = ctx.people.system_admin
    version = services.create_version(actor=admin, period=2026, title="Pakta Integritas",
                                      body="Saya berjanji tidak menerima gratifikasi.")
    ctx.pact = services.publish_version(version=version, actor=admin)
    ctx.pact_draft = PactVersion.objects.create(period=2027, number=99, title="Draf",
                                                body="Draf.", created_by=admin)
    ctx.declaration = services.record_declaration(
        satker=ctx.tree.jepara, actor=admin, data={"date": "2020-02-03",
                                                   "event": "Pencanangan ZI"},
        charter_upload=ContentFile(pdf_bytes(), name="piagam.pdf"))
    ctx.unit = ZoneUnit.objects.create(satker=ctx.tree.jepara, target=Target.WBK, year=2026,
                                       created_by=admin)
    ctx.signature = services.sign_pact(user=ctx.people.employee, version=ctx.pact,
                                       password=PASSWORD, text_sha256=ctx.pact.text_sha256)
    ctx.roster = services.issue_roster(satker=ctx.tree.jepara, version=ctx.pact, actor=admin)


def jepara(ctx):
    return [JEPARA]


add(
    Case("integrity-pact", "integrity:staff-pact", lambda ctx: [], SIGNERS),
    Case("integrity-sign-get", "integrity:staff-pact-sign", lambda ctx: [ctx.pact.pk],
         frozenset()),  # signing is a POST only (405)
    Case("integrity-sign", "integrity:staff-pact-sign", lambda ctx: [ctx.pact.pk],
         SIGNERS - {"employee"}, method="post",  # the employee signed already: refused
         data=lambda ctx: {"password": PASSWORD, "text_sha256": ctx.pact.text_sha256,
                           "agree": "on"}, denial_may_be_form_error=True),
    Case("integrity-signature-pdf", "integrity:staff-signature-pdf",
         lambda ctx: [ctx.signature.pk], READERS),
    Case("integrity-versions", "integrity:staff-versions", lambda ctx: [], PUBLISHERS),
    Case("integrity-version-create", "integrity:staff-version-create", lambda ctx: [],
         PUBLISHERS),
    Case("integrity-version-create-post", "integrity:staff-version-create", lambda ctx: [],
         PUBLISHERS, method="post",
         data=lambda ctx: {"period": 2027, "title": "Pakta 2027", "body": "Teks baru."}),
    Case("integrity-version", "integrity:staff-version", lambda ctx: [ctx.pact_draft.pk],
         PUBLISHERS),
    Case("integrity-version-save", "integrity:staff-version", lambda ctx: [ctx.pact_draft.pk],
         PUBLISHERS, method="post",
         data=lambda ctx: {"period": 2027, "title": "Draf diubah", "body": "Draf."}),
    Case("integrity-version-publish-confirm", "integrity:staff-version-publish",
         lambda ctx: [ctx.pact_draft.pk], PUBLISHERS),
    Case("integrity-version-publish", "integrity:staff-version-publish",
         lambda ctx: [ctx.pact_draft.pk], PUBLISHERS, method="post", data=lambda ctx: {}),
    Case("integrity-satker", "integrity:staff-satker", jepara, READERS, officer=REFORM),
    Case("integrity-declaration-create", "integrity:staff-declaration-create", jepara,
         MANAGERS, officer=REFORM),
    Case("integrity-declaration-create-post", "integrity:staff-declaration-create", jepara,
         MANAGERS, officer=REFORM, method="post",
         data=lambda ctx: {"date": "2021-01-05", "event": "Pencanangan ulang",
                           "is_public": "on"}),
    Case("integrity-declaration-edit", "integrity:staff-declaration-edit",
         lambda ctx: [JEPARA, ctx.declaration.pk], MANAGERS, officer=REFORM),
    Case("integrity-declaration-edit-post", "integrity:staff-declaration-edit",
         lambda ctx: [JEPARA, ctx.declaration.pk], MANAGERS, officer=REFORM, method="post",
         data=lambda ctx: {"date": "2020-02-04", "event": "Pencanangan ZI Jepara"}),
    Case("integrity-declaration-charter", "integrity:staff-declaration-charter",
         lambda ctx: [JEPARA, ctx.declaration.pk], READERS, officer=REFORM),
    Case("integrity-unit-create", "integrity:staff-unit-create", jepara, MANAGERS,
         officer=REFORM, method="post", data=lambda ctx: {"target": "wbbm", "year": 2027}),
    Case("integrity-unit-status", "integrity:staff-unit-status",
         lambda ctx: [JEPARA, ctx.unit.pk], MANAGERS, officer=REFORM, method="post",
         data=lambda ctx: {"status": "internal"}),
    Case("integrity-roster-issue", "integrity:staff-roster-issue", jepara, MANAGERS,
         officer=REFORM, method="post", data=lambda ctx: {}),
    Case("integrity-roster-pdf", "integrity:staff-roster-pdf",
         lambda ctx: [JEPARA, ctx.roster.pk], MANAGERS, officer=REFORM),
)
