"""The officer's inbox (requests of the satkers a person serves, nearest deadline first) and the
entry of requests received offline (email, letter, phone, walk-in).

Every list is fetched through the satkers of ``Purpose.INFORMATION``, so a request of another
satker never shows; offline entry needs the write right (PPID and atasan PPID), else 404.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from prima.core import calendar
from prima.core.viewutils import add_service_errors, page_of, posted, query_without_page
from prima.organisations.models import Satker

from .. import deadlines, emails, policies, services
from ..choices import OPEN_STATUSES
from ..forms_staff import CountdownState, InboxFilterForm, OfflineRequestForm
from ..models import InformationRequest
from ..numbers import slug_to_number
from .common import information_satkers, information_satkers_or_404, requester_name


@dataclass
class Deadlines:
    """Per satker: its local today and the first date that is no longer "due soon"."""

    today: dict[int, dt.date]
    soon_before: dict[int, dt.date]

    @classmethod
    def for_satkers(cls, satkers) -> Deadlines:
        today, soon_before = {}, {}
        for satker in satkers:
            day = deadlines.local_today(satker)
            today[satker.pk] = day
            # "Soon" = at most SOON_WORKING_DAYS working days left (deadlines.countdown).
            soon_before[satker.pk] = calendar.add_working_days(
                day, deadlines.SOON_WORKING_DAYS + 1, satker=satker)
        return cls(today, soon_before)

    def _grouped(self, key):
        groups = defaultdict(list)
        for satker_id in self.today:
            groups[key(satker_id)].append(satker_id)
        return groups

    def overdue_q(self) -> Q:
        q = Q(pk__in=[])
        for day, ids in self._grouped(lambda s: self.today[s]).items():
            q |= Q(satker_id__in=ids, due_date__lt=day)
        return q & Q(status__in=OPEN_STATUSES)

    def soon_q(self) -> Q:
        q = Q(pk__in=[])
        for (day, before), ids in self._grouped(
                lambda s: (self.today[s], self.soon_before[s])).items():
            q |= Q(satker_id__in=ids, due_date__gte=day, due_date__lt=before)
        return q & Q(status__in=OPEN_STATUSES)



# --- Inbox -------------------------------------------------------------------------------------


@dataclass
class InboxRow:
    request: InformationRequest
    requester: str
    countdown: deadlines.Countdown


def _open_due_ordering():
    return Case(When(status__in=OPEN_STATUSES, then=Value(0)), default=Value(1),
                output_field=IntegerField())


SORTS = {
    "due": (_open_due_ordering(), "due_date", "id"),
    "-received": ("-received_at", "-id"),
    "received": ("received_at", "id"),
    "number": ("satker__code", "year", "sequence"),
}


@login_required
@require_GET
def inbox(request):
    """Requests of the satkers the person serves, nearest deadline first."""
    user = request.user
    satkers = information_satkers_or_404(user)
    scope = InformationRequest.objects.filter(satker__in=satkers)
    several = satkers[:2].count() > 1
    years = list(scope.order_by("-year").values_list("year", flat=True).distinct())
    form = InboxFilterForm(request.GET or None, satkers=satkers, years=years)
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("satker"):
        scope = scope.filter(satker=data["satker"])
    # The deadline thresholds of every satker with open requests (one query, calendar cached).
    bounds = Deadlines.for_satkers(
        Satker.objects.filter(pk__in=scope.open().values("satker_id")).only("pk", "timezone",
                                                                            "code", "name"))
    counters = scope.aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        soon=Count("pk", filter=bounds.soon_q()),
        overdue=Count("pk", filter=bounds.overdue_q()),
    )
    requests = scope
    status = data.get("status")
    if status == InboxFilterForm.OPEN:
        requests = requests.open()
    elif status:
        requests = requests.filter(status=status)
    if data.get("channel"):
        requests = requests.filter(channel=data["channel"])
    if data.get("year"):
        requests = requests.filter(year=data["year"])
    assigned = data.get("assigned")
    if assigned == InboxFilterForm.ASSIGNED_ME:
        requests = requests.filter(assigned_to=user)
    elif assigned == InboxFilterForm.ASSIGNED_NONE:
        requests = requests.filter(assigned_to__isnull=True)
    countdown = data.get("countdown")
    if countdown == CountdownState.OVERDUE:
        requests = requests.filter(bounds.overdue_q())
    elif countdown == CountdownState.SOON:
        requests = requests.filter(bounds.soon_q())
    elif countdown == CountdownState.OK:
        requests = requests.open().exclude(bounds.overdue_q()).exclude(bounds.soon_q())
    q = data.get("q")
    if q:
        requests = requests.filter(Q(number__icontains=q) | Q(number__icontains=slug_to_number(q))
                                   | Q(full_name__icontains=q)
                                   | Q(information_requested__icontains=q))
    requests = (requests.select_related("satker", "assigned_to")
                .order_by(*SORTS.get(data.get("sort") or "due", SORTS["due"])))
    page_obj = page_of(request, requests)
    page_obj.object_list = [
        InboxRow(r, requester_name(r.full_name, policies.can_see_personal_data(user, r)),
                 deadlines.countdown(r, today=bounds.today.get(r.satker_id)))
        for r in page_obj.object_list
    ]
    filtered = any(request.GET.get(k) for k in ("q", "status", "channel", "countdown",
                                                 "assigned", "year", "satker"))
    return render(request, "inforequests/staff/inbox.html", {
        "form": form, "page_obj": page_obj, "query_string": query_without_page(request),
        "counters": counters, "several_satkers": several, "filtered": filtered,
        "can_create": information_satkers(user, write=True).exists(),
        "single_satker": None if several else satkers.first(),
    })


# --- Offline entry -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    """Record a request received by email, letter, phone or in person."""
    satkers = information_satkers(request.user, write=True)
    if not satkers.exists():
        raise Http404(_("Tidak ada satker tempat Anda dapat mencatat permohonan."))
    form = OfflineRequestForm(posted(request), posted(request, files=True), satkers=satkers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            information_request, secret = services.register_request(
                satker=data["satker"], channel=data["channel"], data=form.service_data(),
                attachments=form.service_attachments(), actor=request.user,
                received_at=data["received_at"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            # The secret exists in clear only now: shown once, never stored.
            messages.success(request, _("Permohonan %(number)s dicatat.")
                             % {"number": information_request.number})
            return render(request, "inforequests/staff/created.html", {
                "ir": information_request, "secret": secret,
                "tracking_link": emails.tracking_url(information_request, secret),
            })
    return render(request, "inforequests/staff/create.html", {"form": form})
