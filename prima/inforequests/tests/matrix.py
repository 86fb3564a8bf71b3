"""Matrix rows of information requests: the officer is Jepara's PPID (or its atasan PPID)."""


from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from prima.inforequests import services
from prima.inforequests.choices import Decision, ObjectionGround
from prima.inforequests.tests.factories import grant, make_consequence_test, make_request
from prima.organisations.tests.factories import pdf_bytes
from tests.permission_matrix import STAFF, Case, add, objects

JEPARA = "33.20"
# Purpose.INFORMATION: PPID staff act; the satker's managers read.
READERS = frozenset({"officer", "admin", "system_admin"})
ACTORS_WRITE = frozenset({"officer", "system_admin"})
# Anyone who reads information requests somewhere gets the (own-scope) list pages.
LIST_READERS = READERS | {"other_admin"}


def slug(ctx):
    return [ctx.request.number_slug]


def decided_slug(ctx):
    return [ctx.decided.number_slug]


def objection_slug(ctx):
    return [ctx.objection.number.replace("/", "-")]


def satker_args(ctx):
    return [JEPARA]


def no_args(ctx):
    return []


def request_number(ctx):
    return ctx.request.number


def register_query(ctx):
    return {"satker": JEPARA, "year": ctx.request.year}


@objects
def inforequest_objects(ctx):
    """A fresh request, a decided and delivered one with an objection, a consequence test and a
    DIP entry, all at KPU Kabupaten Jepara."""
    ppid, atasan = ctx.people.ppid, ctx.people.atasan_ppid
    ctx.request = make_request(
        ctx.tree.jepara,
        attachments=[("identity", SimpleUploadedFile("ktp.pdf", pdf_bytes(), "application/pdf"))],
    )
    ctx.attachment = ctx.request.attachments.get()
    ctx.decided = make_request(ctx.tree.jepara)
    grant(ctx.decided, ppid)
    ctx.delivered_file = services.add_delivered_file(
        request=ctx.decided,
        actor=ppid,
        title="SK DPT",
        upload=SimpleUploadedFile("sk.pdf", pdf_bytes(), "application/pdf"),
    )
    ctx.objection = services.file_objection(
        request=ctx.decided, grounds=[ObjectionGround.D], case_description="Tidak sesuai"
    )
    ctx.test = make_consequence_test(ctx.tree.jepara, ppid)
    ctx.entry = services.save_information_list_entry(
        satker=ctx.tree.jepara,
        actor=ppid,
        title="Profil KPU Kabupaten Jepara",
        information_class="berkala",
        owner="Subbagian Teknis",
        summary="",
    )
    ctx.atasan = atasan


def decided_objection(ctx):
    ctx.objection = services.decide_objection(
        objection=ctx.objection, actor=ctx.atasan, outcome="rejected", response="Ditolak"
    )


