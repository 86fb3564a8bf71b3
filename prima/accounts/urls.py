from django.contrib.auth import views as auth_views
from django.urls import path

app_name = "accounts"

# Interim routes so the project boots; replaced by the accounts views.
urlpatterns = [
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("2fa/verifikasi/", auth_views.LoginView.as_view(), name="otp-verify"),
    path("2fa/atur/", auth_views.LoginView.as_view(), name="otp-setup"),
]
