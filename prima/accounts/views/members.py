"""Member management of one satker: people and roles, invitations (/staf/satker/<code>/pengguna/).

Reading needs ``Purpose.MEMBERS``; changing needs it with ``write=True``. Satkers outside the
person's scope answer 404, like unknown ones.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prima.core.confirm import confirm_page
from prima.organisations.models import Membership
from prima.organisations.policies import Purpose, assignable_roles, can, satkers_for

from .. import services
from ..forms import InvitationForm, RoleForm
from ..models import Invitation

PAGE_SIZE = 25


def _crumbs(satker) -> list[tuple[str, str]]:
    return [(satker.name, reverse("organisations:staff-satker", args=[satker.code])),
            (_("Pengguna dan peran"), reverse("members:list", args=[satker.code]))]


def _satker(request, code, *, write=False):
    return get_object_or_404(satkers_for(request.user, Purpose.MEMBERS, write=write), code=code)


def _list_context(request, satker, invite_form=None):
    query = request.GET.get("q", "").strip()
    memberships = (Membership.objects.filter(satker=satker)
                   .select_related("user", "division")
                   .order_by("-is_active", "user__full_name", "role"))
    if query:
        memberships = memberships.filter(Q(user__full_name__icontains=query)
                                         | Q(user__email__icontains=query))
    page = Paginator(memberships, PAGE_SIZE).get_page(request.GET.get("page"))
    can_write = can(request.user, Purpose.MEMBERS, satker, write=True)
    if can_write and invite_form is None:
        invite_form = InvitationForm(roles=assignable_roles(request.user, satker))
    invitations = (Invitation.objects.pending().filter(satker=satker)
                   .select_related("invited_by").order_by("expires_at"))
    return {
        "satker": satker,
        "page_obj": page,
        "memberships": page.object_list,
        "query": query,
        "query_string": urlencode({"q": query}) if query else "",
        "invitations": invitations,
        "can_write": can_write,
        "invite_form": invite_form,
    }


@login_required
def member_list(request, code):
    satker = _satker(request, code)
    return render(request, "accounts/members/list.html", _list_context(request, satker))


@login_required
@require_POST
def member_invite(request, code):
    satker = _satker(request, code, write=True)
    form = InvitationForm(request.POST, roles=assignable_roles(request.user, satker))
    if form.is_valid():
        try:
            invitation, _token = services.invite_member(
                actor=request.user, satker=satker, base_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Undangan telah dikirim ke %(email)s.")
                             % {"email": invitation.email})
            return redirect("members:list", code=satker.code)
    context = _list_context(request, satker, invite_form=form)
    return render(request, "accounts/members/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_revoke(request, code, pk):
    satker = _satker(request, code, write=True)
    invitation = get_object_or_404(Invitation.objects.pending().select_related("satker"),
                                   pk=pk, satker=satker)
    error = ""
    if request.method == "POST":
        try:
            services.revoke_invitation(actor=request.user, invitation=invitation)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("Undangan untuk %(email)s dibatalkan.")
                             % {"email": invitation.email})
            return redirect("members:list", code=satker.code)
    return confirm_page(
        request, title=_("Batalkan undangan"), error=error,
        message=_("Batalkan undangan untuk %(email)s sebagai %(role)s? Tautan pada email "
                  "undangan tidak akan bisa dipakai lagi.")
        % {"email": invitation.email, "role": invitation.get_role_display()},
        confirm_label=_("Ya, batalkan undangan"), crumbs=_crumbs(satker),
        cancel_url=reverse("members:list", args=[satker.code]),
        facts=[(_("Email"), invitation.email), (_("Nama"), invitation.full_name),
               (_("Peran"), invitation.get_role_display())])


def _membership(satker, pk):
    return get_object_or_404(Membership.objects.select_related("user", "satker"),
                             pk=pk, satker=satker)


@login_required
@require_http_methods(["GET", "POST"])
def membership_deactivate(request, code, pk):
    satker = _satker(request, code, write=True)
    membership = _membership(satker, pk)
    error = ""
    if request.method == "POST":
        try:
            services.deactivate_membership(actor=request.user, membership=membership)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("Peran %(role)s milik %(name)s dinonaktifkan.") % {
                "role": membership.get_role_display(), "name": membership.user})
            return redirect("members:list", code=satker.code)
    return confirm_page(
        request, title=_("Nonaktifkan peran"), error=error,
        message=_("Nonaktifkan peran %(role)s milik %(name)s di %(satker)s? Orang ini tidak "
                  "lagi dapat bekerja dengan peran tersebut; riwayatnya tetap tersimpan.")
        % {"role": membership.get_role_display(), "name": membership.user.full_name,
           "satker": satker.name},
        confirm_label=_("Ya, nonaktifkan"), crumbs=_crumbs(satker),
        cancel_url=reverse("members:list", args=[satker.code]))


@login_required
@require_http_methods(["GET", "POST"])
def membership_change_role(request, code, pk):
    satker = _satker(request, code, write=True)
    membership = _membership(satker, pk)
    roles = [r for r in assignable_roles(request.user, satker) if r != membership.role]
    form = RoleForm(request.POST or None, roles=roles)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_role(actor=request.user, membership=membership,
                                 role=form.cleaned_data["role"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            membership.refresh_from_db()
            messages.success(request, _("Peran %(name)s kini %(role)s.") % {
                "name": membership.user, "role": membership.get_role_display()})
            return redirect("members:list", code=satker.code)
    return render(request, "accounts/members/change_role.html",
                  {"satker": satker, "membership": membership, "form": form})
