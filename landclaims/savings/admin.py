"""Savings in the admin: read-only. Meetings and entries are written on the group's savings
pages and through the API, both through the services (an entry is never edited: the
database refuses it, and corrections are entries of their own)."""

from django.contrib import admin

from landclaims.core.admin_base import ReadOnlyAdmin
from landclaims.savings.models import SavingsEntry, SavingsMeeting


@admin.register(SavingsMeeting)
class SavingsMeetingAdmin(ReadOnlyAdmin):
    list_display = ["met_on", "group", "members_present"]
    list_filter = ["met_on"]
    date_hierarchy = "met_on"
    search_fields = ["decisions"]
    list_select_related = ["group"]


@admin.register(SavingsEntry)
class SavingsEntryAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "kind", "form", "change_poisha", "rice_kg", "corrects"]
    list_filter = ["kind", "form"]
    search_fields = ["purpose", "note"]
    list_select_related = ["meeting__group", "corrects"]
