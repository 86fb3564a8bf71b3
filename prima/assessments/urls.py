from django.urls import path

from .views import compare, evidence, spreadsheet, worksheet

app_name = "assessments"

urlpatterns = [
    path("staf/penilaian/verifikasi/", worksheet.inbox, name="staff-inbox"),
    path("staf/penilaian/<str:code>/", worksheet.assessment_list, name="staff-list"),
    path("staf/penilaian/<str:code>/perbandingan/", compare.compare, name="staff-compare"),
    path("staf/penilaian/<str:code>/<int:pk>/", worksheet.assessment_detail,
         name="staff-detail"),
    path("staf/penilaian/<str:code>/<int:pk>/butir/<str:item_key>/", worksheet.answer,
         name="staff-answer"),
    path("staf/penilaian/<str:code>/<int:pk>/butir/<str:item_key>/data-dukung/",
         evidence.item_evidence, name="staff-evidence"),
    path("staf/penilaian/<str:code>/<int:pk>/berkas/<int:file_pk>/", evidence.file_download,
         name="staff-file"),
    path("staf/penilaian/<str:code>/<int:pk>/ajukan/", worksheet.submit, name="staff-submit"),
    path("staf/penilaian/<str:code>/<int:pk>/kembalikan/", worksheet.return_items,
         name="staff-return"),
    path("staf/penilaian/<str:code>/<int:pk>/final/", worksheet.finalise,
         name="staff-finalise"),
    path("staf/penilaian/<str:code>/<int:pk>/buka/", worksheet.reopen, name="staff-reopen"),
    path("staf/penilaian/<str:code>/<int:pk>/xlsx/", spreadsheet.export, name="staff-export"),
    path("staf/penilaian/<str:code>/<int:pk>/impor/", spreadsheet.import_view,
         name="staff-import"),
]
