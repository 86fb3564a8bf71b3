from django.db import models

from prima.core.scope import in_subtree

from .choices import OPEN_STATUSES, ObjectionStatus


class InformationRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def in_register(self, *, satker=None, year: int | None = None, decision: str = "",
                    q: str = ""):
        """The public register's filters (page, XLSX and API alike): a satker with everything
        below it (a province covers its kabupaten/kota, KPU RI the whole tree), the year of the
        registration number, the decision, and words in the information requested."""
        requests = self if satker is None else in_subtree(self, satker, field="satker")
        if year:
            requests = requests.filter(year=year)
        if decision:
            requests = requests.filter(decision=decision)
        q = q.replace("\x00", "")  # never in a text (and refused by PostgreSQL)
        if q:
            requests = requests.filter(information_requested__icontains=q)
        return requests


class ObjectionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ObjectionStatus.FILED)
