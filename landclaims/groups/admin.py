from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from landclaims.core.admin_base import ServiceAdmin, ServiceCreateForm
from landclaims.groups.models import LandlessGroup, Member
from landclaims.groups.services import (
    GROUP_EDITABLE,
    MEMBER_EDITABLE,
    group_create,
    group_update,
    member_create,
    member_update,
)
from landclaims.privacy.models import PersonalDataRead, Purpose
from landclaims.privacy.services import read_log

GROUP_FIELDS = (
    "organisation", "name_bn", "name_en", "sex", "village", "formed_on", "members_women",
    "members_men", "meeting_day",
)  # fmt: skip
MEMBER_FIELDS = (
    "group", "code", "name_bn", "name_en", "nid", "phone", "sex", "is_household_head", "spouse",
    "priority_category", "joined_on", "role", "landless_status", "landless_checked_on",
)  # fmt: skip


class GroupAddForm(ServiceCreateForm):
    class Meta:
        model = LandlessGroup
        fields = GROUP_FIELDS

    def create(self, data: dict[str, Any]) -> LandlessGroup:
        return group_create(**{name: data[name] for name in GROUP_FIELDS}, by=self.request.user)


class MemberAddForm(ServiceCreateForm):
    class Meta:
        model = Member
        fields = MEMBER_FIELDS

    def create(self, data: dict[str, Any]) -> Member:
        return member_create(**{name: data[name] for name in MEMBER_FIELDS}, by=self.request.user)


@admin.register(LandlessGroup)
class LandlessGroupAdmin(ServiceAdmin):
    add_form = GroupAddForm
    editable_fields = GROUP_EDITABLE
    list_display = ["name_bn", "name_en", "sex", "village", "members_women", "members_men"]
    list_filter = ["sex", "organisation"]
    search_fields = ["name_bn", "name_en", "village__name_en", "village__name_bn"]
    autocomplete_fields = ["village"]

    def update(self, request: HttpRequest, obj: LandlessGroup, changes: dict[str, Any]) -> Any:
        return group_update(group=obj, by=request.user, changes=changes)


@admin.register(Member)
class MemberAdmin(ServiceAdmin):
    add_form = MemberAddForm
    editable_fields = MEMBER_EDITABLE
    list_display = ["code", "group", "sex", "role", "priority_category", "is_household_head"]
    list_filter = ["sex", "role", "landless_status", "priority_category"]
    # Names are encrypted (no substring search on ciphertext): members are found by code.
    search_fields = ["code"]
    autocomplete_fields = ["group", "spouse"]

    def update(self, request: HttpRequest, obj: Member, changes: dict[str, Any]) -> Any:
        return member_update(member=obj, by=request.user, changes=changes)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        """The change form shows the personal details: logged as an administrative read."""
        member = self.get_object(request, object_id)
        if member is not None and request.method == "GET":
            read_log(
                user=request.user,
                members=[member],
                via=PersonalDataRead.Via.ADMIN,
                purpose=Purpose.ADMINISTRATION,
                url=request.path,
            )
        return super().change_view(request, object_id, form_url, extra_context)
