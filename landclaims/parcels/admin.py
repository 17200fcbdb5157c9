from django.contrib import admin

from landclaims.core.admin_base import ScopedAdmin
from landclaims.parcels.models import Parcel, ParcelDag


class ParcelDagInline(admin.TabularInline):
    model = ParcelDag
    extra = 0
    fields = ["dag_no"]
    readonly_fields = ["dag_no"]
    can_delete = False


@admin.register(Parcel)
class ParcelAdmin(ScopedAdmin):
    list_display = ["__str__", "survey", "khatian_no", "land_class", "area_m2", "organisation"]
    list_filter = ["land_class", "survey", "geom_source", "organisation"]
    search_fields = ["dags__dag_no", "khatian_no", "mouza__name_en", "mouza__name_bn", "jl_no"]
    autocomplete_fields = ["mouza"]
    readonly_fields = ["area_m2", "area_unit_m2", "created_by"]
    inlines = [ParcelDagInline]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).select_related("mouza").prefetch_related("dags")
