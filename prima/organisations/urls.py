from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("satker/", views.satker_tree, name="satker-tree"),
    path("satker/<str:code>/", views.satker_detail, name="satker-detail"),
    path("staf/satker/<str:code>/", views.staff_satker, name="staff-satker"),
    path("staf/satker/<str:code>/profil/", views.staff_satker, name="staff-profile"),
    path("staf/satker/<str:code>/divisi/", views.staff_satker, name="staff-divisions"),
    path("staf/satker/<str:code>/dokumen/", views.staff_satker, name="staff-documents"),
    path("staf/satker/<str:code>/audit/", views.staff_satker, name="staff-audit"),
]
