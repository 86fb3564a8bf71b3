"""Matrix rows of self-assessments; the officer is Jepara's reform team member.

Jepara (33.20) has a draft integrity-zone worksheet (2024, filled by its own people only), a
submitted 2021 PMPRB (verified by the evaluator of Jawa Tengah above it, never by Jepara
itself nor by Jawa Barat's evaluator) and a final 2022 integrity-zone worksheet (reopened by
the evaluator above with a reason). The comparison of Jawa Tengah's kabupaten/kota is for the
evaluators of Jawa Tengah or above.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from prima.assessments import services
from prima.assessments.choices import Kind, Side
from prima.organisations.tests.factories import DocumentFactory, pdf_bytes
from tests.permission_matrix import MANAGERS, SIGNED_IN, Case, add, objects

JEPARA = "33.20"
VERIFIERS = frozenset({"evaluator", "system_admin"})
READERS = frozenset({"employee", "officer", "admin", "evaluator", "system_admin"})
OWN_READERS = frozenset({"employee", "officer", "admin", "system_admin"})


@objects
def assessment_objects(ctx):
    people, jepara = ctx.people, ctx.tree.jepara
    ctx.lke_draft = services.start_assessment(satker=jepara, year=2024, kind=Kind.ZI,
                                              actor=people.reform)
    services.save_answer(assessment=ctx.lke_draft, item_key="mp_tim", answer="Ya",
                         actor=people.reform)
    ctx.lke_file = services.attach_file(
        assessment=ctx.lke_draft, item_key="mp_tim", actor=people.reform,
        upload=SimpleUploadedFile("sk.pdf", pdf_bytes(), content_type="application/pdf"))
    ctx.lke_document = DocumentFactory(satker=jepara)
    ctx.lke_submitted = services.start_assessment(satker=jepara, year=2021, kind=Kind.RB,
                                                  actor=people.reform)
    services.save_answer(assessment=ctx.lke_submitted, item_key="mp_kebijakan", answer="Ya",
                         actor=people.reform)
    services.submit(assessment=ctx.lke_submitted, actor=people.reform)
    ctx.lke_final = services.start_assessment(satker=jepara, year=2022, kind=Kind.ZI,
                                              actor=people.reform)
    services.submit(assessment=ctx.lke_final, actor=people.reform)
    services.finalise(assessment=ctx.lke_final, actor=people.evaluator)


def draft(ctx, *more):
    return [JEPARA, ctx.lke_draft.pk, *more]


def submitted(ctx, *more):
    return [JEPARA, ctx.lke_submitted.pk, *more]


def final(ctx):
    return [JEPARA, ctx.lke_final.pk]


add(
    Case("assessments-list", "assessments:staff-list", lambda ctx: [JEPARA], READERS,
         officer="reform"),
    Case("assessments-start", "assessments:staff-list", lambda ctx: [JEPARA], MANAGERS,
         officer="reform", method="post", data=lambda ctx: {"kind": Kind.RB, "year": "2023"}),
    Case("assessments-inbox", "assessments:staff-inbox", lambda ctx: [], SIGNED_IN,
         officer="reform", private_text=lambda ctx: "KPU Kabupaten Jepara",
         shown_to=VERIFIERS),
    Case("assessments-detail", "assessments:staff-detail", submitted, READERS,
         officer="reform"),
    Case("assessments-detail-draft", "assessments:staff-detail", draft, OWN_READERS,
         officer="reform"),
    Case("assessments-answer", "assessments:staff-answer",
         lambda ctx: draft(ctx, "mp_rencana"), MANAGERS, officer="reform", method="post",
         data=lambda ctx: {"answer": "Ya", "note": "", "side": Side.SELF}),
    Case("assessments-verify", "assessments:staff-answer",
         lambda ctx: submitted(ctx, "mp_kebijakan"), VERIFIERS, officer="reform",
         method="post", data=lambda ctx: {"answer": "Tidak", "note": "Belum ada SK",
                                          "side": Side.EVALUATOR}),
    Case("assessments-evidence", "assessments:staff-evidence",
         lambda ctx: draft(ctx, "mp_tim"), OWN_READERS, officer="reform"),
    Case("assessments-evidence-link", "assessments:staff-evidence",
         lambda ctx: draft(ctx, "mp_tim"), MANAGERS, officer="reform", method="post",
         data=lambda ctx: {"action": "link", "ref_0": "document", "ref_1": "",
                           "ref_2": str(ctx.lke_document.pk)}),
    Case("assessments-file", "assessments:staff-file",
         lambda ctx: draft(ctx, ctx.lke_file.pk), OWN_READERS, officer="reform"),
    Case("assessments-submit-confirm", "assessments:staff-submit", draft, MANAGERS,
         officer="reform"),
    Case("assessments-submit", "assessments:staff-submit", draft, MANAGERS,
         officer="reform", method="post", data=lambda ctx: {}),
    Case("assessments-return", "assessments:staff-return", submitted, VERIFIERS,
         officer="reform", method="post",
         data=lambda ctx: {"items": ["mp_kebijakan"], "note": "Lengkapi SK"}),
    Case("assessments-finalise-confirm", "assessments:staff-finalise", submitted, VERIFIERS,
         officer="reform"),
    Case("assessments-finalise", "assessments:staff-finalise", submitted, VERIFIERS,
         officer="reform", method="post", data=lambda ctx: {}),
    Case("assessments-reopen-confirm", "assessments:staff-reopen", final, VERIFIERS,
         officer="reform"),
    Case("assessments-reopen", "assessments:staff-reopen", final, VERIFIERS,
         officer="reform", method="post",
         data=lambda ctx: {"reason": "Temuan baru dari inspektorat"}),
    Case("assessments-export", "assessments:staff-export", submitted, READERS,
         officer="reform"),
    Case("assessments-import", "assessments:staff-import", draft, MANAGERS, officer="reform"),
    Case("assessments-compare", "assessments:staff-compare", lambda ctx: ["33"], VERIFIERS,
         officer="reform", query=lambda ctx: {"kind": Kind.RB, "year": "2021"}),
)
