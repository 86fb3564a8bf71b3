from django.urls import path

from . import health, metrics, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("staf/", views.dashboard, name="dashboard"),
    path("sehat/", views.health, name="health"),
    path("siap/", health.readiness, name="readiness"),
    path("metrics", metrics.metrics, name="metrics"),
    path("staf/kalender/", views.calendar_page, name="calendar"),
    path("staf/kalender/tambah/", views.calendar_override_add, name="calendar-override-add"),
    path("staf/kalender/<int:pk>/hapus/", views.calendar_override_remove,
         name="calendar-override-remove"),
    path("staf/data-dukung/pilihan/", views.evidence_records, name="evidence-records"),
]
