from django import template
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def duration_text(value) -> str:
    """A ``timedelta`` as words ("30 menit", "2 jam"), for the lockout page."""
    if value is None:
        return ""
    minutes = max(int(value.total_seconds() // 60), 1)
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("%(n)d jam", "%(n)d jam", hours) % {"n": hours}
    return ngettext("%(n)d menit", "%(n)d menit", minutes) % {"n": minutes}
