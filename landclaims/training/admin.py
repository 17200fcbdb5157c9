"""Trainings added and corrected in the admin go through the training services; attendance
is shown beside them read-only (it is set as a whole on the attendance page or the API)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from landclaims.core.admin_base import ReadOnlyInline, ServiceAdmin, ServiceCreateForm
from landclaims.training.models import GroupAttendance, MemberAttendance, TrainingEvent
from landclaims.training.services import (
    TRAINING_EDITABLE,
    training_event_create,
    training_event_update,
)

TRAINING_FIELDS = ("organisation", "district", "title", "title_bn", "tier", "topics",
                   "started_on", "ended_on", "place", "venue", "facilitator")  # fmt: skip


class TrainingAddForm(ServiceCreateForm):
    class Meta:
        model = TrainingEvent
        fields = TRAINING_FIELDS

    def create(self, data: dict[str, Any]) -> TrainingEvent:
        return training_event_create(
            **{name: data[name] for name in TRAINING_FIELDS}, by=self.request.user
        )


class GroupAttendanceInline(ReadOnlyInline):
    model = GroupAttendance
    fields = ["group", "community", "women", "men", "others"]
    readonly_fields = fields


class MemberAttendanceInline(ReadOnlyInline):
    model = MemberAttendance
    fields = ["member"]
    readonly_fields = fields


@admin.register(TrainingEvent)
class TrainingEventAdmin(ServiceAdmin):
    add_form = TrainingAddForm
    editable_fields = TRAINING_EDITABLE
    list_display = ["started_on", "title", "tier", "district"]
    list_filter = ["tier", "district"]
    date_hierarchy = "started_on"
    search_fields = ["title", "title_bn", "facilitator", "venue"]
    autocomplete_fields = ["district", "place"]
    inlines = [GroupAttendanceInline, MemberAttendanceInline]

    def update(self, request: HttpRequest, obj: TrainingEvent, changes: dict[str, Any]) -> Any:
        return training_event_update(event=obj, by=request.user, changes=changes)