PPID = "ppid"
add(
    Case(
        "inbox",
        "inforequests:staff-inbox",
        no_args,
        LIST_READERS,
        officer=PPID,
        private_text=request_number,
        shown_to=READERS,
    ),
    Case("request-create", "inforequests:staff-create", no_args, ACTORS_WRITE, officer=PPID),
    Case("request-detail", "inforequests:staff-detail", slug, READERS, officer=PPID),
    Case(
        "request-note",
        "inforequests:staff-note",
        slug,
        ACTORS_WRITE,
        officer=PPID,
        method="post",
        data=lambda ctx: {"text": "Catatan internal"},
    ),
    Case(
        "request-assign",
        "inforequests:staff-assign",
        slug,
        ACTORS_WRITE,
        officer=PPID,
        method="post",
        data=lambda ctx: {"officer": ctx.people.ppid.pk},
    ),
    Case(
        "request-clarify",
        "inforequests:staff-clarify",
        slug,
        ACTORS_WRITE,
        officer=PPID,
        method="post",
        data=lambda ctx: {"question": "Mohon perjelas tahunnya"},
    ),
    Case(
        "request-clarification-answer",
        "inforequests:staff-clarification-answer",
        slug,
        ACTORS_WRITE,
        officer=PPID,
        method="post",
        setup=lambda ctx: services.ask_clarification(
            request=ctx.request, question="Tahun berapa?", actor=ctx.people.ppid
        ),
        data=lambda ctx: {"answer": "Tahun 2024"},
    ),
    Case(
        "request-extend",
        "inforequests:staff-extend",
        slug,
        ACTORS_WRITE,
        officer=PPID,
        method="post",
        data=lambda ctx: {"days": 7, "reasons": "Dokumen di arsip"},
    ),
    Case(
        "request-decide",
        "inforequests:staff-decide",
        slug,
        ACTORS_WRITE,
        officer=PPID,
        method="post",
        data=lambda ctx: {
            "decision": Decision.GRANTED,
            "confirmed": "1",
            "is_held": "on",
            "information_given": "Salinan SK",
            "costs": "0",
            "copy_form": "soft",
            "delivery_method": "download",
        },
    ),
    Case(
        "request-add-file",
        "inforequests:staff-add-file",
        decided_slug,
        ACTORS_WRITE,
        officer=PPID,
        method="post",
        data=lambda ctx: {
            "title": "Lampiran",
            "upload": SimpleUploadedFile("a.pdf", pdf_bytes(), "application/pdf"),
        },
    ),
    Case(
        "request-deliver",
        "inforequests:staff-deliver",
        decided_slug,
        ACTORS_WRITE,
        officer=PPID,
        method="post",
        data=lambda ctx: {"valid_days": 30},
    ),
    Case(
        "request-withdraw",
        "inforequests:staff-withdraw",
        slug,
        ACTORS_WRITE,
        officer=PPID,
        method="post",
        data=lambda ctx: {"reason": "Ditarik", "confirm": "on"},
    ),
    Case(
        "request-file",
        "inforequests:staff-file",
        lambda ctx: [ctx.decided.number_slug, ctx.delivered_file.pk],
        READERS,
        officer=PPID,
    ),
    Case(
        "request-attachment",
        "inforequests:staff-attachment",
        lambda ctx: [ctx.request.number_slug, ctx.attachment.pk],
        frozenset({"officer", "system_admin"}),
        officer=PPID,
    ),
    Case(
        "request-notice-pdf", "inforequests:staff-notice-pdf", decided_slug, READERS, officer=PPID
    ),
    Case(
        "objections",
        "inforequests:staff-objections",
        no_args,
        LIST_READERS,
        officer=PPID,
        private_text=lambda ctx: ctx.objection.number,
        shown_to=READERS,
    ),
    Case(
        "objection-detail",
        "inforequests:staff-objection-detail",
        objection_slug,
        READERS,
        officer=PPID,
    ),
    Case(
        "objection-decide",
        "inforequests:staff-objection-decide",
        objection_slug,
        frozenset({"officer", "system_admin"}),
        officer="atasan_ppid",
        method="post",
        data=lambda ctx: {"outcome": "rejected", "response": "Menguatkan putusan PPID"},
    ),
    Case(
        "objection-response",
        "inforequests:staff-objection-response",
        objection_slug,
        ACTORS_WRITE,
        officer=PPID,
        method="post",
        setup=decided_objection,
        data=lambda ctx: {"text": "Pemohon menerima"},
    ),
    Case(
        "dispute",
        "inforequests:staff-dispute",
        objection_slug,
        ACTORS_WRITE,
        officer=PPID,
        method="post",
        setup=decided_objection,
        data=lambda ctx: {
            "filed_on": timezone.localdate().isoformat(),
            "commission": "Komisi Informasi Provinsi Jawa Tengah",
            "outcome": "pending",
        },
    ),
    Case(
        "consequence-tests",
        "inforequests:staff-consequence-tests",
        no_args,
        LIST_READERS,
        officer=PPID,
        private_text=lambda ctx: ctx.test.title,
        shown_to=READERS,
    ),
    Case(
        "consequence-test-create",
        "inforequests:staff-consequence-test-create",
        no_args,
        ACTORS_WRITE,
        officer=PPID,
        method="post",
        denial_may_be_form_error=True,
        data=lambda ctx: {
            "satker": ctx.tree.jepara.pk,
            "title": "Dokumen X",
            "exempt_content": "NIK",
            "exemption": "h",
            "legal_basis": "",
            "harm": "Privasi",
            "public_interest": "Tidak lebih besar",
            "conclusion": "Tertutup",
            "exempt_until": "",
        },
    ),
    Case("dip", "inforequests:staff-dip", satker_args, READERS, officer=PPID),
    Case(
        "dip-create",
        "inforequests:staff-dip-create",
        satker_args,
        ACTORS_WRITE,
        officer=PPID,
        method="post",
        data=lambda ctx: {
            "title": "Laporan keuangan",
            "summary": "",
            "information_class": "berkala",
            "owner": "Subbagian Keuangan",
            "responsible": "",
            "format": "PDF",
            "year": 2025,
            "retention": "",
            "url": "",
            "location": "",
            "is_published": "on",
        },
    ),
    Case(
        "dip-edit",
        "inforequests:staff-dip-edit",
        lambda ctx: [JEPARA, ctx.entry.pk],
        ACTORS_WRITE,
        officer=PPID,
        method="post",
        data=lambda ctx: {
            "title": "Profil (diubah)",
            "summary": "",
            "information_class": "berkala",
            "owner": "Subbagian Teknis",
            "responsible": "",
            "format": "",
            "year": "",
            "retention": "",
            "url": "",
            "location": "",
            "is_published": "on",
        },
    ),
    Case(
        "dip-delete",
        "inforequests:staff-dip-delete",
        lambda ctx: [JEPARA, ctx.entry.pk],
        ACTORS_WRITE,
        officer=PPID,
        method="post",
        data=lambda ctx: {"confirm": "on"},
    ),
    Case(
        "register-xlsx",
        "inforequests:staff-register-xlsx",
        no_args,
        READERS,
        officer=PPID,
        query=register_query,
    ),
    Case(
        "objection-register-xlsx",
        "inforequests:staff-objection-register-xlsx",
        no_args,
        READERS,
        officer=PPID,
        query=register_query,
    ),
)


