from django.apps import AppConfig


class FixtureCapabilityConfig(AppConfig):
    name = "tests.fixture_capability"
    label = "fixture_capability"
    verbose_name = "Kapabilitas uji"
