"""Matrix rows of the reform staff pages (/staf/rb/<code>/): the officer is Jepara's reform team
member, or its head where a plan is approved or returned.

Purpose.REFORM: every role of Jepara and the evaluator of Jawa Tengah read (but never drafts:
draft plans and draft reports stay inside the satker); admin, head, secretary and reform team of
Jepara write, and the system administrator everywhere. Plans are approved or returned by the
head or the system administrator.
"""

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from prima.organisations.tests.factories import pdf_bytes
from prima.reform.choices import PlanStatus, ReportStatus, TeamRole
from prima.reform.models import (
    EventParticipant,
    Evidence,
    Recommendation,
    ReformTeam,
    SocialisationEvent,
    TeamMember,
)
from prima.reform.tests.factories import build_plan, build_report, decree, indicators_of
from tests.permission_matrix import MANAGERS, THIS_SATKER, Case, add, objects

JEPARA = "33.20"
REFORM = "reform"
HEAD = "head"
DRAFT_PLAN_TITLE = "Rencana Aksi Draf KPU Kabupaten Jepara 2021"
# Readers of Jepara's reform records that are not drafts.
READERS = THIS_SATKER | {"evaluator"}
# Readers of drafts: the satker's own people and the system administrator.
OWN = THIS_SATKER
# Writers of Jepara: the reform team member (officer), admin, system administrator.
WRITERS = MANAGERS
# Approve or return a plan: the head (officer) or the system administrator.
APPROVERS = frozenset({"officer", "system_admin"})


@objects
def reform_objects(ctx):
    """Jepara's team with one member, a running 2020 plan with a submitted Q1 report (with a
    stored evidence file and an open recommendation), a Q2 report sent back for revision (with
    a linked evidence), a draft Q3 report, a draft 2021 plan and an event with one participant."""
    jepara, reform = ctx.tree.jepara, ctx.people.reform
    team_decree = decree(jepara, "10/TIM-RB/2020", uploaded_by=reform, date=dt.date(2020, 1, 6),
                         subject="Pembentukan Tim Reformasi Birokrasi")
    ctx.team = ReformTeam.objects.create(satker=jepara, decree=team_decree,
                                         period_start=dt.date(2020, 1, 6), created_by=reform)
    ctx.member = TeamMember.objects.create(team=ctx.team, name="Ahmad Fauzi",
                                           role=TeamRole.CHAIR, order=1)

    ctx.plan = build_plan(jepara, year=2020, areas=1, activities=1, indicators=1,
                          status=PlanStatus.RUNNING, created_by=reform)
    ctx.indicator = indicators_of(ctx.plan)[0]
    ctx.report = build_report(ctx.plan, 1, status=ReportStatus.SUBMITTED, updated_by=reform)
    content = pdf_bytes()
    ctx.evidence = Evidence(report=ctx.report, title="Notulen rapat tim", added_by=reform,
                            original_name="notulen.pdf", size=len(content),
                            sha256=hashlib.sha256(content).hexdigest())
    ctx.evidence.file.save("notulen.pdf", ContentFile(content), save=True)
    ctx.recommendation = Recommendation.objects.create(
        report=ctx.report, text="Lengkapi data dukung indikator.",
        deadline=dt.date(2020, 6, 30), created_by=ctx.people.evaluator)
    ctx.revise = build_report(ctx.plan, 2, status=ReportStatus.REVISE, updated_by=reform)
    ctx.link_evidence = Evidence.objects.create(
        report=ctx.revise, title="Berita kegiatan", url="https://jepara.kpu.go.id/berita/1",
        added_by=reform)
    ctx.draft_report = build_report(ctx.plan, 3, status=ReportStatus.DRAFT, updated_by=reform)

    ctx.draft = build_plan(jepara, year=2021, areas=1, activities=1, indicators=1,
                           status=PlanStatus.DRAFT, created_by=reform, title=DRAFT_PLAN_TITLE)
    ctx.draft_indicator = indicators_of(ctx.draft)[0]
    ctx.draft_activity = ctx.draft_indicator.activity
    ctx.draft_programme = ctx.draft_activity.programme

    ctx.event = SocialisationEvent.objects.create(
        organiser=jepara, title="Sosialisasi Zona Integritas", date=dt.date(2020, 3, 4),
        mode="offline", location="Aula KPU Jepara", created_by=reform)
    ctx.participant = EventParticipant.objects.create(event=ctx.event, satker=jepara,
                                                      name="Siti Rahma", position="Staf")


