from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("staf/", views.dashboard, name="dashboard"),
    path("sehat/", views.health, name="health"),
    path("staf/kalender/", views.health, name="calendar"),
]
