"""OGC API - Features at /ogc (no trailing slashes, as OGC clients write the paths)."""

from django.urls import path, re_path

from landclaims.ogc import views

app_name = "ogc"
urlpatterns = [
    re_path(r"^ogc/?$", views.landing, name="landing"),
    path("ogc/conformance", views.conformance, name="conformance"),
    path("ogc/api", views.api_definition, name="openapi"),
    path("ogc/collections", views.collections, name="collections"),
    path("ogc/collections/<str:collection_id>", views.collection, name="collection"),
    path("ogc/collections/<str:collection_id>/items", views.items, name="items"),
    path("ogc/collections/<str:collection_id>/items/<str:fid>", views.item, name="item"),
]
