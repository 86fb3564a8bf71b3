"""Socialisation events: the list (the satker's own and those of the satker above it), the
event with its materials and attendance, creating, changing and deleting an event, and its
participants (add, invite a satker, paste a list, tick attendance, remove)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prima.core.scope import in_subtree
from prima.core.viewutils import add_service_errors, page_of, posted
from prima.organisations.models import Satker

from .. import policies, services
from ..forms.common import people_of
from ..forms.events import BulkParticipantsForm, EventForm, InviteSatkerForm, ParticipantForm
from ..models import SocialisationEvent
from .common import confirm, error_text, render_staff, satker_in_scope


@login_required
@require_GET
def event_list(request, code):
    """Events the satker organised, and the sessions of the satker above it."""
    satker = satker_in_scope(request, code)
    events = (policies.events_visible_to(request.user)
              .filter(Q(organiser=satker) | Q(organiser_id=satker.parent_id))
              .select_related("organiser", "area")
              .annotate(n_participants=Count("participants", distinct=True),
                        n_attended=Count("participants", filter=Q(participants__attended=True),
                                         distinct=True))
              .order_by("-date", "-id"))
    q = " ".join(request.GET.get("q", "").split())[:100]
    if q:
        events = events.filter(Q(title__icontains=q) | Q(series__icontains=q))
    return render_staff(request, "reform/staff/event_list.html", satker, {
        "page_obj": page_of(request, events), "q": q,
        "query_string": f"q={q}" if q else "",
        "can_manage": policies.can_manage_event(request.user, satker),
    })


def _event(request, satker, event_pk) -> SocialisationEvent:
    """An event shown under ``satker``: one it organised or one of the satker above it."""
    return get_object_or_404(
        policies.events_visible_to(request.user)
        .filter(Q(organiser=satker) | Q(organiser_id=satker.parent_id))
        .select_related("organiser", "area", "created_by"), pk=event_pk)


def _event_areas():
    return services.regime_for_year(timezone.localdate().year).areas.all()


@login_required
@require_http_methods(["GET", "POST"])
def event_form(request, code, event_pk=None):
    satker = satker_in_scope(request, code, write=True)
    event = None
    if event_pk:
        event = get_object_or_404(SocialisationEvent, organiser=satker, pk=event_pk)
    form = EventForm(posted(request), instance=event, organiser=satker, areas=_event_areas())
    if request.method == "POST" and form.is_valid():
        try:
            if event is None:
                event = services.create_event(organiser=satker, actor=request.user,
                                              data=form.event_data())
            else:
                event = services.update_event(event=event, actor=request.user,
                                              data=form.event_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Kegiatan disimpan."))
            return redirect("reform:staff-event", code=satker.code, event_pk=event.pk)
    return render_staff(request, "reform/staff/event_form.html", satker,
                        {"form": form, "event": event})


def _participant_satkers(organiser: Satker):
    """The organiser and the satkers below it (as ``services.set_attendance`` requires)."""
    return in_subtree(Satker.objects, organiser).only("pk", "code", "name").order_by("code")


@login_required
@require_GET
def event_detail(request, code, event_pk):
    satker = satker_in_scope(request, code)
    event = _event(request, satker, event_pk)
    participants = list(event.participants.select_related("satker"))
    can_manage = policies.can_manage_event(request.user, event)
    satkers = _participant_satkers(event.organiser)
    return render_staff(request, "reform/staff/event_detail.html", satker, {
        "event": event, "participants": participants,
        "materials": list(event.materials.all()),
        "n_attended": sum(1 for p in participants if p.attended),
        "can_manage": can_manage,
        "participant_form": ParticipantForm(satkers=satkers, initial={"satker": satker})
        if can_manage else None,
        "invite_form": InviteSatkerForm(satkers=satkers) if can_manage else None,
        "bulk_form": BulkParticipantsForm(satkers=satkers, initial={"satker": satker})
        if can_manage else None,
    })


def _event_url(satker, event) -> str:
    return reverse("reform:staff-event", args=[satker.code, event.pk])


def _event_crumbs(satker, event) -> list[tuple[str, str]]:
    return [(_("Kegiatan sosialisasi"), reverse("reform:staff-events", args=[satker.code])),
            (event.title, _event_url(satker, event))]


def _managed_event(request, code, event_pk):
    satker = satker_in_scope(request, code, write=True)
    event = get_object_or_404(SocialisationEvent.objects.select_related("organiser"),
                              organiser=satker, pk=event_pk)
    return satker, event


def _current_participants(event) -> list[dict]:
    return [{"satker": p.satker, "user": p.user, "name": p.name, "position": p.position,
             "attended": p.attended}
            for p in event.participants.select_related("satker", "user")]


def _set_participants(request, event, participants, done):
    try:
        services.set_attendance(event=event, actor=request.user, participants=participants)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return False
    messages.success(request, done)
    return True


def _event_form_error(request, satker, event, form, title):
    return render_staff(request, "reform/staff/participant_form.html", satker,
                        {"event": event, "form": form, "title": title}, status=400)


@login_required
@require_POST
def participant_add(request, code, event_pk):
    satker, event = _managed_event(request, code, event_pk)
    form = ParticipantForm(request.POST, satkers=_participant_satkers(event.organiser))
    if not form.is_valid():
        return _event_form_error(request, satker, event, form, _("Tambah peserta"))
    _set_participants(request, event, [*_current_participants(event), form.participant()],
                      _("Peserta %(name)s ditambahkan.") % {"name": form.cleaned_data["name"]})
    return redirect("reform:staff-event", code=satker.code, event_pk=event.pk)


@login_required
@require_POST
def participant_invite(request, code, event_pk):
    """Add every active user of a satker who is not yet on the list."""
    satker, event = _managed_event(request, code, event_pk)
    form = InviteSatkerForm(request.POST, satkers=_participant_satkers(event.organiser))
    if not form.is_valid():
        return _event_form_error(request, satker, event, form, _("Undang satker"))
    invited = form.cleaned_data["satker"]
    current = _current_participants(event)
    present = {p["user"].pk for p in current if p["user"] is not None}
    added = [{"satker": invited, "user": u, "name": u.full_name or u.email, "position": "",
              "attended": False}
             for u in people_of(invited) if u.pk not in present]
    _set_participants(request, event, [*current, *added],
                      _("%(n)s pengguna %(satker)s diundang.")
                      % {"n": len(added), "satker": invited.name})
    return redirect("reform:staff-event", code=satker.code, event_pk=event.pk)


@login_required
@require_POST
def participant_bulk(request, code, event_pk):
    satker, event = _managed_event(request, code, event_pk)
    form = BulkParticipantsForm(request.POST, satkers=_participant_satkers(event.organiser))
    if not form.is_valid():
        return _event_form_error(request, satker, event, form, _("Tempel daftar peserta"))
    added = form.participants()
    _set_participants(request, event, [*_current_participants(event), *added],
                      _("%(n)s peserta ditambahkan.") % {"n": len(added)})
    return redirect("reform:staff-event", code=satker.code, event_pk=event.pk)


@login_required
@require_POST
def attendance_save(request, code, event_pk):
    """Tick who attended: the posted ``attended`` ids are present, the others absent."""
    satker, event = _managed_event(request, code, event_pk)
    attended = {int(v) for v in request.POST.getlist("attended") if v.isdigit()}
    participants = [{"satker": p.satker, "user": p.user, "name": p.name,
                     "position": p.position, "attended": p.pk in attended}
                    for p in event.participants.select_related("satker", "user")]
    _set_participants(request, event, participants,
                      _("Kehadiran disimpan: %(n)s hadir.")
                      % {"n": sum(1 for p in participants if p["attended"])})
    return redirect("reform:staff-event", code=satker.code, event_pk=event.pk)


@login_required
@require_http_methods(["GET", "POST"])
def participant_delete(request, code, event_pk, participant_pk):
    satker, event = _managed_event(request, code, event_pk)
    participant = get_object_or_404(event.participants, pk=participant_pk)
    if request.method == "POST":
        remaining = [{"satker": p.satker, "user": p.user, "name": p.name,
                      "position": p.position, "attended": p.attended}
                     for p in event.participants.select_related("satker", "user")
                     if p.pk != participant.pk]
        _set_participants(request, event, remaining,
                          _("%(name)s dihapus dari daftar peserta.") % {"name": participant})
        return redirect("reform:staff-event", code=satker.code, event_pk=event.pk)
    return confirm(
        request, satker,
        title=_("Hapus %(name)s dari daftar peserta?") % {"name": participant.name},
        message=_("Peserta ini dihapus dari daftar hadir kegiatan."),
        confirm_label=_("Ya, hapus"), cancel_url=_event_url(satker, event),
        crumbs=_event_crumbs(satker, event),
        facts=[(_("Nama"), participant.name), (_("Jabatan"), participant.position),
               (_("Hadir"), _("Ya") if participant.attended else _("Tidak"))])


@login_required
@require_http_methods(["GET", "POST"])
def event_delete(request, code, event_pk):
    """Delete an event the satker organised, with its attendance list, after confirming.
    Refused, with the reports named, while a quarterly report cites it as evidence."""
    satker, event = _managed_event(request, code, event_pk)
    error = ""
    try:
        if request.method == "POST":
            services.delete_event(event=event, actor=request.user)
        else:
            services.check_event_deletable(event)
    except ValidationError as exc:
        error = error_text(exc)
    else:
        if request.method == "POST":
            messages.success(request, _("Kegiatan “%(title)s” dihapus beserta daftar "
                                        "hadirnya.") % {"title": event.title})
            return redirect("reform:staff-events", code=satker.code)
    participants = event.participants.count()
    return confirm(
        request, satker, title=_("Hapus kegiatan “%(title)s”?") % {"title": event.title},
        message=_("Kegiatan ini dihapus beserta daftar hadirnya (%(n)s peserta). Dokumen "
                  "materinya tetap tersimpan di dokumen satker.") % {"n": participants},
        confirm_label=_("Ya, hapus kegiatan"), cancel_url=_event_url(satker, event),
        crumbs=_event_crumbs(satker, event), error=error,
        facts=[(_("Judul"), event.title), (_("Tanggal"), event.date.strftime("%d-%m-%Y")),
               (_("Bentuk"), event.get_mode_display()), (_("Peserta"), str(participants))],
        status=409 if error and request.method == "POST" else 200)
