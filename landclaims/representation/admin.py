"""Seats added and corrected in the admin go through the representation services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from landclaims.core.admin_base import ServiceAdmin, ServiceCreateForm
from landclaims.representation.models import Seat
from landclaims.representation.services import SEAT_EDITABLE, seat_add, seat_update

SEAT_FIELDS = ("member", "body", "body_name", "area", "position", "how", "from_on", "to_on")


class SeatAddForm(ServiceCreateForm):
    class Meta:
        model = Seat
        fields = SEAT_FIELDS

    def create(self, data: dict[str, Any]) -> Seat:
        values = {name: data[name] for name in SEAT_FIELDS}
        values["body_name"] = values["body_name"] or ""
        return seat_add(**values, by=self.request.user)


@admin.register(Seat)
class SeatAdmin(ServiceAdmin):
    add_form = SeatAddForm
    editable_fields = SEAT_EDITABLE
    list_display = ["member", "body", "position", "how", "from_on", "to_on"]
    list_filter = ["body", "how", "position"]
    date_hierarchy = "from_on"
    search_fields = ["member__code", "body_name"]
    autocomplete_fields = ["member", "area"]

    def update(self, request: HttpRequest, obj: Seat, changes: dict[str, Any]) -> Any:
        return seat_update(seat=obj, by=request.user, changes=changes)
