"""Who may do what in the integrity zone, on top of ``organisations.policies``.

- Everyone in a satker reads its integrity page (declaration, units, completion); its
  managers and reform team write them (``Purpose.INTEGRITY``); evaluators read below.
- The pact text is national: the writers of KPU RI (``Purpose.INTEGRITY`` on the root satker)
  draft and publish versions.
- A person signs only their own pact, in their own session: signing takes no user id, only
  the signed-in person (``signing_satker``: the satker of their current membership).
"""

from __future__ import annotations

from django.db.models import QuerySet

from prima.core.scope import ROOT_CODE
from prima.organisations.models import Satker
from prima.organisations.policies import Purpose, can, memberships_of, satkers_for


def integrity_satkers(user, *, write: bool = False) -> QuerySet[Satker]:
    return satkers_for(user, Purpose.INTEGRITY, write=write)


def can_publish(user) -> bool:
    """Whether ``user`` drafts and publishes pact versions (writers of KPU RI)."""
    root = Satker.objects.filter(code=ROOT_CODE).first()
    return root is not None and can(user, Purpose.INTEGRITY, root, write=True)


def signing_satker(user) -> Satker | None:
    """The satker a person signs in: the first of their active memberships (none: the person
    is no employee and has no pact to sign)."""
    memberships = memberships_of(user)
    return memberships[0].satker if memberships else None


def can_see_signature(user, signature) -> bool:
    """The signer, and whoever reads the integrity page of the satker signed in."""
    if not getattr(user, "is_authenticated", False):
        return False
    return signature.user_id == user.pk or can(user, Purpose.INTEGRITY, signature.satker)
