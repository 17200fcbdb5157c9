"""What every admin page shares: scoped querysets, Bengali-aware search, local map files."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.gis import admin as gis_admin
from django.contrib.gis.forms.widgets import OSMWidget
from django.db.models import QuerySet
from django.http import HttpRequest

from landclaims.core.text import normalise_search


class LocalOSMWidget(OSMWidget):
    """Django's map widget with OpenLayers served from our static files, not a CDN."""

    default_lon = 90.4
    default_lat = 23.8
    default_zoom = 7

    class Media:
        extend = False  # drop the parent's CDN links instead of adding to them
        css = {"all": ("vendor/ol/ol.css", "gis/css/ol3.css")}
        js = ("vendor/ol/ol.js", "gis/js/OLMapWidget.js")


class ScopedAdmin(gis_admin.GISModelAdmin):
    """An admin that shows staff only what `visible_to` lets them see."""

    gis_widget = LocalOSMWidget
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
