"""The satker's reform team (set by a decree) and its members."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from prima.core.viewutils import add_service_errors, page_of, posted

from .. import policies, services
from ..choices import TeamStatus
from ..forms.teams import TeamForm, TeamMemberForm
from ..models import ReformTeam, TeamMember
from .common import confirm, render_staff, satker_in_scope


@login_required
@require_GET
def team_list(request, code):
    satker = satker_in_scope(request, code)
    teams = (_teams(request, satker).select_related("decree", "supersedes")
             .annotate(n_members=Count("members")).order_by("-period_start"))
    return render_staff(request, "reform/staff/team_list.html", satker,
                        {"page_obj": page_of(request, teams)})


@login_required
@require_http_methods(["GET", "POST"])
def team_create(request, code):
    satker = satker_in_scope(request, code, write=True)
    form = TeamForm(posted(request), satker=satker)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            team = services.establish_team(
                satker=satker, actor=request.user, decree=data["decree"],
                period_start=data["period_start"], period_end=data["period_end"],
                name=data["name"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Tim ditetapkan. Tambahkan anggotanya."))
            return redirect("reform:staff-team", code=satker.code, team_pk=team.pk)
    active = ReformTeam.objects.filter(satker=satker, status=TeamStatus.ACTIVE).first()
    return render_staff(request, "reform/staff/team_form.html", satker,
                        {"form": form, "active_team": active})


def _teams(request, satker):
    return policies.teams_visible_to(request.user).filter(satker=satker)


def _team(request, satker, team_pk) -> ReformTeam:
    return get_object_or_404(
        _teams(request, satker).select_related("decree", "supersedes", "satker"), pk=team_pk)


@login_required
@require_GET
def team_detail(request, code, team_pk):
    satker = satker_in_scope(request, code)
    team = _team(request, satker, team_pk)
    members = team.members.select_related("user", "area")
    return render_staff(request, "reform/staff/team_detail.html", satker, {
        "team": team, "members": list(members),
        "can_edit_team": (team.status == TeamStatus.ACTIVE
                          and policies.can_manage_team(request.user, satker)),
    })


def _team_areas(team: ReformTeam):
    return services.regime_for_year(team.period_start.year).areas.all()


def _editable_team(request, code, team_pk):
    satker = satker_in_scope(request, code, write=True)
    team = _team(request, satker, team_pk)
    if team.status != TeamStatus.ACTIVE:
        raise Http404(_("Tim yang sudah digantikan tidak dapat diubah."))
    return satker, team


@login_required
@require_http_methods(["GET", "POST"])
def member_form(request, code, team_pk, member_pk=None):
    """Add (without ``member_pk``) or change a member of the active team."""
    satker, team = _editable_team(request, code, team_pk)
    member = get_object_or_404(TeamMember, team=team, pk=member_pk) if member_pk else None
    form = TeamMemberForm(posted(request), instance=member, satker=satker,
                          areas=_team_areas(team))
    if request.method == "POST" and form.is_valid():
        try:
            if member is None:
                services.add_team_member(team=team, actor=request.user, **form.member_data())
            else:
                services.update_team_member(member=member, actor=request.user,
                                            data=form.member_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Anggota tim disimpan."))
            return redirect("reform:staff-team", code=satker.code, team_pk=team.pk)
    return render_staff(request, "reform/staff/member_form.html", satker,
                        {"form": form, "team": team, "member": member})


@login_required
@require_http_methods(["GET", "POST"])
def member_delete(request, code, team_pk, member_pk):
    satker, team = _editable_team(request, code, team_pk)
    member = get_object_or_404(TeamMember, team=team, pk=member_pk)
    if request.method == "POST":
        services.remove_team_member(member=member, actor=request.user)
        messages.success(request, _("%(name)s dikeluarkan dari tim.") % {"name": member.name})
        return redirect("reform:staff-team", code=satker.code, team_pk=team.pk)
    team_url = reverse("reform:staff-team", args=[satker.code, team.pk])
    return confirm(
        request, satker, title=_("Keluarkan %(name)s dari tim?") % {"name": member.name},
        message=_("Anggota ini dikeluarkan dari susunan tim yang berlaku."),
        confirm_label=_("Ya, keluarkan"), cancel_url=team_url,
        crumbs=[(_("Tim"), reverse("reform:staff-teams", args=[satker.code])),
                (team.name, team_url)],
        facts=[(_("Nama"), member.name), (_("Jabatan"), member.position),
               (_("Peran"), member.get_role_display())])

