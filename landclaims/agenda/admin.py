"""Feed tokens (revocable, never shown) and the record of reminders sent (read-only)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from landclaims.agenda.models import CalendarToken, HearingReminder, OrderReminder, TaskReminder
from landclaims.agenda.services import calendar_token_revoke
from landclaims.core.admin_base import ReadOnlyAdmin


@admin.register(CalendarToken)
class CalendarTokenAdmin(ReadOnlyAdmin):
    # The token itself is a password: it appears nowhere in the admin.
    fields = ["user", "created_at", "revoked_at"]
    readonly_fields = fields
    list_display = ["user", "created_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__username", "user__email"]
    actions = ["revoke"]

    @admin.action(description=_("Revoke the selected calendar links"), permissions=["revoke"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[CalendarToken]) -> None:
        revoked = [
            token
            for token in queryset.select_related("user")
            if calendar_token_revoke(user=token.user)
        ]
        self.message_user(
            request,
            ngettext("%(n)d link revoked.", "%(n)d links revoked.", len(revoked))
            % {"n": len(revoked)},
            messages.SUCCESS,
        )

    def has_revoke_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("agenda.change_calendartoken")


@admin.register(HearingReminder)
class HearingReminderAdmin(ReadOnlyAdmin):
    list_display = ["scheduled_on", "hearing", "lead_days", "recipient", "sent_at"]
    list_filter = ["lead_days"]
    date_hierarchy = "scheduled_on"
    search_fields = ["recipient", "hearing__case__number", "hearing__case__court_name"]
    list_select_related = ["hearing__case"]


@admin.register(OrderReminder)
class OrderReminderAdmin(ReadOnlyAdmin):
    list_display = ["in_force_until", "order", "recipient", "sent_at"]
    date_hierarchy = "in_force_until"
    search_fields = ["recipient", "order__case__number", "order__case__court_name"]
    list_select_related = ["order__case"]


@admin.register(TaskReminder)
class TaskReminderAdmin(ReadOnlyAdmin):
    list_display = ["due_on", "task", "lead", "recipient", "sent_at"]
    list_filter = ["lead"]
    date_hierarchy = "due_on"
    search_fields = ["recipient", "task__case__number", "task__case__court_name"]
    list_select_related = ["task__case"]
