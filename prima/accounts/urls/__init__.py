from django.urls import path

from ..views import auth as views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", views.LogoutView.as_view(), name="logout"),
    path("2fa/atur/", views.otp_setup, name="otp-setup"),
    path("2fa/verifikasi/", views.otp_verify, name="otp-verify"),
    path("sandi/lupa/", views.PasswordResetView.as_view(), name="password-reset"),
    path("sandi/lupa/terkirim/", views.PasswordResetDoneView.as_view(),
         name="password-reset-done"),
    path("sandi/atur/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(),
         name="password-reset-confirm"),
    path("sandi/atur/selesai/", views.PasswordResetCompleteView.as_view(),
         name="password-reset-complete"),
    path("sandi/ubah/", views.PasswordChangeView.as_view(), name="password-change"),
    path("sandi/ubah/selesai/", views.PasswordChangeDoneView.as_view(),
         name="password-change-done"),
    path("undangan/<str:token>/", views.invitation_accept, name="invitation-accept"),
]
