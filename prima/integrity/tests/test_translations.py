from django.urls import reverse
from django.utils import translation

from prima.integrity.choices import AuditAction


def test_the_app_speaks_english_too(client, db):
    with translation.override("en"):
        assert str(AuditAction.PACT_SIGNED.label) == "Integrity pact signed"
    response = client.get(reverse("integrity:public-verify-form"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
