from functools import partial

from django.urls import path

from .views import public, sops, staff

app_name = "servicestandards"

STAFF = "staf/layanan/<str:code>/"
SOP = STAFF + "sop/<int:pk>/"

urlpatterns = [
    path("layanan/", public.service_list, name="public-list"),
    path("layanan/<str:code>/", public.satker_services, name="public-satker"),
    path("layanan/<str:code>/sop/<int:pk>/", public.sop_detail, name="public-sop"),
    path("layanan/<str:code>/sop/<int:pk>/sop.pdf", public.sop_pdf, name="public-sop-pdf"),
    path("layanan/<str:code>/<slug:key>/", public.service_detail, name="public-service"),
    path("layanan/<str:code>/<slug:key>/standar.pdf", public.service_pdf,
         name="public-service-pdf"),

    path(STAFF, staff.service_list, name="staff-list"),
    path(STAFF + "baru/", staff.service_create, name="staff-service-create"),
    path(STAFF + "<int:pk>/", staff.service_detail, name="staff-service"),
    path(STAFF + "<int:pk>/ubah/", staff.service_edit, name="staff-service-edit"),
    path(STAFF + "<int:pk>/terbitkan/", staff.service_publish, name="staff-service-publish"),
    path(STAFF + "<int:pk>/tarik/", partial(staff.service_publish, publish=False),
         name="staff-service-unpublish"),
    path(STAFF + "<int:service_pk>/sop/baru/", sops.sop_create, name="staff-sop-create"),
    path(SOP, sops.sop_detail, name="staff-sop"),
    path(SOP + "ubah/", sops.sop_edit, name="staff-sop-edit"),
    path(SOP + "langkah/", sops.sop_steps, name="staff-sop-steps"),
    path(SOP + "sahkan/", sops.sop_approve, name="staff-sop-approve"),
    path(SOP + "berlakukan/", sops.sop_effective, name="staff-sop-effective"),
    path(SOP + "revisi/", sops.sop_revise, name="staff-sop-revise"),
    path(SOP + "buang/", sops.sop_discard, name="staff-sop-discard"),
    path(SOP + "templat/", sops.sop_template, name="staff-sop-template"),
    path(SOP + "sop.pdf", sops.sop_pdf, name="staff-sop-pdf"),
    path(STAFF + "templat/", sops.template_list, name="staff-templates"),
    path(STAFF + "templat/<int:pk>/adopsi/", sops.template_adopt, name="staff-template-adopt"),
]
