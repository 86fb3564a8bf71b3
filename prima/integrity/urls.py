from django.urls import path

from .views import pact, public, satker, versions

app_name = "integrity"

staff = "staf/integritas/"

urlpatterns = [
    path("integritas/verifikasi/", public.verify_form, name="public-verify-form"),
    path("integritas/verifikasi/<str:code>/", public.verify, name="public-verify"),
    path("integritas/<str:code>/", public.satker_page, name="public-satker"),
    path(f"{staff}pakta/", pact.my_pact, name="staff-pact"),
    path(f"{staff}pakta/<int:pk>/tanda-tangan/", pact.sign, name="staff-pact-sign"),
    path(f"{staff}tanda-tangan/<int:pk>/pdf/", pact.signature_pdf, name="staff-signature-pdf"),
    path(f"{staff}teks/", versions.version_list, name="staff-versions"),
    path(f"{staff}teks/baru/", versions.version_create, name="staff-version-create"),
    path(f"{staff}teks/<int:pk>/", versions.version_detail, name="staff-version"),
    path(f"{staff}teks/<int:pk>/terbitkan/", versions.version_publish,
         name="staff-version-publish"),
    path(f"{staff}satker/<str:code>/", satker.satker_home, name="staff-satker"),
    path(f"{staff}satker/<str:code>/pencanangan/baru/", satker.declaration_create,
         name="staff-declaration-create"),
    path(f"{staff}satker/<str:code>/pencanangan/<int:pk>/", satker.declaration_edit,
         name="staff-declaration-edit"),
    path(f"{staff}satker/<str:code>/pencanangan/<int:pk>/piagam/",
         satker.declaration_charter, name="staff-declaration-charter"),
    path(f"{staff}satker/<str:code>/unit/baru/", satker.unit_create, name="staff-unit-create"),
    path(f"{staff}satker/<str:code>/unit/<int:pk>/status/", satker.unit_status,
         name="staff-unit-status"),
    path(f"{staff}satker/<str:code>/daftar/", satker.roster_issue, name="staff-roster-issue"),
    path(f"{staff}satker/<str:code>/daftar/<int:pk>/pdf/", satker.roster_pdf,
         name="staff-roster-pdf"),
]