# --- objects single cases need -------------------------------------------------------------


def submitted_plan(ctx):
    """A 2022 plan submitted to the head, and the decree (SK) that approves it."""
    ctx.submitted = build_plan(ctx.tree.jepara, year=2022, areas=1, activities=1, indicators=1,
                               status=PlanStatus.SUBMITTED, created_by=ctx.people.reform)
    ctx.plan_decree = decree(ctx.tree.jepara, "35/PP.06-Kpt/3320/Kab/2022",
                             uploaded_by=ctx.people.head, date=dt.date(2022, 1, 14))


def approved_plan(ctx):
    ctx.approved = build_plan(ctx.tree.jepara, year=2023, areas=1, activities=1, indicators=1,
                              status=PlanStatus.APPROVED, created_by=ctx.people.reform)


def province_template(ctx):
    """An approved template plan of KPU Provinsi Jawa Tengah, offered to Jepara."""
    ctx.template = build_plan(ctx.tree.jateng, year=2024, areas=1, activities=1, indicators=1,
                              status=PlanStatus.APPROVED, is_template=True,
                              title="Templat Rencana Aksi RB Jawa Tengah 2024")


def new_team_decree(ctx):
    ctx.new_decree = decree(ctx.tree.jepara, "12/TIM-RB/2024", uploaded_by=ctx.people.reform,
                            date=dt.date(2024, 1, 5), subject="Pembaruan Tim RB")


# --- URL arguments -------------------------------------------------------------------------


def code(ctx):
    return [JEPARA]


def team_args(ctx):
    return [JEPARA, ctx.team.pk]


def member_args(ctx):
    return [JEPARA, ctx.team.pk, ctx.member.pk]


def plan_args(ctx):
    return [JEPARA, ctx.plan.pk]


def draft_args(ctx):
    return [JEPARA, ctx.draft.pk]


def report_args(ctx):
    return [JEPARA, ctx.plan.pk, 1]


def revise_args(ctx):
    return [JEPARA, ctx.plan.pk, 2]


def event_args(ctx):
    return [JEPARA, ctx.event.pk]


# --- POST data -----------------------------------------------------------------------------


def report_data(ctx, report=None):
    return {
        "version": report.version if report else 0,
        "narrative": "Capaian sesuai rencana.",
        "obstacles": "",
        "follow_up": "Lanjutkan sosialisasi.",
        f"value_{ctx.indicator.pk}": "55",
        f"note_{ctx.indicator.pk}": "Diperbaiki",
    }


def member_data(ctx, **changes):
    return {"user": "", "name": "Siti Aminah", "position": "Staf Teknis", "role": "anggota",
            "area": "", "order": "2", **changes}


def programme_data(ctx, **changes):
    return {"area": ctx.draft_programme.area_id, "name": "Program penguatan pengawasan",
            "order": "2", "version": ctx.draft.version, **changes}


def activity_data(ctx, **changes):
    return {"name": "Pemetaan risiko", "output": "Peta risiko", "owner_division": "",
            "owner_person": "", "quarters": ["1", "2"], "budget": "1500000", "weight": "1",
            "order": "2", "version": ctx.draft.version, **changes}


