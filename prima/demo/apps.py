from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "prima.demo"
    label = "demo"
    verbose_name = "Demo"
