from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from landclaims.core.admin_base import ServiceAdmin, ServiceCreateForm
from landclaims.core.models import Membership, Organisation
from landclaims.core.services import (
    MEMBERSHIP_EDITABLE,
    ORGANISATION_EDITABLE,
    membership_create,
    membership_update,
    organisation_create,
    organisation_update,
)

ORGANISATION_FIELDS = ("name_en", "name_bn", "slug", "local_area_units")
MEMBERSHIP_FIELDS = ("user", "organisation", "role", "districts")


class OrganisationAddForm(ServiceCreateForm):
    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS

    def create(self, data: dict[str, Any]) -> Organisation:
        return organisation_create(**{name: data[name] for name in ORGANISATION_FIELDS})


class MembershipAddForm(ServiceCreateForm):
    class Meta:
        model = Membership
        fields = MEMBERSHIP_FIELDS

    def create(self, data: dict[str, Any]) -> Membership:
        return membership_create(
            user=data["user"],
            organisation=data["organisation"],
            role=data["role"],
            districts=list(data["districts"]),
        )


@admin.register(Organisation)
class OrganisationAdmin(ServiceAdmin):
    add_form = OrganisationAddForm
    editable_fields = ORGANISATION_EDITABLE
    list_display = ["name_en", "name_bn", "slug"]
    search_fields = ["name_en", "name_bn", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}

    def update(self, request: HttpRequest, obj: Organisation, changes: dict[str, Any]) -> Any:
        return organisation_update(organisation=obj, changes=changes)


@admin.register(Membership)
class MembershipAdmin(ServiceAdmin):
    add_form = MembershipAddForm
    editable_fields = MEMBERSHIP_EDITABLE
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "organisation__name_en"]
    filter_horizontal = ["districts"]
    autocomplete_fields = ["user"]

    def update(self, request: HttpRequest, obj: Membership, changes: dict[str, Any]) -> Any:
        return membership_update(membership=obj, changes=changes)
