"""What every admin page shares: scoped querysets, Bengali-aware search, local map files."""

from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AdminTextInputWidget
from django.contrib.gis import admin as gis_admin
from django.contrib.gis.forms.widgets import OSMWidget
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from landclaims.core.forms import (
    LocalDateField,
    LocalDecimalField,
    LocalFloatField,
    LocalIntegerField,
    add_service_errors,
)
from landclaims.core.models import Organisation
from landclaims.core.scoping import scope_for
from landclaims.core.text import normalise_search


class LocalOSMWidget(OSMWidget):
    """Django's map widget with OpenLayers served from our static files, not a CDN, over
    the site's basemap (MAP_BASEMAP_URL, the one host the Content-Security-Policy allows
    images from) rather than OpenLayers' built-in openstreetmap.org."""

    base_layer = "landclaims"  # static/js/admin_basemap.js
    default_lon = 90.4
    default_lat = 23.8
    default_zoom = 7

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.attrs["basemap_url"] = settings.MAP_BASEMAP_URL
        self.attrs["basemap_attribution"] = settings.MAP_BASEMAP_ATTRIBUTION

    class Media:
        extend = False  # drop the parent's CDN links instead of adding to them
        css = {"all": ("vendor/ol/ol.css", "gis/css/ol3.css")}
        js = ("vendor/ol/ol.js", "gis/js/OLMapWidget.js", "js/admin_basemap.js")


# Numbers and dates typed in Bengali digits, in every admin form (text boxes, not
# <input type="number">, which refuses them).
LOCAL_DIGIT_FIELDS: dict[Any, dict[str, Any]] = {
    models.DateField: {"form_class": LocalDateField},
    models.IntegerField: {"form_class": LocalIntegerField, "widget": AdminTextInputWidget},
    models.BigIntegerField: {"form_class": LocalIntegerField, "widget": AdminTextInputWidget},
    models.DecimalField: {"form_class": LocalDecimalField, "widget": AdminTextInputWidget},
    models.FloatField: {"form_class": LocalFloatField, "widget": AdminTextInputWidget},
}


class ScopedAdmin(gis_admin.GISModelAdmin):
    """An admin that shows staff only what `visible_to` lets them see."""

    gis_widget = LocalOSMWidget
    formfield_overrides = LOCAL_DIGIT_FIELDS
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if hasattr(queryset, "visible_to"):
            queryset = queryset.visible_to(request.user)
        return queryset

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        # Numbers typed in Bengali digits find records stored with ASCII digits.
        return super().get_search_results(request, queryset, normalise_search(search_term))


class ReadOnlyInline(admin.TabularInline):
    """Event history shown beside its record; events are added through services only."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ServiceCreateForm(forms.ModelForm):
    """An admin add form that creates through the app's service, so the admin keeps the
    same rules as every other way in. The admin view runs in one transaction, so a later
    failure still rolls the creation back."""

    request: HttpRequest
    created: Any = None
    # The model fields the service takes as they are; the admin may widen Meta.fields.
    service_fields: tuple[str, ...] = ()

    def create(self, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.instance.pk is None and not self.errors:
            try:
                self.created = self.create(data)
            except ValidationError as error:
                add_service_errors(self, error)
        return data

    def _post_clean(self) -> None:
        # On add the service validated and saved; the bare instance would lack what it sets.
        if self.instance.pk is not None:
            super()._post_clean()


class ServiceAdmin(ScopedAdmin):
    """Adds go through a ServiceCreateForm; changes may not touch the fields a service owns."""

    add_form: type[ServiceCreateForm]
    service_owned_fields: tuple[str, ...] = ()

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = self.add_form
        form = super().get_form(request, obj, change=change, **kwargs)
        form = type(form.__name__, (form,), {"request": request})
        if obj is not None:
            # Shown (maps included) but not editable: a service owns these.
            for name in self.service_owned_fields:
                if name in form.base_fields:
                    form.base_fields[name] = copy.deepcopy(form.base_fields[name])
                    form.base_fields[name].disabled = True
        return form

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return super().get_readonly_fields(request, obj) if obj is not None else ()

    def get_inlines(self, request: HttpRequest, obj: Any) -> Any:
        return super().get_inlines(request, obj) if obj is not None else []

    def save_form(self, request: HttpRequest, form: Any, change: bool) -> Any:
        return super().save_form(request, form, change) if change else form.created

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        if change:
            super().save_related(request, form, formsets, change)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        scope = scope_for(request.user)
        if db_field.name == "organisation" and scope and scope.organisation_id is not None:
            kwargs["queryset"] = Organisation.objects.filter(pk=scope.organisation_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
