from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from .models import Invitation, User


class EmailUserCreationForm(UserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")
        field_classes = {"email": forms.EmailField}


class EmailUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
        field_classes = {"email": forms.EmailField}


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = EmailUserChangeForm
    add_form = EmailUserCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "nip", "is_active", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_superuser", "preferred_language"]
    search_fields = ["email", "full_name", "nip"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Data pribadi"), {"fields": ["full_name", "nip", "phone", "preferred_language"]}),
        (_("Hak akses"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Waktu penting"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"],
                "fields": ["email", "full_name", "password1", "password2"]}),
    ]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "satker", "role", "created_at", "expires_at",
                    "accepted_at", "revoked_at"]
    list_filter = ["role", "satker__level"]
    search_fields = ["email", "full_name", "satker__name", "satker__code"]
    list_select_related = ["satker"]
    raw_id_fields = ["satker", "invited_by", "accepted_by"]
    readonly_fields = ["token_hash", "invited_by", "created_at", "accepted_at", "accepted_by"]

    def has_add_permission(self, request):
        # Invitations are created by ``services.invite_member``, which emails the token.
        return False
