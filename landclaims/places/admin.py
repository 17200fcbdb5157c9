from django.contrib import admin

from landclaims.core.admin_base import ScopedAdmin
from landclaims.places.models import AdminArea, MouzaJlNo, Village


class MouzaJlNoInline(admin.TabularInline):
    model = MouzaJlNo
    extra = 0


@admin.register(AdminArea)
class AdminAreaAdmin(ScopedAdmin):
    list_display = ["name_en", "name_bn", "level", "bbs_code", "hdx_pcode", "parent"]
    list_filter = ["level"]
    search_fields = ["name_en", "name_bn", "bbs_code", "hdx_pcode"]
    readonly_fields = ["path", "district"]
    autocomplete_fields = ["parent"]
    inlines = [MouzaJlNoInline]


@admin.register(Village)
class VillageAdmin(ScopedAdmin):
    list_display = ["name_en", "name_bn", "union"]
    search_fields = ["name_en", "name_bn", "bbs_code"]
    autocomplete_fields = ["union", "mouzas"]
