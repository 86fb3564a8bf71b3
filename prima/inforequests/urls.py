"""URLs of public information requests: public pages, the officer's desk, reports and exports.

Keyword arguments: a satker is ``code``, a file of a request ``file_pk``, a DIP line ``pk``,
registration numbers ``number_slug``, private links ``secret`` and ``token``.
"""

from django.urls import path, re_path

from .views import dip, inbox, objections, public, reports, requests

app_name = "inforequests"

TRACKED = "informasi/lacak/<str:number_slug>/<str:secret>/"
# Registration numbers as slugs: "0001-PPID-33.20-2026", "0001-KEB-33.20-2026" (never "baru").
REQUEST = r"^staf/informasi/(?P<number_slug>[0-9]+-PPID-[0-9.]+-[0-9]{4})/"
OBJECTION = r"^staf/keberatan/(?P<number_slug>[0-9]+-KEB-[0-9.]+-[0-9]{4})/"

# (URL segment, action, name): each step of the workflow posts to its own URL.
ACTIONS = [
    ("tugaskan", "assign", "staff-assign"),
    ("catatan", "note", "staff-note"),
    ("klarifikasi", "clarify", "staff-clarify"),
    ("jawaban-klarifikasi", "clarification-answer", "staff-clarification-answer"),
    ("perpanjang", "extend", "staff-extend"),
    ("putuskan", "decide", "staff-decide"),
    ("tambah-berkas", "add-file", "staff-add-file"),
    ("serahkan", "deliver", "staff-deliver"),
    ("serah-terima", "handover", "staff-handover"),
    ("publikasikan", "publish", "staff-publish"),
    ("tarik", "withdraw", "staff-withdraw"),
]

urlpatterns = [
    # Public pages.
    path("informasi/", public.start, name="public-start"),
    path("informasi/register/", public.register, name="public-register"),
    path("informasi/register.xlsx", reports.public_register_xlsx, name="public-register-xlsx"),
    path("informasi/register/<str:number_slug>/", public.register_entry,
         name="public-register-entry"),
    path("informasi/register/<str:number_slug>/berkas/<int:file_pk>/",
         public.register_file, name="public-register-file"),
    path("informasi/lacak/", public.track, name="public-track"),
    path("informasi/lacak/kirim-ulang/", public.resend_link, name="public-resend-link"),
    path(TRACKED, public.tracking_page, name="public-tracking"),
    path(TRACKED + "klarifikasi/", public.clarification_answer, name="public-clarification"),
    path(TRACKED + "tarik/", public.withdraw, name="public-withdraw"),
    path(TRACKED + "keberatan/", public.objection, name="public-objection"),
    path(TRACKED + "pemberitahuan.pdf", public.notice_pdf, name="public-notice-pdf"),
    path(TRACKED + "berkas/<int:file_pk>/", public.tracking_file, name="public-tracking-file"),
    path("informasi/terima/<str:number_slug>/", public.receipt, name="public-receipt"),
    path("informasi/unduh/<str:token>/", public.download_list, name="public-download-list"),
    path("informasi/unduh/<str:token>/<int:file_pk>/", public.download, name="public-download"),
    path("informasi/<str:code>/ajukan/", public.request_form, name="public-form"),
    path("informasi/<str:code>/daftar-informasi/", public.dip, name="public-dip"),
    path("informasi/<str:code>/keberatan-berkala/", public.periodic_objection,
         name="public-periodic-objection"),
    # The annual report.
    path("laporan/informasi/", reports.annual, name="report-annual"),
    path("laporan/informasi.pdf", reports.annual_pdf, name="report-annual-pdf"),
    path("staf/laporan-informasi/<str:code>/<int:year>/", reports.report_notes,
         name="staff-report-notes"),
    # The officer's inbox, offline entry and registers.
    path("staf/informasi/", inbox.inbox, name="staff-inbox"),
    path("staf/informasi/baru/", inbox.create, name="staff-create"),
    path("staf/informasi/register.xlsx", reports.staff_register_xlsx,
         name="staff-register-xlsx"),
    path("staf/keberatan/register.xlsx", reports.staff_objection_register_xlsx,
         name="staff-objection-register-xlsx"),
    # One request's file and its workflow steps.
    re_path(REQUEST + "$", requests.detail, name="staff-detail"),
    *[re_path(REQUEST + segment + "/$", requests.request_action, {"action": action}, name=name)
      for segment, action, name in ACTIONS],
    re_path(REQUEST + r"berkas/(?P<file_pk>[0-9]+)/$", requests.delivered_file,
            name="staff-file"),
    re_path(REQUEST + r"tanda-terima/(?P<receipt_pk>[0-9]+)\.pdf$", requests.handover_pdf,
            name="staff-handover-pdf"),
    re_path(REQUEST + r"lampiran/(?P<file_pk>[0-9]+)/$", requests.attachment,
            name="staff-attachment"),
    re_path(r"^staf/informasi/(?P<number_slug>[0-9]+-PPID-[0-9.]+-[0-9]{4})/pemberitahuan\.pdf$",
            requests.notice_pdf, name="staff-notice-pdf"),
    # Objections.
    path("staf/keberatan/", objections.objections, name="staff-objections"),
    re_path(OBJECTION + "$", objections.objection_detail, name="staff-objection-detail"),
    re_path(OBJECTION + "putuskan/$", objections.objection_decide,
            name="staff-objection-decide"),
    re_path(OBJECTION + "tanggapan-pemohon/$", objections.objection_response,
            name="staff-objection-response"),
    re_path(OBJECTION + "sengketa/$", objections.dispute, name="staff-dispute"),
    # Consequence tests and the Daftar Informasi Publik.
    path("staf/uji-konsekuensi/", dip.consequence_tests, name="staff-consequence-tests"),
    path("staf/uji-konsekuensi/baru/", dip.consequence_test_create,
         name="staff-consequence-test-create"),
    path("staf/daftar-informasi/<str:code>/", dip.dip, name="staff-dip"),
    path("staf/daftar-informasi/<str:code>/tambah/", dip.dip_form, name="staff-dip-create"),
    path("staf/daftar-informasi/<str:code>/impor/", dip.dip_import, name="staff-dip-import"),
    path("staf/daftar-informasi/<str:code>/<int:pk>/ubah/", dip.dip_form, name="staff-dip-edit"),
    path("staf/daftar-informasi/<str:code>/<int:pk>/hapus/", dip.dip_delete,
         name="staff-dip-delete"),
]
