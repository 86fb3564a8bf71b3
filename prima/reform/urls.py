"""Reform URLs (app "reform"), by topic.

Staff pages live under /staf/rb/<satker code>/ (names "staff-..."); evaluation and dashboards
under /staf/rb/evaluasi/ and /staf/rb/dasbor/ (names "eval-..." and "dashboard-..."); the
public progress page beside the organisations app's satker pages (/satker/<code>/reformasi/).

Order matters: the evaluation and dashboard paths begin with fixed words ("evaluasi", "dasbor")
where the staff pages have a satker code, so they come first; otherwise staf/rb/<code>/ would
take "evaluasi" for a satker code.

URL keyword arguments: a satker is ``code``; other objects ``<model>_pk``; ``quarter`` is the
report's quarter (1-4) within its plan.
"""

from django.urls import path

from .views import dashboards, evaluation, events, home, plans, public, reports, teams

app_name = "reform"

staff = "staf/rb/<str:code>/"
plan = staff + "rencana/<int:plan_pk>/"
report = plan + "laporan/<int:quarter>/"
team = staff + "tim/<int:team_pk>/"
event = staff + "kegiatan/<int:event_pk>/"

urlpatterns = [
    # Evaluation by the level above (before the staff pages, see above).
    path("staf/rb/evaluasi/", evaluation.inbox, name="eval-inbox"),
    path("staf/rb/evaluasi/laporan/<int:report_pk>/", evaluation.report_review,
         name="eval-report"),
    path("staf/rb/evaluasi/rekomendasi/", evaluation.recommendation_list,
         name="eval-recommendations"),
    path("staf/rb/evaluasi/rekomendasi/<int:recommendation_pk>/selesai/",
         evaluation.recommendation_close, name="eval-recommendation-close"),
    # Dashboards (before the staff pages, see above).
    path("staf/rb/dasbor/nasional/", dashboards.national, name="dashboard-national"),
    path("staf/rb/dasbor/<str:code>/", dashboards.satker_dashboard, name="dashboard-satker"),
    path("staf/rb/dasbor/<str:code>/perbandingan/", dashboards.comparison,
         name="dashboard-comparison"),
    # A satker's reform home.
    path(staff, home.home, name="staff-home"),
    # Teams.
    path(staff + "tim/", teams.team_list, name="staff-teams"),
    path(staff + "tim/baru/", teams.team_create, name="staff-team-create"),
    path(team, teams.team_detail, name="staff-team"),
    path(team + "anggota/tambah/", teams.member_form, name="staff-member-create"),
    path(team + "anggota/<int:member_pk>/ubah/", teams.member_form, name="staff-member-edit"),
    path(team + "anggota/<int:member_pk>/hapus/", teams.member_delete,
         name="staff-member-delete"),
    # Plans: list, creation, copy, templates.
    path(staff + "rencana/", plans.plan_list, name="staff-plans"),
    path(staff + "rencana/baru/", plans.plan_create, name="staff-plan-create"),
    path(staff + "rencana/salin/", plans.plan_copy, name="staff-plan-copy"),
    path(staff + "rencana/templat/", plans.template_list, name="staff-templates"),
    path(staff + "rencana/templat/<int:template_pk>/adopsi/", plans.template_adopt,
         name="staff-template-adopt"),
    # A plan and its editor.
    path(plan, plans.plan_detail, name="staff-plan"),
    path(plan + "program/tambah/", plans.programme_form, name="staff-programme-create"),
    path(plan + "program/<int:programme_pk>/ubah/", plans.programme_form,
         name="staff-programme-edit"),
    path(plan + "program/<int:programme_pk>/hapus/", plans.programme_delete,
         name="staff-programme-delete"),
    path(plan + "program/<int:programme_pk>/kegiatan/tambah/", plans.activity_form,
         name="staff-activity-create"),
    path(plan + "kegiatan/<int:activity_pk>/ubah/", plans.activity_form,
         name="staff-activity-edit"),
    path(plan + "kegiatan/<int:activity_pk>/hapus/", plans.activity_delete,
         name="staff-activity-delete"),
    path(plan + "kegiatan/<int:activity_pk>/indikator/tambah/", plans.indicator_form,
         name="staff-indicator-create"),
    path(plan + "indikator/<int:indicator_pk>/ubah/", plans.indicator_form,
         name="staff-indicator-edit"),
    path(plan + "indikator/<int:indicator_pk>/hapus/", plans.indicator_delete,
         name="staff-indicator-delete"),
    # The plan's workflow and downloads.
    path(plan + "ajukan/", plans.plan_submit, name="staff-plan-submit"),
    path(plan + "setujui/", plans.plan_approve, name="staff-plan-approve"),
    path(plan + "kembalikan/", plans.plan_return, name="staff-plan-return"),
    path(plan + "mulai/", plans.plan_start, name="staff-plan-start"),
    path(plan + "tutup/", plans.plan_close, name="staff-plan-close"),
    path(plan + "publikasi/", plans.plan_publish, name="staff-plan-publish"),
    path(plan + "unduh.xlsx", plans.plan_xlsx, name="staff-plan-xlsx"),
    path(plan + "unduh.pdf", plans.plan_pdf, name="staff-plan-pdf"),
    # Quarterly progress reports, their evidence and the answers to the evaluator.
    path(report, reports.report_detail, name="staff-report"),
    path(report + "ajukan/", reports.report_submit, name="staff-report-submit"),
    path(report + "data-dukung/unggah/", reports.evidence_upload,
         name="staff-evidence-upload"),
    path(report + "data-dukung/tautkan/", reports.evidence_link, name="staff-evidence-link"),
    path(report + "data-dukung/<int:evidence_pk>/", reports.evidence_download,
         name="staff-evidence-download"),
    path(report + "data-dukung/<int:evidence_pk>/hapus/", reports.evidence_delete,
         name="staff-evidence-delete"),
    path(report + "unduh.xlsx", reports.report_xlsx, name="staff-report-xlsx"),
    path(report + "unduh.pdf", reports.report_pdf, name="staff-report-pdf"),
    path(report + "komentar/tanggapi/", reports.comment_answers,
         name="staff-comment-answers"),
    path(staff + "rekomendasi/<int:recommendation_pk>/tanggapi/",
         reports.recommendation_respond, name="staff-recommendation-respond"),
    # Socialisation events.
    path(staff + "kegiatan/", events.event_list, name="staff-events"),
    path(staff + "kegiatan/baru/", events.event_form, name="staff-event-create"),
    path(event, events.event_detail, name="staff-event"),
    path(event + "ubah/", events.event_form, name="staff-event-edit"),
    path(event + "hapus/", events.event_delete, name="staff-event-delete"),
    path(event + "peserta/tambah/", events.participant_add, name="staff-participant-add"),
    path(event + "peserta/undang/", events.participant_invite,
         name="staff-participant-invite"),
    path(event + "peserta/tempel/", events.participant_bulk, name="staff-participant-bulk"),
    path(event + "peserta/kehadiran/", events.attendance_save, name="staff-attendance"),
    path(event + "peserta/<int:participant_pk>/hapus/", events.participant_delete,
         name="staff-participant-delete"),
    # The public progress page.
    path("satker/<str:code>/reformasi/", public.progress, name="public-progress"),
]
