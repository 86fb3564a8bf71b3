"""Invitations to the survey after a delivered information request (the ``request_delivered``
signal of prima.inforequests, connected in ``apps.SurveysConfig.ready``)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from prima.core import mail

from .choices import ServiceKey
from .services import create_invitation, open_survey_for

logger = logging.getLogger(__name__)


def invite_after_delivery(sender, request, **kwargs) -> bool:
    """Queue an invitation email to the requester if the satker has an open survey of
    information requests; the invitation does not remember the requester (only an opaque
    digest of the request, so one request is invited once)."""
    if not request.email:
        return False
    survey = open_survey_for(request.satker, ServiceKey.INFORMATION_REQUEST,
                             timezone.localdate())
    if survey is None:
        return False
    with transaction.atomic():
        made = create_invitation(survey=survey, service=ServiceKey.INFORMATION_REQUEST,
                                 source=f"inforequests:{request.pk}")
        if made is None:
            return False
        _invitation, token = made
        path = reverse("surveys:public-invitation", args=[survey.public_key, token])
        mail.compose(to=[request.email], template="surveys/emails/invitation",
                     subject_template="surveys/emails/invitation_subject.txt",
                     context={"survey": survey, "satker": request.satker, "path": path})
    return True
