"""Report and register export URLs (included by ``inforequests.urls``; no app_name here)."""

from django.urls import path

from . import views_reports as views

urlpatterns = [
    path("laporan/informasi/", views.annual, name="report-annual"),
    path("laporan/informasi.pdf", views.annual_pdf, name="report-annual-pdf"),
    path("staf/informasi/register.xlsx", views.staff_register_xlsx,
         name="staff-register-xlsx"),
    path("staf/keberatan/register.xlsx", views.staff_objection_register_xlsx,
         name="staff-objection-register-xlsx"),
    path("informasi/register.xlsx", views.public_register_xlsx, name="public-register-xlsx"),
]
