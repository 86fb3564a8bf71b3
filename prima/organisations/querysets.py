from django.db import models
from django.db.models import Q

from prima.core.scope import in_subtree


class SatkerQuerySet(models.QuerySet):
    def descendants_of(self, satker, include_self=False):
        """Satkers below ``satker`` in the tree (``prima.core.scope``: the root covers all)."""
        return in_subtree(self, satker, include_self=include_self)

    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(Q(name__icontains=text) | Q(code__startswith=text)
                           | Q(region_name__icontains=text))


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True)
