"""What every admin page shares: scoped querysets, Bengali-aware search, local map files."""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AdminTextInputWidget
from django.contrib.auth import get_user_model
from django.contrib.gis import admin as gis_admin
from django.contrib.gis.forms.widgets import OSMWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from landclaims.core.forms import (
    LocalDateField,
    LocalDecimalField,
    LocalFloatField,
    LocalIntegerField,
    add_service_errors,
)
from landclaims.core.models import Membership, Organisation
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


class ReadOnlyAdmin(ScopedAdmin):
    """A record written by a service: looked at here, never added, changed or deleted."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    """Event history shown beside its record; events are added through services only."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _refusal(form: forms.BaseForm, error: ValidationError | PermissionDenied) -> None:
    """A service's refusal shown on the form: beside its field, or at the top."""
    if isinstance(error, PermissionDenied):
        form.add_error(None, str(error) or _("You may not make this change."))
    else:
        add_service_errors(form, error)


class ServiceCreateForm(forms.ModelForm):
    """An admin add form that creates through the app's service, so the admin keeps the
    same rules as every other way in. ServiceAdmin rolls the creation back if anything
    else on the page is refused."""

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
            except (ValidationError, PermissionDenied) as error:
                _refusal(self, error)
        return data

    def _post_clean(self) -> None:
        # The service validated and saved; the bare instance would lack what it sets.
        pass


class ServiceChangeForm(forms.ModelForm):
    """An admin change form that hands the changed fields to the app's update service
    (ServiceAdmin.update); fields the service does not change are shown disabled."""

    request: HttpRequest
    update_record: Callable[[Any, dict[str, Any]], Any]
    saved: Any = None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.instance.pk is not None and not self.errors:
            changes = {name: data[name] for name in self.changed_data if name in data}
            try:
                self.saved = self.update_record(self.instance, changes) if changes else None
            except (ValidationError, PermissionDenied) as error:
                _refusal(self, error)
        return data

    def _post_clean(self) -> None:
        pass  # the service validated and saved; the instance itself is never saved here


class ServiceInlineForm(forms.ModelForm):
    """A new row of a ServiceInline, created through the inline's service in clean()."""

    request: HttpRequest
    add_record: Callable[[Any, dict[str, Any]], Any]
    parent_field: str
    created: Any = None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.instance._state.adding and self.has_changed() and not self.errors:
            parent = getattr(self.instance, self.parent_field)
            try:
                self.created = self.add_record(parent, data)
            except (ValidationError, PermissionDenied) as error:
                _refusal(self, error)
        return data

    def _post_clean(self) -> None:
        pass


class ServiceInline(admin.TabularInline):
    """Rows beside a record that are added through a service (`add`) and never edited or
    deleted here: existing rows are shown read-only."""

    extra = 0
    can_delete = False
    form = ServiceInlineForm

    def add(self, request: HttpRequest, parent: Any, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        form = type(
            formset.form.__name__,
            (formset.form,),
            {
                "request": request,
                "add_record": staticmethod(functools.partial(self.add, request)),
                "parent_field": formset.fk.name,
            },
        )
        return type(formset.__name__, (formset,), {"form": form})


_SAVED = "_landclaims_service_admin_saved"


class ServiceAdmin(ScopedAdmin):
    """Every write goes through the app's services: adds through `add_form` (a
    ServiceCreateForm), changes of `editable_fields` through `update` (the other fields are
    shown disabled; no `editable_fields`, no changes), inline rows through ServiceInline.
    Nothing is deleted here unless the model has a `delete` service (`delete(request, obj)`
    overridden, e.g. a court holiday entered by mistake), and nothing is saved by Django's
    own save_model."""

    add_form: type[ServiceCreateForm]
    form = ServiceChangeForm
    editable_fields: tuple[str, ...] | None = None

    def update(self, request: HttpRequest, obj: Any, changes: dict[str, Any]) -> Any:
        raise NotImplementedError

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.editable_fields is not None and super().has_change_permission(request, obj)

    def delete(self, request: HttpRequest, obj: Any) -> None:
        """The model's delete service, if it has one; the service checks the role."""
        raise NotImplementedError

    def _deletes(self) -> bool:
        return type(self).delete is not ServiceAdmin.delete

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._deletes() and super().has_delete_permission(request, obj)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = self.add_form
        form = super().get_form(request, obj, change=change, **kwargs)
        attrs: dict[str, Any] = {"request": request}
        if obj is not None:
            attrs["update_record"] = staticmethod(functools.partial(self.update, request))
        form = type(form.__name__, (form,), attrs)
        if obj is not None:
            # Shown (maps included) but not editable: only the update service's fields are.
            for name in list(form.base_fields):
                if name not in (self.editable_fields or ()):
                    form.base_fields[name] = copy.deepcopy(form.base_fields[name])
                    form.base_fields[name].disabled = True
        return form

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return super().get_readonly_fields(request, obj) if obj is not None else ()

    def get_inlines(self, request: HttpRequest, obj: Any) -> Any:
        return super().get_inlines(request, obj) if obj is not None else []

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: Any = None,
    ) -> HttpResponse:
        # The services write while the forms are validated; if anything on the page is then
        # refused (Django never reaches save_model), none of it is kept.
        with transaction.atomic(using=router.db_for_write(self.model)):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if request.method == "POST" and not getattr(request, _SAVED, False):
                transaction.set_rollback(True)
        return response

    def save_form(self, request: HttpRequest, form: Any, change: bool) -> Any:
        if not change:
            return form.created
        return form.saved or form.instance

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # Saved by the services already; Django calls this only when the whole page is valid.
        setattr(request, _SAVED, True)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # Rows were added by their inline's service in clean(); for the change message only.
        formset.new_objects = [f.created for f in formset.forms if getattr(f, "created", None)]
        formset.changed_objects, formset.deleted_objects = [], []

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        if not self._deletes():
            raise PermissionDenied
        self.delete(request, obj)

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        if not self._deletes():
            raise PermissionDenied
        for obj in queryset:
            self.delete(request, obj)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs.setdefault("queryset", _choices(db_field, request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs.setdefault("queryset", _choices(db_field, request))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def _choices(db_field: Any, request: HttpRequest) -> Any:
    """What a staff member may pick for a link: only their organisation, only their districts
    (when their membership names some), only records they may see (superusers: everything)."""
    model = db_field.related_model
    queryset = model._default_manager.all()
    limit = db_field.get_limit_choices_to()
    if limit:
        queryset = queryset.complex_filter(limit)
    scope = scope_for(request.user)
    if scope is None:
        return queryset.none()
    if model is Organisation:
        if scope.organisation_id is not None:
            queryset = queryset.filter(pk=scope.organisation_id)
    elif model is get_user_model() and db_field.model is not Membership:
        # A membership is how a person joins the organisation: anyone may be chosen there.
        if scope.organisation_id is not None:
            queryset = queryset.filter(membership__organisation_id=scope.organisation_id)
    elif db_field.name in ("district", "districts") and scope.district_ids is not None:
        queryset = queryset.filter(pk__in=scope.district_ids)
    elif hasattr(queryset, "visible_to"):
        queryset = queryset.visible_to(request.user)
    return queryset
