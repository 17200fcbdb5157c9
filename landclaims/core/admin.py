from django.contrib import admin

from landclaims.core.models import Membership, Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_bn", "slug"]
    search_fields = ["name_en", "name_bn", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "organisation__name_en"]
    filter_horizontal = ["districts"]
    autocomplete_fields = ["user"]
