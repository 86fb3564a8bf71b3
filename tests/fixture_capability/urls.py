from django.urls import path

from . import views

app_name = "fixture_capability"

urlpatterns = [
    path("uji/", views.public_page, name="public"),
    path("staf/uji/<str:code>/", views.staff_page, name="staff"),
    path("staf/uji/<str:code>/periksa/", views.check_satker, name="staff-check"),
]
