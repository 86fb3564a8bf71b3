import pytest

from prima.integrity import services
from prima.organisations.tests.factories import PASSWORD

BODY = "Saya berjanji tidak menerima gratifikasi.\n\nSaya menghindari konflik kepentingan."


@pytest.fixture
def pact(people):
    """Version 1 of the national pact, published by the system administrator."""
    draft = services.create_version(actor=people.system_admin, period=2026,
                                    title="Pakta Integritas", body=BODY)
    return services.publish_version(version=draft, actor=people.system_admin)


@pytest.fixture
def sign():
    """Sign ``version`` as ``user`` through the service, with the test password."""

    def _sign(user, version, **kwargs):
        return services.sign_pact(user=user, version=version,
                                  password=kwargs.pop("password", PASSWORD),
                                  text_sha256=kwargs.pop("text_sha256", version.text_sha256),
                                  **kwargs)

    return _sign
