"""The CKAN-compatible Action API, mounted at /api/3/action/ (and /api/action/ for clients,
such as ckanapi, that call the unversioned path)."""

from django.urls import path

from .dispatch import action_view

app_name = "ckan"

urlpatterns = [
    path("<str:action>", action_view, name="action"),
]
