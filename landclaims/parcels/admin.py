from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gis.units import AREA_UNITS
from landclaims.core.admin_base import ReadOnlyInline, ServiceAdmin, ServiceCreateForm
from landclaims.parcels.models import Parcel, ParcelDag
from landclaims.parcels.services import PARCEL_EDITABLE, parcel_create, parcel_update


class ParcelDagInline(ReadOnlyInline):
    model = ParcelDag
    fields = ["dag_no"]
    readonly_fields = ["dag_no"]


PARCEL_FIELDS = (
    "organisation", "mouza", "survey", "jl_no", "sheet_no", "khatian_no",
    "register_viii_ref", "land_class", "geom", "geom_source", "accuracy_m", "notes",
)  # fmt: skip


class ParcelAddForm(ServiceCreateForm):
    dag_nos = forms.CharField(
        label=_("Dag numbers"),
        help_text=_("One or more dag numbers, comma separated (Bengali digits are fine)."),
    )
    area_value = forms.CharField(
        label=_("Area"), required=False, help_text=_("As written on the paper.")
    )
    area_unit = forms.CharField(
        label=_("Area unit"),
        required=False,
        help_text=format_lazy(
            _("One of: {units}, or one of the organisation's local units."),
            units=", ".join(AREA_UNITS),
        ),
    )

    service_fields = PARCEL_FIELDS

    class Meta:
        model = Parcel
        fields = PARCEL_FIELDS

    def create(self, data: dict[str, Any]) -> Parcel:
        fields = {name: data[name] for name in self.service_fields}
        saved = parcel_create(
            **fields,
            dag_nos=[d for d in data["dag_nos"].split(",") if d.strip()],
            area_value=data["area_value"] or None,
            area_unit=data["area_unit"],
            created_by=self.request.user,
        )
        for warning in saved.warnings:
            messages.warning(self.request, warning)
        return saved.parcel


@admin.register(Parcel)
class ParcelAdmin(ServiceAdmin):
    add_form = ParcelAddForm
    # A legal boundary and the paper reference change only through an import or a service.
    editable_fields = PARCEL_EDITABLE
    list_display = ["__str__", "survey", "khatian_no", "land_class", "area_m2", "organisation"]
    list_filter = ["land_class", "survey", "geom_source", "organisation"]
    search_fields = ["dags__dag_no", "khatian_no", "mouza__name_en", "mouza__name_bn", "jl_no"]
    autocomplete_fields = ["mouza"]
    readonly_fields = ["area_m2", "area_unit_m2", "created_by"]
    inlines = [ParcelDagInline]

    def update(self, request: HttpRequest, obj: Parcel, changes: dict[str, Any]) -> Any:
        return parcel_update(parcel=obj, by=request.user, changes=changes)

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("mouza").prefetch_related("dags")
