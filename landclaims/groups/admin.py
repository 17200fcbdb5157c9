from django.contrib import admin

from landclaims.core.admin_base import ScopedAdmin
from landclaims.groups.models import LandlessGroup, Member


@admin.register(LandlessGroup)
class LandlessGroupAdmin(ScopedAdmin):
    list_display = ["name_bn", "name_en", "sex", "village", "members_women", "members_men"]
    list_filter = ["sex", "organisation"]
    search_fields = ["name_bn", "name_en", "village__name_en", "village__name_bn"]
    autocomplete_fields = ["village"]


@admin.register(Member)
class MemberAdmin(ScopedAdmin):
    list_display = ["code", "group", "sex", "priority_category", "is_household_head"]
    list_filter = ["sex", "priority_category"]
    search_fields = ["code", "name_bn", "name_en"]
    autocomplete_fields = ["group", "spouse"]
