from django.db import models
from django.db.models import Q


class SatkerQuerySet(models.QuerySet):
    def descendants_of(self, satker, include_self=False):
        """Satkers below ``satker`` in the tree, found by their code prefix."""
        if satker.code == "0":
            qs = self.all() if include_self else self.exclude(pk=satker.pk)
            return qs
        cond = Q(code__startswith=satker.code + ".")
        if include_self:
            cond |= Q(pk=satker.pk)
        return self.filter(cond)

    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(Q(name__icontains=text) | Q(code__startswith=text)
                           | Q(region_name__icontains=text))


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True)
