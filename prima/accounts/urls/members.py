from django.urls import path

from . import staff_views

app_name = "members"

urlpatterns = [
    path("satker/<str:code>/pengguna/", staff_views.member_list, name="list"),
    path("satker/<str:code>/pengguna/undang/", staff_views.member_invite, name="invite"),
    path("satker/<str:code>/pengguna/undangan/<int:pk>/batalkan/",
         staff_views.invitation_revoke, name="invitation-revoke"),
    path("satker/<str:code>/pengguna/<int:pk>/nonaktifkan/",
         staff_views.membership_deactivate, name="membership-deactivate"),
    path("satker/<str:code>/pengguna/<int:pk>/peran/",
         staff_views.membership_change_role, name="membership-role"),
]
