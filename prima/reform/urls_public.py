"""Public reform pages: a satker's progress page (under /satker/<code>/, beside the
organisations app's public pages, with a path of its own: ``reformasi/``)."""

from django.urls import path

from . import views_public as v

urlpatterns = [
    path("satker/<str:code>/reformasi/", v.progress, name="public-progress"),
]
