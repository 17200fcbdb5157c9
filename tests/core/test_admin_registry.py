"""No admin page saves a landclaims record without its service.

Every landclaims model in the admin either uses ServiceAdmin (adds, changes, inline rows and
the few deletes through the app's services) or refuses every write, superusers included.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from landclaims.core.admin_base import (
    ReadOnlyInline,
    ServiceAdmin,
    ServiceChangeForm,
    ServiceCreateForm,
    ServiceInline,
    ServiceInlineForm,
)

# ServiceAdmin's own methods that keep Django's defaults (which save the instance, its
# many-to-many fields and inline rows, or delete) from running.
GUARDED = (
    "save_form", "save_model", "save_related", "save_formset", "delete_model",
    "delete_queryset", "changeform_view", "has_delete_permission",
)  # fmt: skip


def landclaims_admins() -> list[tuple[type, admin.ModelAdmin]]:
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model.__module__.startswith("landclaims.")
    ]


@pytest.fixture
def superuser_request() -> Any:
    request = RequestFactory().get("/admin/")
    request.user = get_user_model()(username="root", is_staff=True, is_superuser=True)
    return request


def problems(model_admin: admin.ModelAdmin, request: Any) -> list[str]:
    found = []
    if isinstance(model_admin, ServiceAdmin):
        for name in GUARDED:
            if getattr(type(model_admin), name) is not getattr(ServiceAdmin, name):
                found.append(f"overrides ServiceAdmin.{name}")
        if not issubclass(model_admin.add_form, ServiceCreateForm):
            found.append("its add form does not create through a service")
        if not issubclass(model_admin.form, ServiceChangeForm):
            found.append("its change form does not update through a service")
        if model_admin.editable_fields is not None and (
            type(model_admin).update is ServiceAdmin.update
        ):
            found.append("has editable fields but no update service")
        deletes = type(model_admin).delete is not ServiceAdmin.delete
        if model_admin.has_delete_permission(request) and not deletes:
            found.append("deletes without a service")
    else:
        if model_admin.has_add_permission(request):
            found.append("adds without a service")
        if model_admin.has_change_permission(request):
            found.append("changes without a service")
        if model_admin.has_delete_permission(request):
            found.append("deletes without a service")
    if "delete_selected" in model_admin.get_actions(request) and not (
        isinstance(model_admin, ServiceAdmin)
        and type(model_admin).delete is not ServiceAdmin.delete
    ):
        found.append("offers the bulk delete action")
    # Every inline, also those ServiceAdmin shows only on the change page.
    for inline in (cls(model_admin.model, model_admin.admin_site) for cls in model_admin.inlines):
        found += [f"inline {type(inline).__name__} {p}" for p in inline_problems(inline, request)]
    return found


def inline_problems(inline: InlineModelAdmin, request: Any) -> list[str]:
    found = []
    if inline.has_change_permission(request) or inline.has_delete_permission(request):
        found.append("changes or deletes rows without a service")
    if inline.has_add_permission(request, None):
        if not isinstance(inline, ServiceInline) or not issubclass(inline.form, ServiceInlineForm):
            found.append("adds rows without a service")
    elif not isinstance(inline, ReadOnlyInline | ServiceInline):
        found.append("is neither a ReadOnlyInline nor a ServiceInline")
    return found


def test_every_landclaims_model_admin_saves_through_its_service_or_not_at_all(
    superuser_request,
) -> None:
    admins = landclaims_admins()
    assert len(admins) >= 20  # the walk really covers the registry
    found = {
        model._meta.label: problems(model_admin, superuser_request) for model, model_admin in admins
    }
    assert {label: p for label, p in found.items() if p} == {}


def test_a_plain_model_admin_for_a_landclaims_model_is_caught(superuser_request) -> None:
    """The check above is not vacuous: the admins Django offers by default all fail it."""
    from landclaims.places.models import Village

    plain = admin.ModelAdmin(Village, admin.site)
    assert "adds without a service" in problems(plain, superuser_request)

    class EditableInline(admin.TabularInline):
        model = Village.mouzas.through

    assert inline_problems(EditableInline(Village, admin.site), superuser_request) != []
