from django_otp.plugins.otp_totp.models import TOTPDevice


def force_login_verified(client, user):
    """Log in and mark the session as two-factor verified with a confirmed TOTP device."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="uji",
                                                 defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
