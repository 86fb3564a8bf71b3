"""Matrix rows of the service-standard staff pages (/staf/layanan/<code>/): the officer is
Jepara's PPID officer, or its head where an SOP is approved.

Purpose.SERVICES: every role of Jepara and the evaluator of Jawa Tengah read; admin, head,
secretary and PPID of Jepara write, and the system administrator everywhere. SOPs are approved
by the head or the system administrator. A province's template is offered by the province
(here only the system administrator among the actors) and adopted by Jepara's writers.
"""

from prima.organisations.tests.factories import member
from prima.servicestandards.choices import Channel, SopStatus
from prima.servicestandards.tests.factories import build_service, build_sop, decree
from tests.permission_matrix import MANAGERS, THIS_SATKER, Case, add, objects

JEPARA = "33.20"
READERS = THIS_SATKER | {"evaluator"}
WRITERS = MANAGERS
APPROVERS = frozenset({"officer", "system_admin"})
PPID = "ppid"
P, U = "servicestandards-", "servicestandards:"  # row ids and URL names


@objects
def service_objects(ctx):
    """Jepara's information-request service (unpublished) with a draft offline SOP and an
    effective online SOP; its complaint service (published) with an approved offline SOP; a
    decree to approve with; Jawa Tengah's effective complaint SOP offered as a template."""
    jepara, ppid, head = ctx.tree.jepara, ctx.people.ppid, ctx.people.head
    ctx.sv_service = build_service(jepara, ppid)
    ctx.sv_draft = build_sop(ctx.sv_service, ppid, steps=4)
    ctx.sv_effective = build_sop(ctx.sv_service, ppid, channel=Channel.ONLINE,
                              status=SopStatus.EFFECTIVE, approver=head)
    ctx.sv_published = build_service(jepara, ppid, key="pengaduan", name="Pengaduan",
                                  published=True)
    ctx.sv_approved = build_sop(ctx.sv_published, ppid, status=SopStatus.APPROVED, approver=head)
    ctx.sv_sk = decree(jepara, head, "7/PP.01-Kpt/3320/2024")
    province_ppid = member(ctx.tree.jateng, PPID)
    province_service = build_service(ctx.tree.jateng, province_ppid, key="pengaduan",
                                     name="Pengaduan")
    ctx.sv_template = build_sop(province_service, province_ppid, status=SopStatus.EFFECTIVE,
                             approver=member(ctx.tree.jateng, "head"))
    ctx.sv_template.is_template = True
    ctx.sv_template.save(update_fields=["is_template"])


def code(ctx):
    return [JEPARA]


def _steps(ctx):
    data = {"actors": "Pemohon\nPetugas", "step-TOTAL_FORMS": "2", "step-INITIAL_FORMS": "0",
            "step-MIN_NUM_FORMS": "0", "step-MAX_NUM_FORMS": "60"}
    for i, (kind, actor) in enumerate((("start", "Pemohon"), ("end", "Petugas"))):
        data.update({f"step-{i}-number": str(i + 1), f"step-{i}-activity": f"Langkah {i}",
                     f"step-{i}-actor": actor, f"step-{i}-kind": kind,
                     f"step-{i}-time_value": "5", f"step-{i}-time_unit": "menit"})
    return data


SERVICE_DATA = {"key": "permohonan-data", "name": "Permohonan data", "order": "2",
                "time_unit": "hari", "is_free": "on", "offline": "on"}

add(
    Case(P + "list", U + "staff-list", code, READERS, officer=PPID),
    Case(P + "templates", U + "staff-templates", code, READERS, officer=PPID),
    Case(P + "service", U + "staff-service",
         lambda ctx: [JEPARA, ctx.sv_service.pk], READERS, officer=PPID),
    Case(P + "sop", U + "staff-sop", lambda ctx: [JEPARA, ctx.sv_draft.pk], READERS,
         officer=PPID),
    Case(P + "sop-pdf", U + "staff-sop-pdf", lambda ctx: [JEPARA, ctx.sv_effective.pk],
         READERS, officer=PPID),
    Case(P + "service-create-form", U + "staff-service-create", code, WRITERS,
         officer=PPID),
    Case(P + "service-create", U + "staff-service-create", code, WRITERS,
         method="post", data=lambda ctx: SERVICE_DATA, officer=PPID),
    Case(P + "service-edit", U + "staff-service-edit",
         lambda ctx: [JEPARA, ctx.sv_service.pk], WRITERS, method="post", officer=PPID,
         data=lambda ctx: {**SERVICE_DATA, "name": "Permohonan informasi (ubah)",
                           "requirements": "KTP", "time_value": "10"}),
    Case(P + "service-publish", U + "staff-service-publish",
         lambda ctx: [JEPARA, ctx.sv_service.pk], WRITERS, method="post", officer=PPID),
    Case(P + "service-unpublish", U + "staff-service-unpublish",
         lambda ctx: [JEPARA, ctx.sv_published.pk], WRITERS, method="post", officer=PPID),
    Case(P + "sop-create", U + "staff-sop-create",
         lambda ctx: [JEPARA, ctx.sv_published.pk], WRITERS, method="post", officer=PPID,
         data=lambda ctx: {"channel": "daring", "name": "SOP Pengaduan Daring",
                           "actors": "Pengadu\nPetugas"}),
    Case(P + "sop-edit", U + "staff-sop-edit", lambda ctx: [JEPARA, ctx.sv_draft.pk],
         WRITERS, method="post", officer=PPID,
         data=lambda ctx: {"name": "SOP Permohonan Informasi Luring", "number": "2/SOP"}),
    Case(P + "sop-steps", U + "staff-sop-steps",
         lambda ctx: [JEPARA, ctx.sv_draft.pk], WRITERS, method="post", data=_steps,
         officer=PPID),
    Case(P + "sop-approve", U + "staff-sop-approve",
         lambda ctx: [JEPARA, ctx.sv_draft.pk], APPROVERS, method="post", officer="head",
         data=lambda ctx: {"decree": ctx.sv_sk.pk, "approver_name": "Ketua Jepara",
                           "approver_position": "Ketua"}),
    Case(P + "sop-effective", U + "staff-sop-effective",
         lambda ctx: [JEPARA, ctx.sv_approved.pk], WRITERS, method="post", officer=PPID,
         data=lambda ctx: {"effective_on": "2030-01-01"}),
    Case(P + "sop-revise", U + "staff-sop-revise",
         lambda ctx: [JEPARA, ctx.sv_effective.pk], WRITERS, method="post", officer=PPID),
    Case(P + "sop-discard", U + "staff-sop-discard", lambda ctx: [JEPARA, ctx.sv_draft.pk],
         WRITERS, method="post", officer=PPID),
    Case(P + "sop-template", U + "staff-sop-template",
         lambda ctx: ["33", ctx.sv_template.pk], frozenset({"system_admin"}), method="post",
         officer=PPID),
    Case(P + "template-adopt", U + "staff-template-adopt",
         lambda ctx: [JEPARA, ctx.sv_template.pk], WRITERS, method="post", officer=PPID),
)
