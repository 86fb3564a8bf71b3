from __future__ import annotations

from django.db import models

from .choices import SopStatus

PUBLIC_SOP_STATUSES = (SopStatus.EFFECTIVE, SopStatus.SUPERSEDED)


class ServiceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class SopQuerySet(models.QuerySet):
    def effective(self):
        return self.filter(status=SopStatus.EFFECTIVE)

    def public(self):
        """What the public sees: the effective version and the history it replaced."""
        return self.filter(status__in=PUBLIC_SOP_STATUSES, service__is_published=True)

    def with_steps(self):
        return self.prefetch_related("actors", "steps__actor")
