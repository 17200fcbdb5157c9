"""One web map for any page: the map page, a group's, a claim's, a case's, an area's."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _

from gis.webmap import Basemap, MapConfig, MapParts, VectorLayer, land_map, map_parts
from landclaims.claims.stages import Phase, Possession
from landclaims.core.permissions import CLAIM_WRITERS, may_write
from landclaims.maps.colours import GROUP_PALETTE, NO_GROUP_COLOUR
from landclaims.maps.selectors import MapFilters, map_bounds

# Fill by phase (ColorBrewer-like, told apart in print and by most colour-blind readers).
PHASE_COLOURS = {
    Phase.NO_CLAIM: "#bdbdbd",
    Phase.PREPARING: "#fde0a1",
    Phase.FILED: "#fdae61",
    Phase.COMMITTEE: "#abd9e9",
    Phase.TITLE: "#4575b4",
    Phase.SETTLED: "#1a9850",
    Phase.PAUSED: "#9e65b8",
    Phase.LOST: "#d73027",
}
# Outline by possession.
POSSESSION_COLOURS = {
    "": "#757575",
    Possession.NOT_ENTERED: "#757575",
    Possession.GROUP_IN_POSSESSION: "#00441b",
    Possession.CONTESTED: "#ff8c00",
    Possession.GRABBED: "#b30000",
    Possession.EVICTED: "#000000",
}


def legend() -> dict[str, list[tuple[str, str]]]:
    return {
        "phases": [(PHASE_COLOURS[phase], str(phase.label)) for phase in Phase],
        "possessions": [(POSSESSION_COLOURS[value], str(value.label)) for value in Possession],
    }


def web_map(*, user: Any, filters: MapFilters, height: str = "70vh") -> MapParts:
    """The parcels, orders and boundaries layers under `filters`, fitted to what they show."""
    query = filters.query().urlencode()
    suffix = f"?{query}" if query else ""

    def tiles(layer: str) -> str:
        template = reverse("maps:tile", args=[layer, 0, 0, 0]).replace("/0/0/0.", "/{z}/{x}/{y}.")
        return template + suffix

    layers = [
        VectorLayer("boundaries", _("Admin boundaries"), tiles("boundaries"), interactive=False),
        VectorLayer("parcels", _("Parcels by stage"), tiles("parcels")),
        VectorLayer(
            "orders",
            _("Under a stay or status quo order"),
            tiles("orders"),
            interactive=False,
        ),
        VectorLayer("incidents", _("Incidents"), tiles("incidents")),
    ]
    config = MapConfig(
        {
            "phaseColours": {str(k): v for k, v in PHASE_COLOURS.items()},
            "groupPalette": list(GROUP_PALETTE),
            "noGroupColour": NO_GROUP_COLOUR,
            "tiles": {layer.key: layer.url.split("?")[0] for layer in layers},
            "possessionColours": {str(k): v for k, v in POSSESSION_COLOURS.items()},
            "popup": {
                "parcels": reverse("maps:parcel_popup", args=[0]),
                "areas": reverse("maps:area_popup", args=[0]) + suffix,
                "incidents": reverse("maps:incident_popup", args=[0]),
            },
            "loading": _("Loading…"),
            **_new_incident(user),
        }
    )
    basemap = Basemap(settings.MAP_BASEMAP_URL, settings.MAP_BASEMAP_ATTRIBUTION)
    fmap = land_map(
        layers=layers,
        basemap=basemap,
        static_url=static(""),
        config=config,
        bounds=map_bounds(user=user, filters=filters),
        height=height,
    )
    return map_parts(fmap)


def _new_incident(user: Any) -> dict[str, Any]:
    """For the roles that record incidents: a click on the map offers to record one there."""
    if not may_write(user, CLAIM_WRITERS):
        return {}
    return {"newIncident": {"url": reverse("incidents:new"), "label": _("Record an incident here")}}


def map_context(*, user: Any, filters: MapFilters, height: str = "50vh") -> dict[str, Any]:
    """What a page needs to include "maps/_map.html": the map and its legend."""
    return {"map": web_map(user=user, filters=filters, height=height), "legend": legend()}
