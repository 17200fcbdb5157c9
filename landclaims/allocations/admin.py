from django.contrib import admin

from landclaims.allocations.models import Allocation
from landclaims.core.admin_base import ScopedAdmin


@admin.register(Allocation)
class AllocationAdmin(ScopedAdmin):
    list_display = [
        "__str__",
        "title",
        "area_m2",
        "kabuliyat_no",
        "settled_to_others",
        "outside_policy",
    ]
    list_filter = ["title", "settled_to_others", "outside_policy"]
    search_fields = ["kabuliyat_no", "dcr_no", "parcel__mouza__name_en", "parcel__mouza__name_bn"]
    autocomplete_fields = ["claim", "parcel", "group", "members"]
    readonly_fields = ["area_m2", "area_unit_m2", "outside_policy"]
