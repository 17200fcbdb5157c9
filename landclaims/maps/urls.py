from django.urls import path, register_converter

from landclaims.maps import views


class LayerConverter:
    regex = "parcels|orders|boundaries|incidents"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LayerConverter, "layer")

app_name = "maps"
urlpatterns = [
    path("map/", views.map_view, name="map"),
    path("map/claims.json", views.in_view_view, name="in_view"),
    path("map/parcels/<int:pk>/popup/", views.parcel_popup_view, name="parcel_popup"),
    path("map/areas/<int:pk>/popup/", views.area_popup_view, name="area_popup"),
    path("map/incidents/<int:pk>/popup/", views.incident_popup_view, name="incident_popup"),
    path("tiles/<layer:layer>/<int:z>/<int:x>/<int:y>.pbf", views.tile_view, name="tile"),
]
