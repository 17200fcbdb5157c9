from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from landclaims.core.admin_base import ScopedAdmin
from landclaims.groups.models import LandlessGroup, Member
from landclaims.privacy.models import PersonalDataRead, Purpose
from landclaims.privacy.services import read_log


@admin.register(LandlessGroup)
class LandlessGroupAdmin(ScopedAdmin):
    list_display = ["name_bn", "name_en", "sex", "village", "members_women", "members_men"]
    list_filter = ["sex", "organisation"]
    search_fields = ["name_bn", "name_en", "village__name_en", "village__name_bn"]
    autocomplete_fields = ["village"]


@admin.register(Member)
class MemberAdmin(ScopedAdmin):
    list_display = ["code", "group", "sex", "priority_category", "is_household_head"]
    list_filter = ["sex", "priority_category"]
    # Names are encrypted (no substring search on ciphertext): members are found by code.
    search_fields = ["code"]
    autocomplete_fields = ["group", "spouse"]

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