def handover_receipt(ctx):
    ctx.receipt = services.record_handover(
        request=ctx.decided, actor=ctx.people.ppid, method="hard_copy",
        received_by_name="Siti", confirmation="signature")


def public_decree(ctx):
    from prima.organisations.tests.factories import DocumentFactory

    DocumentFactory(satker=ctx.tree.jepara, kind="sk", is_public=True)


add(
    Case(
        "request-handover",
        "inforequests:staff-handover",
        decided_slug,
        ACTORS_WRITE,
        officer=PPID,
        method="post",
        data=lambda ctx: {
            "method": "hard_copy", "received_by_name": "Siti Rahmawati",
            "handed_over_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "confirmation": "signature"},
    ),
    Case(
        "request-handover-pdf",
        "inforequests:staff-handover-pdf",
        lambda ctx: [ctx.decided.number_slug, ctx.receipt.pk],
        READERS,
        officer=PPID,
        setup=handover_receipt,
    ),
    Case(
        "request-publish",
        "inforequests:staff-publish",
        decided_slug,
        ACTORS_WRITE,
        officer=PPID,
        method="post",
        data=lambda ctx: {"answer": "SK DPT diberikan seluruhnya."},
    ),
    Case(
        "report-notes",
        "inforequests:staff-report-notes",
        lambda ctx: [JEPARA, timezone.localdate().year],
        ACTORS_WRITE,
        officer=PPID,
        method="post",
        data=lambda ctx: {"recommendations": "Digitalisasi arsip"},
    ),
    Case(
        "dip-import",
        "inforequests:staff-dip-import",
        satker_args,
        ACTORS_WRITE,
        officer=PPID,
        method="post",
        setup=public_decree,
    ),
)
assert STAFF  # the shared groups are used by other modules