def indicator_data(ctx, **changes):
    return {"name": "Dokumen peta risiko", "unit": "dokumen", "direction": "higher",
            "baseline": "0", "target": "1", "target_q1": "", "target_q2": "", "target_q3": "",
            "target_q4": "1", "weight": "1", "order": "2", "version": ctx.draft.version,
            **changes}


def event_data(ctx, **changes):
    return {"title": "Rabu Ingin Tahu: Zona Integritas", "series": "Rabu Ingin Tahu",
            "date": "2026-02-04", "start_time": "09:00", "mode": "online",
            "location": "https://zoom.us/j/1", "speakers": "Ketua KPU Jepara",
            "description": "", "area": "", **changes}


def version_only(plan_attr):
    return lambda ctx: {"version": getattr(ctx, plan_attr).version}


add(
    # Home, teams.
    Case("reform-home", "reform:staff-home", code, READERS, officer=REFORM,
         private_text=lambda ctx: DRAFT_PLAN_TITLE, shown_to=OWN),
    Case("reform-teams", "reform:staff-teams", code, READERS, officer=REFORM),
    Case("reform-team", "reform:staff-team", team_args, READERS, officer=REFORM),
    Case(
        "reform-team-create",
        "reform:staff-team-create",
        code,
        WRITERS,
        officer=REFORM,
        method="post",
        setup=new_team_decree,
        data=lambda ctx: {"name": "Tim Reformasi Birokrasi 2024", "decree": ctx.new_decree.pk,
                          "period_start": "2024-01-08", "period_end": ""},
    ),
    Case(
        "reform-member-create",
        "reform:staff-member-create",
        team_args,
        WRITERS,
        officer=REFORM,
        method="post",
        data=member_data,
    ),
    Case(
        "reform-member-edit",
        "reform:staff-member-edit",
        member_args,
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: member_data(ctx, name="Ahmad Fauzi, S.H.", role="ketua", order="1"),
    ),
    Case(
        "reform-member-delete",
        "reform:staff-member-delete",
        member_args,
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: {},
    ),
    # Plans: lists, creation, copy, templates.
    Case("reform-plans", "reform:staff-plans", code, READERS, officer=REFORM,
         private_text=lambda ctx: DRAFT_PLAN_TITLE, shown_to=OWN),
    Case(
        "reform-plan-create",
        "reform:staff-plan-create",
        code,
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: {"year": "2025", "regime": ctx.plan.regime_id,
                          "title": "Rencana Aksi RB KPU Kabupaten Jepara 2025"},
    ),
    Case(
        "reform-plan-copy",
        "reform:staff-plan-copy",
        code,
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: {"source": ctx.plan.pk, "year": "2026"},
    ),
    Case("reform-templates", "reform:staff-templates", code, READERS, officer=REFORM,
         setup=province_template),
    Case(
        "reform-template-preview",
        "reform:staff-template-adopt",
        lambda ctx: [JEPARA, ctx.template.pk],
        READERS,
        officer=REFORM,
        setup=province_template,
    ),
    Case(
        "reform-template-adopt",
        "reform:staff-template-adopt",
        lambda ctx: [JEPARA, ctx.template.pk],
        WRITERS,
        officer=REFORM,
        method="post",
        setup=province_template,
        data=lambda ctx: {"year": "2027"},
    ),
    # A plan and its downloads; a draft is not shown to the evaluator.
    Case("reform-plan", "reform:staff-plan", plan_args, READERS, officer=REFORM),
    Case("reform-plan-draft", "reform:staff-plan", draft_args, OWN, officer=REFORM),
    Case("reform-plan-xlsx", "reform:staff-plan-xlsx", plan_args, READERS, officer=REFORM),
    Case("reform-plan-pdf", "reform:staff-plan-pdf", plan_args, READERS, officer=REFORM),
    # The draft plan's editor.
    Case(
        "reform-programme-create",
        "reform:staff-programme-create",
        draft_args,
        WRITERS,
        officer=REFORM,
        method="post",
        data=programme_data,
    ),
    Case(
        "reform-programme-edit",
        "reform:staff-programme-edit",
        lambda ctx: [JEPARA, ctx.draft.pk, ctx.draft_programme.pk],
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: programme_data(ctx, name="Program diubah", order="1"),
    ),
    Case(
        "reform-programme-delete",
        "reform:staff-programme-delete",
        lambda ctx: [JEPARA, ctx.draft.pk, ctx.draft_programme.pk],
        WRITERS,
        officer=REFORM,
        method="post",
        data=version_only("draft"),
    ),
    Case(
        "reform-activity-create",
        "reform:staff-activity-create",
        lambda ctx: [JEPARA, ctx.draft.pk, ctx.draft_programme.pk],
        WRITERS,
        officer=REFORM,
        method="post",
        data=activity_data,
    ),
    Case(
        "reform-activity-edit",
        "reform:staff-activity-edit",
        lambda ctx: [JEPARA, ctx.draft.pk, ctx.draft_activity.pk],
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: activity_data(ctx, name="Kegiatan diubah", order="1"),
    ),
    Case(
        "reform-activity-delete",
        "reform:staff-activity-delete",
        lambda ctx: [JEPARA, ctx.draft.pk, ctx.draft_activity.pk],
        WRITERS,
        officer=REFORM,
        method="post",
        data=version_only("draft"),
    ),
    Case(
        "reform-indicator-create",
        "reform:staff-indicator-create",
        lambda ctx: [JEPARA, ctx.draft.pk, ctx.draft_activity.pk],
        WRITERS,
        officer=REFORM,
        method="post",
        data=indicator_data,
    ),
    Case(
        "reform-indicator-edit",
        "reform:staff-indicator-edit",
        lambda ctx: [JEPARA, ctx.draft.pk, ctx.draft_indicator.pk],
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: indicator_data(ctx, name="Indikator diubah", order="1"),
    ),
    Case(
        "reform-indicator-delete",
        "reform:staff-indicator-delete",
        lambda ctx: [JEPARA, ctx.draft.pk, ctx.draft_indicator.pk],
        WRITERS,
        officer=REFORM,
        method="post",
        data=version_only("draft"),
    ),
    # The plan's workflow.
    Case(
        "reform-plan-submit",
        "reform:staff-plan-submit",
        draft_args,
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: {},
    ),
    Case(
        "reform-plan-approve",
        "reform:staff-plan-approve",
        lambda ctx: [JEPARA, ctx.submitted.pk],
        APPROVERS,
        officer=HEAD,
        method="post",
        setup=submitted_plan,
        data=lambda ctx: {"decree": ctx.plan_decree.pk},
    ),
    Case(
        "reform-plan-return",
        "reform:staff-plan-return",
        lambda ctx: [JEPARA, ctx.submitted.pk],
        APPROVERS,
        officer=HEAD,
        method="post",
        setup=submitted_plan,
        data=lambda ctx: {"reason": "Target triwulan belum diisi."},
    ),
    Case(
        "reform-plan-start",
        "reform:staff-plan-start",
        lambda ctx: [JEPARA, ctx.approved.pk],
        WRITERS,
        officer=REFORM,
        method="post",
        setup=approved_plan,
        data=lambda ctx: {},
    ),
    Case(
        "reform-plan-close",
        "reform:staff-plan-close",
        plan_args,
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: {},
    ),
    Case(
        "reform-plan-publish",
        "reform:staff-plan-publish",
        plan_args,
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: {"is_published": "1"},
    ),
    # Quarterly reports: a submitted one (Q1), one sent back (Q2), a draft (Q3), none yet (Q4).
    Case("reform-report", "reform:staff-report", report_args, READERS, officer=REFORM),
    Case("reform-report-draft", "reform:staff-report", lambda ctx: [JEPARA, ctx.plan.pk, 3],
         OWN, officer=REFORM),
    # A quarter without a report is a blank form, only for those who may write it.
    Case("reform-report-new", "reform:staff-report", lambda ctx: [JEPARA, ctx.plan.pk, 4],
         WRITERS, officer=REFORM),
    Case(
        "reform-report-save",
        "reform:staff-report",
        revise_args,
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: report_data(ctx, ctx.revise),
    ),
    Case(
        "reform-report-save-new",
        "reform:staff-report",
        lambda ctx: [JEPARA, ctx.plan.pk, 4],
        WRITERS,
        officer=REFORM,
        method="post",
        data=report_data,
    ),
    Case(
        "reform-report-submit",
        "reform:staff-report-submit",
        revise_args,
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: {"version": ctx.revise.version},
    ),
    Case("reform-report-xlsx", "reform:staff-report-xlsx", report_args, READERS,
         officer=REFORM),
    Case("reform-report-pdf", "reform:staff-report-pdf", report_args, READERS, officer=REFORM),
    Case(
        "reform-evidence-upload",
        "reform:staff-evidence-upload",
        revise_args,
        WRITERS,
        officer=REFORM,
        method="post",
        files=True,
        data=lambda ctx: {
            "upload-title": "Daftar hadir rapat",
            "upload-file": SimpleUploadedFile("hadir.pdf", pdf_bytes(), "application/pdf"),
            "upload-indicator": ctx.indicator.pk,
        },
    ),
    Case(
        "reform-evidence-link",
        "reform:staff-evidence-link",
        revise_args,
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: {"link-title": "Berita sosialisasi",
                          "link-url": "https://jepara.kpu.go.id/berita/2",
                          "link-indicator": ""},
    ),
    Case(
        "reform-evidence-download",
        "reform:staff-evidence-download",
        lambda ctx: [JEPARA, ctx.plan.pk, 1, ctx.evidence.pk],
        READERS,
        officer=REFORM,
    ),
    Case(
        "reform-evidence-delete",
        "reform:staff-evidence-delete",
        lambda ctx: [JEPARA, ctx.plan.pk, 2, ctx.link_evidence.pk],
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: {},
    ),
    Case(
        "reform-recommendation-respond",
        "reform:staff-recommendation-respond",
        lambda ctx: [JEPARA, ctx.recommendation.pk],
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: {"response": "Data dukung sudah dilengkapi."},
    ),
    # Socialisation events.
    Case("reform-events", "reform:staff-events", code, READERS, officer=REFORM),
    Case("reform-event", "reform:staff-event", event_args, READERS, officer=REFORM),
    Case(
        "reform-event-create",
        "reform:staff-event-create",
        code,
        WRITERS,
        officer=REFORM,
        method="post",
        data=event_data,
    ),
    Case(
        "reform-event-edit",
        "reform:staff-event-edit",
        event_args,
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: event_data(ctx, title="Sosialisasi Zona Integritas (diubah)"),
    ),
    Case(
        "reform-participant-add",
        "reform:staff-participant-add",
        event_args,
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: {"satker": ctx.tree.jepara.pk, "name": "Budi Santoso",
                          "position": "Operator"},
    ),
    Case(
        "reform-participant-invite",
        "reform:staff-participant-invite",
        event_args,
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: {"satker": ctx.tree.jepara.pk},
    ),
    Case(
        "reform-participant-bulk",
        "reform:staff-participant-bulk",
        event_args,
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: {"satker": ctx.tree.jepara.pk, "lines": "Ani; Staf\nBudi",
                          "attended": "on"},
    ),
    Case(
        "reform-attendance",
        "reform:staff-attendance",
        event_args,
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: {"attended": [str(ctx.participant.pk)]},
    ),
    Case(
        "reform-participant-delete",
        "reform:staff-participant-delete",
        lambda ctx: [JEPARA, ctx.event.pk, ctx.participant.pk],
        WRITERS,
        officer=REFORM,
        method="post",
        data=lambda ctx: {},
    ),
)
