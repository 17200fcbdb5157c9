from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from landclaims.actions.models import Action, SafetyNetCheck
from landclaims.actions.services import (
    ACTION_EDITABLE,
    SAFETY_NET_CHECK_EDITABLE,
    action_create,
    action_update,
    safety_net_check_create,
    safety_net_check_update,
)
from landclaims.core.admin_base import ServiceAdmin, ServiceCreateForm

ACTION_FIELDS = ("organisation", "district", *ACTION_EDITABLE)
CHECK_FIELDS = ("organisation", "union", *SAFETY_NET_CHECK_EDITABLE)


class ActionAddForm(ServiceCreateForm):
    class Meta:
        model = Action
        fields = ACTION_FIELDS

    def create(self, data: dict[str, Any]) -> Action:
        return action_create(**{name: data[name] for name in ACTION_FIELDS}, by=self.request.user)


@admin.register(Action)
class ActionAdmin(ServiceAdmin):
    add_form = ActionAddForm
    editable_fields = ACTION_EDITABLE
    list_display = ["took_place_on", "kind", "district", "women", "men", "outcome"]
    list_filter = ["kind", "outcome", "district"]
    date_hierarchy = "took_place_on"
    search_fields = ["venue", "authority", "demands"]
    autocomplete_fields = ["district", "place", "groups", "claims", "cases", "incidents"]

    def update(self, request: HttpRequest, obj: Action, changes: dict[str, Any]) -> Any:
        return action_update(action=obj, by=request.user, changes=changes)


class SafetyNetCheckAddForm(ServiceCreateForm):
    class Meta:
        model = SafetyNetCheck
        fields = CHECK_FIELDS

    def create(self, data: dict[str, Any]) -> SafetyNetCheck:
        fields = {name: data[name] for name in CHECK_FIELDS}
        return safety_net_check_create(**fields, by=self.request.user)


@admin.register(SafetyNetCheck)
class SafetyNetCheckAdmin(ServiceAdmin):
    add_form = SafetyNetCheckAddForm
    editable_fields = SAFETY_NET_CHECK_EDITABLE
    list_display = ["checked_on", "programme", "union", "irregularities_found"]
    list_filter = ["programme", "irregularities_found", "district"]
    date_hierarchy = "checked_on"
    search_fields = ["checked", "irregularities", "action_taken", "outcome"]
    autocomplete_fields = ["union", "groups", "action"]

    def update(self, request: HttpRequest, obj: SafetyNetCheck, changes: dict[str, Any]) -> Any:
        return safety_net_check_update(check=obj, by=request.user, changes=changes)
