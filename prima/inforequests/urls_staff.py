"""Staff URLs of information requests (included by ``inforequests.urls``, app "inforequests")."""

from django.urls import path, re_path

from . import views_staff as views

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
    ("tarik", "withdraw", "staff-withdraw"),
]

urlpatterns = [
    path("staf/informasi/", views.inbox, name="staff-inbox"),
    path("staf/informasi/baru/", views.create, name="staff-create"),
    re_path(REQUEST + "$", views.detail, name="staff-detail"),
    *[re_path(REQUEST + segment + "/$", views.request_action, {"action": action}, name=name)
      for segment, action, name in ACTIONS],
    re_path(REQUEST + r"berkas/(?P<file_id>[0-9]+)/$", views.delivered_file, name="staff-file"),
    re_path(REQUEST + r"lampiran/(?P<file_id>[0-9]+)/$", views.attachment,
            name="staff-attachment"),
    re_path(r"^staf/informasi/(?P<number_slug>[0-9]+-PPID-[0-9.]+-[0-9]{4})/pemberitahuan\.pdf$",
            views.notice_pdf, name="staff-notice-pdf"),
    path("staf/keberatan/", views.objections, name="staff-objections"),
    re_path(OBJECTION + "$", views.objection_detail, name="staff-objection-detail"),
    re_path(OBJECTION + "putuskan/$", views.objection_decide, name="staff-objection-decide"),
    re_path(OBJECTION + "tanggapan-pemohon/$", views.objection_response,
            name="staff-objection-response"),
    re_path(OBJECTION + "sengketa/$", views.dispute, name="staff-dispute"),
    path("staf/uji-konsekuensi/", views.consequence_tests, name="staff-consequence-tests"),
    path("staf/uji-konsekuensi/baru/", views.consequence_test_create,
         name="staff-consequence-test-create"),
    path("staf/daftar-informasi/<str:satker_code>/", views.dip, name="staff-dip"),
    path("staf/daftar-informasi/<str:satker_code>/tambah/", views.dip_form,
         name="staff-dip-create"),
    path("staf/daftar-informasi/<str:satker_code>/<int:pk>/ubah/", views.dip_form,
         name="staff-dip-edit"),
    path("staf/daftar-informasi/<str:satker_code>/<int:pk>/hapus/", views.dip_delete,
         name="staff-dip-delete"),
]
