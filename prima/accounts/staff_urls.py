from django.http import HttpResponse
from django.urls import path

app_name = "members"

# Interim route so the project boots; replaced by the member management views.
urlpatterns = [
    path("satker/<str:code>/pengguna/", lambda request, code: HttpResponse(code), name="list"),
]
