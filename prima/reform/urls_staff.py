"""Staff pages of the reform app under /staf/rb/<satker code>/ (names prefixed "staff-")."""

from django.urls import path

from . import views_staff as v

base = "staf/rb/<str:code>/"
plan = base + "rencana/<int:plan_pk>/"
report = plan + "laporan/<int:quarter>/"
team = base + "tim/<int:team_pk>/"
event = base + "kegiatan/<int:event_pk>/"

urlpatterns = [
    path(base, v.home, name="staff-home"),
    # Teams.
    path(base + "tim/", v.team_list, name="staff-teams"),
    path(base + "tim/baru/", v.team_create, name="staff-team-create"),
    path(team, v.team_detail, name="staff-team"),
    path(team + "anggota/tambah/", v.member_form, name="staff-member-create"),
    path(team + "anggota/<int:member_pk>/ubah/", v.member_form, name="staff-member-edit"),
    path(team + "anggota/<int:member_pk>/hapus/", v.member_delete, name="staff-member-delete"),
    # Plans.
    path(base + "rencana/", v.plan_list, name="staff-plans"),
    path(base + "rencana/baru/", v.plan_create, name="staff-plan-create"),
    path(base + "rencana/salin/", v.plan_copy, name="staff-plan-copy"),
    path(base + "rencana/templat/", v.template_list, name="staff-templates"),
    path(base + "rencana/templat/<int:template_pk>/adopsi/", v.template_adopt,
         name="staff-template-adopt"),
    path(plan, v.plan_detail, name="staff-plan"),
    path(plan + "program/tambah/", v.programme_form, name="staff-programme-create"),
    path(plan + "program/<int:item_pk>/ubah/", v.programme_form, name="staff-programme-edit"),
    path(plan + "program/<int:item_pk>/hapus/", v.programme_delete,
         name="staff-programme-delete"),
    path(plan + "program/<int:programme_pk>/kegiatan/tambah/", v.activity_form,
         name="staff-activity-create"),
    path(plan + "kegiatan/<int:item_pk>/ubah/", v.activity_form, name="staff-activity-edit"),
    path(plan + "kegiatan/<int:item_pk>/hapus/", v.activity_delete,
         name="staff-activity-delete"),
    path(plan + "kegiatan/<int:activity_pk>/indikator/tambah/", v.indicator_form,
         name="staff-indicator-create"),
    path(plan + "indikator/<int:item_pk>/ubah/", v.indicator_form, name="staff-indicator-edit"),
    path(plan + "indikator/<int:item_pk>/hapus/", v.indicator_delete,
         name="staff-indicator-delete"),
    path(plan + "ajukan/", v.plan_submit, name="staff-plan-submit"),
    path(plan + "setujui/", v.plan_approve, name="staff-plan-approve"),
    path(plan + "kembalikan/", v.plan_return, name="staff-plan-return"),
    path(plan + "mulai/", v.plan_start, name="staff-plan-start"),
    path(plan + "tutup/", v.plan_close, name="staff-plan-close"),
    path(plan + "publikasi/", v.plan_publish, name="staff-plan-publish"),
    path(plan + "unduh.xlsx", v.plan_xlsx, name="staff-plan-xlsx"),
    path(plan + "unduh.pdf", v.plan_pdf, name="staff-plan-pdf"),
    # Quarterly progress reports.
    path(report, v.report_detail, name="staff-report"),
    path(report + "ajukan/", v.report_submit, name="staff-report-submit"),
    path(report + "data-dukung/unggah/", v.evidence_upload, name="staff-evidence-upload"),
    path(report + "data-dukung/tautkan/", v.evidence_link, name="staff-evidence-link"),
    path(report + "data-dukung/<int:evidence_pk>/", v.evidence_download,
         name="staff-evidence-download"),
    path(report + "data-dukung/<int:evidence_pk>/hapus/", v.evidence_delete,
         name="staff-evidence-delete"),
    path(report + "unduh.xlsx", v.report_xlsx, name="staff-report-xlsx"),
    path(report + "unduh.pdf", v.report_pdf, name="staff-report-pdf"),
    path(base + "rekomendasi/<int:recommendation_pk>/tanggapi/", v.recommendation_respond,
         name="staff-recommendation-respond"),
    # Socialisation events.
    path(base + "kegiatan/", v.event_list, name="staff-events"),
    path(base + "kegiatan/baru/", v.event_form, name="staff-event-create"),
    path(event, v.event_detail, name="staff-event"),
    path(event + "ubah/", v.event_form, name="staff-event-edit"),
    path(event + "peserta/tambah/", v.participant_add, name="staff-participant-add"),
    path(event + "peserta/undang/", v.participant_invite, name="staff-participant-invite"),
    path(event + "peserta/tempel/", v.participant_bulk, name="staff-participant-bulk"),
    path(event + "peserta/kehadiran/", v.attendance_save, name="staff-attendance"),
    path(event + "peserta/<int:participant_pk>/hapus/", v.participant_delete,
         name="staff-participant-delete"),
]
