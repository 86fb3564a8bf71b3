from django.conf import settings


def prima(request):
    from prima.organisations.policies import is_staff_member

    user = getattr(request, "user", None)
    return {
        "prima_name": settings.PRIMA_SITE_NAME,
        "is_staff_member": bool(user and is_staff_member(user)),
    }
