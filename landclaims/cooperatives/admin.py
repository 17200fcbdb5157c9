"""The cooperatives in the admin: every add and change through cooperatives/services.py."""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from landclaims.cooperatives.models import (
    Cooperative,
    CooperativeLand,
    CooperativeShare,
    Production,
)
from landclaims.cooperatives.services import (
    COOPERATIVE_EDITABLE,
    LAND_EDITABLE,
    MemberGroup,
    cooperative_create,
    cooperative_group_add,
    cooperative_land_add,
    cooperative_land_update,
    cooperative_update,
    production_record,
)
from landclaims.core.admin_base import ServiceAdmin, ServiceCreateForm, ServiceInline

COOPERATIVE_FIELDS = ("organisation", "district", *COOPERATIVE_EDITABLE)


class CooperativeAddForm(ServiceCreateForm):
    class Meta:
        model = Cooperative
        fields = COOPERATIVE_FIELDS

    def create(self, data: dict[str, Any]) -> Cooperative:
        return cooperative_create(
            **{name: data[name] for name in COOPERATIVE_FIELDS}, by=self.request.user
        )


class ShareInlineForm(ServiceInline.form):
    contribution_taka = forms.DecimalField(
        label=_("contribution (taka)"), min_value=0, decimal_places=2, required=False
    )

    class Meta:
        model = CooperativeShare
        fields = ["group", "shares", "joined_on"]


class ShareInline(ServiceInline):
    model = CooperativeShare
    form = ShareInlineForm
    fields = ["group", "shares", "contribution_taka", "joined_on"]
    readonly_fields: list[str] = []
    autocomplete_fields = ["group"]

    def add(self, request: HttpRequest, parent: Cooperative, data: dict[str, Any]) -> Any:
        member = MemberGroup(
            group=data["group"],
            shares=data.get("shares") or 0,
            contribution_taka=data.get("contribution_taka") or 0,
            joined_on=data.get("joined_on"),
        )
        return cooperative_group_add(cooperative=parent, member=member, by=request.user)


@admin.register(Cooperative)
class CooperativeAdmin(ServiceAdmin):
    add_form = CooperativeAddForm
    editable_fields = COOPERATIVE_EDITABLE
    inlines = [ShareInline]
    list_display = ["__str__", "district", "registration_no", "registered_on", "animator"]
    list_filter = ["district"]
    search_fields = ["name_bn", "name_en", "registration_no"]
    autocomplete_fields = ["district", "monitoring_partner"]

    def update(self, request: HttpRequest, obj: Cooperative, changes: dict[str, Any]) -> Any:
        return cooperative_update(cooperative=obj, by=request.user, changes=changes)


LAND_FIELDS = (
    "cooperative",
    "tenure",
    "description",
    "mouza",
    "parcel",
    "geom",
    "from_on",
    "to_on",
)


class LandAddForm(ServiceCreateForm):
    lease_rent_taka = forms.DecimalField(
        label=_("yearly rent (taka)"), min_value=0, decimal_places=2, required=False
    )

    class Meta:
        model = CooperativeLand
        fields = LAND_FIELDS

    def create(self, data: dict[str, Any]) -> CooperativeLand:
        return cooperative_land_add(
            **{name: data[name] for name in LAND_FIELDS},
            lease_rent_taka=data.get("lease_rent_taka"),
            by=self.request.user,
        )


@admin.register(CooperativeLand)
class CooperativeLandAdmin(ServiceAdmin):
    add_form = LandAddForm
    editable_fields = LAND_EDITABLE
    list_display = ["__str__", "tenure", "area_m2", "from_on", "to_on"]
    list_filter = ["tenure"]
    search_fields = ["cooperative__name_bn", "cooperative__name_en", "description"]
    autocomplete_fields = ["cooperative", "mouza", "parcel"]
    readonly_fields = ["area_m2", "lease_rent_poisha"]

    def update(self, request: HttpRequest, obj: CooperativeLand, changes: dict[str, Any]) -> Any:
        return cooperative_land_update(land=obj, by=request.user, changes=changes)


PRODUCTION_FIELDS = (
    "cooperative", "land", "activity", "detail", "season", "year", "output_quantity",
    "output_unit",
)  # fmt: skip


class ProductionAddForm(ServiceCreateForm):
    sales_taka = forms.DecimalField(label=_("sales (taka)"), min_value=0, decimal_places=2)
    costs_taka = forms.DecimalField(label=_("costs (taka)"), min_value=0, decimal_places=2)

    class Meta:
        model = Production
        fields = PRODUCTION_FIELDS

    def create(self, data: dict[str, Any]) -> Production:
        return production_record(
            **{name: data[name] for name in PRODUCTION_FIELDS},
            sales_taka=data["sales_taka"],
            costs_taka=data["costs_taka"],
            by=self.request.user,
        )


@admin.register(Production)
class ProductionAdmin(ServiceAdmin):
    """Production is recorded, not edited: a wrong figure is recorded again correctly."""

    add_form = ProductionAddForm
    list_display = ["__str__", "cooperative", "season", "year", "sales_poisha", "costs_poisha"]
    list_filter = ["activity", "season", "year"]
    search_fields = ["cooperative__name_bn", "cooperative__name_en", "detail"]
    autocomplete_fields = ["cooperative", "land"]
