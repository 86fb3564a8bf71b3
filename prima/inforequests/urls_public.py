"""Public URLs of the information request service (included by ``inforequests.urls``)."""

from django.urls import path

from . import views_public as views

tracked = "informasi/lacak/<str:number_slug>/<str:secret>/"

urlpatterns = [
    path("informasi/", views.start, name="public-start"),
    path("informasi/register/", views.register, name="public-register"),
    path("informasi/lacak/", views.track, name="public-track"),
    path(tracked, views.tracking_page, name="public-tracking"),
    path(tracked + "klarifikasi/", views.clarification_answer, name="public-clarification"),
    path(tracked + "tarik/", views.withdraw, name="public-withdraw"),
    path(tracked + "keberatan/", views.objection, name="public-objection"),
    path(tracked + "pemberitahuan.pdf", views.notice_pdf, name="public-notice-pdf"),
    path(tracked + "berkas/<int:file_id>/", views.tracking_file, name="public-tracking-file"),
    path("informasi/terima/<str:number_slug>/", views.receipt, name="public-receipt"),
    path("informasi/unduh/<str:token>/", views.download_list, name="public-download-list"),
    path("informasi/unduh/<str:token>/<int:file_id>/", views.download, name="public-download"),
    path("informasi/<str:satker_code>/ajukan/", views.request_form, name="public-form"),
    path("informasi/<str:satker_code>/daftar-informasi/", views.dip, name="public-dip"),
]
