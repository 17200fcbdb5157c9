"""The claims-by-upazila choropleth: a folium GeoJson layer on the project's web map.

The map itself comes from gis/webmap.py (`land_map`, local assets only, no CDN) and is
rendered by its `map_parts`, like every other map on the site; this module adds only the
shaded upazilas. Tooltip values are escaped here because folium inserts them as HTML.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from typing import Any

import folium
from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gis.webmap import Basemap, MapConfig, MapParts, land_map, map_parts
from landclaims.core.templatetags.lc_format import num
from landclaims.dashboard.selectors import UpazilaClaims

# Sequential greens (ColorBrewer YlGn), light = few claims.
SHADES = ("#f7fcb9", "#d9f0a3", "#addd8e", "#78c679", "#31a354", "#006837")


def shade_breaks(counts: Sequence[int]) -> list[int]:
    """Upper bounds of the classes: equal steps up to the largest count."""
    top = max(counts, default=0)
    if top == 0:
        return []
    step = max(1, -(-top // len(SHADES)))
    return [min(top, step * (i + 1)) for i in range(len(SHADES)) if step * i < top]


def shade_of(count: int, breaks: Sequence[int]) -> str:
    for i, bound in enumerate(breaks):
        if count <= bound:
            return SHADES[i]
    return SHADES[-1]


def _name(upazila: UpazilaClaims) -> str:
    bengali = (get_language() or "").startswith("bn")
    return (upazila.name_bn if bengali else upazila.name_en) or upazila.name_en


def _features(upazilas: Sequence[UpazilaClaims], breaks: Sequence[int]) -> dict[str, Any]:
    features = [
        {
            "type": "Feature",
            "id": str(u.area_id),
            "geometry": json.loads(u.geojson),
            "properties": {
                "name": escape(_name(u)),
                "claims": escape(num(u.claims)),
                "fill": shade_of(u.claims, breaks),
            },
        }
        for u in upazilas
        if u.geojson
    ]
    return {"type": "FeatureCollection", "features": features}


def _bounds(collection: dict[str, Any]) -> tuple[float, float, float, float] | None:
    xs: list[float] = []
    ys: list[float] = []

    def walk(coords: Any) -> None:
        if coords and isinstance(coords[0], int | float):
            xs.append(coords[0])
            ys.append(coords[1])
        else:
            for part in coords:
                walk(part)

    for feature in collection["features"]:
        walk(feature["geometry"]["coordinates"])
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def claims_map(*, upazilas: Sequence[UpazilaClaims], height: str = "28rem") -> MapParts:
    """The choropleth, fitted to the shaded upazilas (the country when there are none)."""
    breaks = shade_breaks([u.claims for u in upazilas])
    collection = _features(upazilas, breaks)
    fmap = land_map(
        layers=[],
        basemap=Basemap(settings.MAP_BASEMAP_URL, settings.MAP_BASEMAP_ATTRIBUTION),
        static_url=static(""),
        config=MapConfig({"loading": _("Loading…")}),
        bounds=_bounds(collection),
        height=height,
    )
    if collection["features"]:  # folium refuses a tooltip over no features
        _shaded_layer(collection).add_to(fmap)
        _controls_last(fmap)
    return map_parts(fmap)


def _shaded_layer(collection: dict[str, Any]) -> folium.GeoJson:
    return folium.GeoJson(
        collection,
        name=_("Claims by upazila"),
        style_function=lambda feature: {
            "fillColor": feature["properties"]["fill"],
            "fillOpacity": 0.8,
            "color": "#555555",
            "weight": 1,
        },
        tooltip=folium.GeoJsonTooltip(
            fields=["name", "claims"], aliases=[_("Upazila"), _("Claims")], labels=True
        ),
    )


def _controls_last(fmap: folium.Map) -> None:
    """Move land_map's layer switcher and LandMap.attach() after the layer added here: the
    switcher's script names every layer, so each must be defined before it runs."""
    for name, child in list(fmap._children.items()):
        if isinstance(child, folium.LayerControl) or type(child).__name__ == "_Attach":
            fmap._children.move_to_end(name)


def legend(upazilas: Sequence[UpazilaClaims]) -> list[tuple[str, str]]:
    """(colour, range of claim counts) for each class, for the legend under the map."""
    breaks = shade_breaks([u.claims for u in upazilas])
    if not breaks:
        return []
    lows = [1, *(bound + 1 for bound in breaks[:-1])]
    return [
        (SHADES[i], f"{num(low)}\u2013{num(high)}" if low != high else num(high))
        for i, (low, high) in enumerate(zip(lows, breaks, strict=True))
    ]
