"""Survey URLs (app "surveys"): the public questionnaire under /survei/<key>/, a satker's
results beside the satker pages (/satker/<code>/survei/), staff pages under
/staf/survei/<code>/ (the roll-up first: "rekap" is no satker code)."""

from django.urls import path

from .views import public, staff

app_name = "surveys"

form = "survei/<str:key>/"
staff_root = "staf/survei/<str:code>/"
one = staff_root + "<int:pk>/"

urlpatterns = [
    path(form, public.questionnaire, name="public-form"),
    path(form + "undangan/<str:token>/", public.invitation, name="public-invitation"),
    path(form + "terima-kasih/", public.thanks, name="public-thanks"),
    path(form + "kios/", public.kiosk, name="public-kiosk"),
    path(form + "kios/kirim/", public.kiosk_submit, name="public-kiosk-submit"),
    path(form + "kios/sw.js", public.kiosk_worker, name="public-kiosk-worker"),
    path("satker/<str:code>/survei/", public.results, name="public-results"),
    path("satker/<str:code>/survei/ikm.csv", public.results_csv, name="public-results-csv"),
    path("staf/survei/rekap/", staff.rollup, name="staff-rollup"),
    path(staff_root, staff.survey_list, name="staff-surveys"),
    path(staff_root + "baru/", staff.survey_form, name="staff-survey-create"),
    path(one, staff.survey_detail, name="staff-survey"),
    path(one + "ubah/", staff.survey_form, name="staff-survey-edit"),
    path(one + "qr.svg", staff.survey_qr, name="staff-survey-qr"),
    path(one + "kertas/", staff.paper_entry, name="staff-paper"),
    path(one + "laporan/", staff.report, name="staff-report"),
    path(one + "laporan.pdf", staff.report_pdf, name="staff-report-pdf"),
    path(one + "laporan.xlsx", staff.report_xlsx, name="staff-report-xlsx"),
    path(one + "tindak-lanjut/baru/", staff.follow_up_form, name="staff-followup-create"),
    path(one + "tindak-lanjut/<int:followup_pk>/", staff.follow_up_form,
         name="staff-followup-edit"),
    path(one + "buka/", staff.survey_status, {"action": "buka"}, name="staff-survey-open"),
    path(one + "tutup/", staff.survey_status, {"action": "tutup"}, name="staff-survey-close"),
]
