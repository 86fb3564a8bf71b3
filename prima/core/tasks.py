"""Background tasks of the core: email delivery from the outbox."""

from django_tasks import task

from .models import OutboxEmail


@task()
def deliver_outbox_email(email_id: int) -> bool:
    email = OutboxEmail.objects.filter(pk=email_id).first()
    if email is None:
        return False
    from .mail import deliver

    return deliver(email)


@task()
def send_due_outbox() -> int:
    from .mail import send_due

    sent, _failed = send_due()
    return sent
