from django.urls import path

from ..views import members as views

app_name = "members"

urlpatterns = [
    path("satker/<str:code>/pengguna/", views.member_list, name="list"),
    path("satker/<str:code>/pengguna/undang/", views.member_invite, name="invite"),
    path("satker/<str:code>/pengguna/undangan/<int:pk>/batalkan/",
         views.invitation_revoke, name="invitation-revoke"),
    path("satker/<str:code>/pengguna/<int:pk>/nonaktifkan/",
         views.membership_deactivate, name="membership-deactivate"),
    path("satker/<str:code>/pengguna/<int:pk>/peran/",
         views.membership_change_role, name="membership-role"),
]
