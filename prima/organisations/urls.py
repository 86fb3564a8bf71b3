from django.urls import path

from . import views

app_name = "organisations"

staff = "staf/satker/<str:code>/"

urlpatterns = [
    # Public pages.
    path("satker/", views.satker_tree, name="satker-tree"),
    path("satker/<str:code>/", views.satker_detail, name="satker-detail"),
    path("satker/<str:code>/anak/", views.satker_children, name="satker-children"),
    path("satker/<str:code>/dokumen/", views.public_documents, name="satker-documents"),
    path("satker/<str:code>/dokumen/<int:pk>/unduh/", views.document_download,
         name="document-download"),
    # Staff area of one satker.
    path(staff, views.staff_satker, name="staff-satker"),
    path(staff + "profil/", views.staff_profile, name="staff-profile"),
    path(staff + "divisi/", views.staff_divisions, name="staff-divisions"),
    path(staff + "divisi/tambah/", views.staff_division_form, name="staff-division-create"),
    path(staff + "divisi/<int:pk>/ubah/", views.staff_division_form, name="staff-division-edit"),
    path(staff + "divisi/<int:pk>/hapus/", views.staff_division_delete,
         name="staff-division-delete"),
    path(staff + "dokumen/", views.staff_documents, name="staff-documents"),
    path(staff + "dokumen/unggah/", views.staff_document_upload, name="staff-document-upload"),
    path(staff + "dokumen/<int:pk>/unduh/", views.staff_document_download,
         name="staff-document-download"),
    path(staff + "audit/", views.staff_audit, name="staff-audit"),
    path(staff + "audit/<int:content_type_id>/<str:object_id>/", views.staff_audit_record,
         name="staff-audit-record"),
]
