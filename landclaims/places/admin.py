from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from landclaims.core.admin_base import ServiceAdmin, ServiceCreateForm, ServiceInline
from landclaims.places.models import AdminArea, MouzaJlNo, Village
from landclaims.places.services import (
    ADMIN_AREA_EDITABLE,
    VILLAGE_EDITABLE,
    admin_area_create,
    admin_area_update,
    mouza_jl_no_add,
    village_create,
    village_update,
)

AREA_FIELDS = ("level", "name_en", "name_bn", "parent", "bbs_code", "hdx_pcode", "geom", "centre")
VILLAGE_FIELDS = ("union", "name_en", "name_bn", "bbs_code", "location", "mouzas")


class MouzaJlNoInline(ServiceInline):
    model = MouzaJlNo
    fields = ["survey", "jl_no"]

    def add(self, request: HttpRequest, parent: AdminArea, data: dict[str, Any]) -> MouzaJlNo:
        return mouza_jl_no_add(mouza=parent, survey=data["survey"], jl_no=data["jl_no"])


class AdminAreaAddForm(ServiceCreateForm):
    class Meta:
        model = AdminArea
        fields = AREA_FIELDS

    def create(self, data: dict[str, Any]) -> AdminArea:
        # The service sets the area's path and district from its parent.
        return admin_area_create(**{name: data[name] for name in AREA_FIELDS})


class VillageAddForm(ServiceCreateForm):
    class Meta:
        model = Village
        fields = VILLAGE_FIELDS

    def create(self, data: dict[str, Any]) -> Village:
        fields = {name: data[name] for name in VILLAGE_FIELDS}
        return village_create(**{**fields, "mouzas": list(data["mouzas"])})


@admin.register(AdminArea)
class AdminAreaAdmin(ServiceAdmin):
    add_form = AdminAreaAddForm
    editable_fields = ADMIN_AREA_EDITABLE
    list_display = ["name_en", "name_bn", "level", "bbs_code", "hdx_pcode", "parent"]
    list_filter = ["level"]
    search_fields = ["name_en", "name_bn", "bbs_code", "hdx_pcode"]
    readonly_fields = ["path", "district"]
    autocomplete_fields = ["parent"]
    inlines = [MouzaJlNoInline]

    def update(self, request: HttpRequest, obj: AdminArea, changes: dict[str, Any]) -> Any:
        return admin_area_update(area=obj, changes=changes)


@admin.register(Village)
class VillageAdmin(ServiceAdmin):
    add_form = VillageAddForm
    editable_fields = VILLAGE_EDITABLE
    list_display = ["name_en", "name_bn", "union"]
    search_fields = ["name_en", "name_bn", "bbs_code"]
    autocomplete_fields = ["union", "mouzas"]

    def update(self, request: HttpRequest, obj: Village, changes: dict[str, Any]) -> Any:
        return village_update(village=obj, changes=changes)
