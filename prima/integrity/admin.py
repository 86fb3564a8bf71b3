"""Django admin for the integrity zone: read-only for everyone, superusers included.
Signatures and printed lists never change (the models and querysets refuse it as well);
pact texts, declarations and units change through the services, audited."""

from django.contrib import admin

from prima.core.admin import ReadOnlyAdmin

from .models import Declaration, PactVersion, Roster, Signature, ZoneUnit


@admin.register(Signature)
class SignatureAdmin(ReadOnlyAdmin):
    list_display = ["signer_name", "satker", "version", "signed_at", "code"]
    list_filter = ["version"]
    search_fields = ["signer_name", "signer_email", "code"]


@admin.register(Roster)
class RosterAdmin(ReadOnlyAdmin):
    list_display = ["satker", "version", "issued_at", "code"]


@admin.register(PactVersion)
class PactVersionAdmin(ReadOnlyAdmin):
    list_display = ["number", "period", "title", "status", "published_at"]


@admin.register(Declaration)
class DeclarationAdmin(ReadOnlyAdmin):
    list_display = ["satker", "date", "event"]


@admin.register(ZoneUnit)
class ZoneUnitAdmin(ReadOnlyAdmin):
    list_display = ["satker", "target", "year", "status"]
