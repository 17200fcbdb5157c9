"""Web maps built with folium: vector-tile layers drawn by Leaflet.VectorGrid.

Everything the page loads comes from the project's own static files (`static_url`), never
from folium's default CDNs. The map's behaviour (styles, popups, search) lives in
`landmap.js`; this module only assembles the layers and hands it a JSON configuration.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import folium
from branca.element import MacroElement
from folium.plugins import VectorGridProtobuf
from folium.template import Template

Bounds = tuple[float, float, float, float]  # west, south, east, north

# Bangladesh, for a map with nothing to fit yet.
COUNTRY_BOUNDS: Bounds = (88.0, 20.6, 92.7, 26.6)


@dataclass(frozen=True)
class Basemap:
    url: str  # '' for no basemap: the layers still draw on a plain background
    attribution: str = ""
    max_zoom: int = 19


@dataclass(frozen=True)
class VectorLayer:
    key: str  # how landmap.js knows the layer: "parcels", "orders", "boundaries"
    name: str  # shown in the layer switcher
    url: str  # tile URL with {z}/{x}/{y}
    show: bool = True


@dataclass(frozen=True)
class MapParts:
    """A rendered map split for embedding in a page: head (styles and scripts to load),
    body (the map's element) and script (the code that builds it)."""

    head: str
    body: str
    script: str

    def with_nonce(self, nonce: str) -> MapParts:
        """The same parts with `nonce` on every <script> and <style> element of the head, for
        a Content-Security-Policy that runs inline code only when it carries the response's
        nonce. `script` is bare code: the page wraps it in its own nonced element."""
        return MapParts(head=add_nonce(self.head, nonce), body=self.body, script=self.script)


# The opening tag of a <script> or <style> element in folium's (trusted, generated) output.
_INLINE_ELEMENT = re.compile(r"<(script|style)(?=[\s>])", re.IGNORECASE)
_NONCE = re.compile(r"[A-Za-z0-9+/_=-]+")


def add_nonce(html: str, nonce: str) -> str:
    """`html` with a nonce attribute on every <script> and <style> opening tag."""
    if not _NONCE.fullmatch(nonce):
        raise ValueError("a CSP nonce is base64 characters only")
    return _INLINE_ELEMENT.sub(lambda m: f'<{m.group(1)} nonce="{nonce}"', html)


@dataclass(frozen=True)
class MapConfig:
    """What landmap.js needs: colours, popup URLs, labels."""

    values: dict[str, Any] = field(default_factory=dict)


def _local_assets(static_url: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    js = [
        ("leaflet", f"{static_url}vendor/leaflet/leaflet.js"),
        ("vectorgrid", f"{static_url}vendor/vectorgrid/Leaflet.VectorGrid.bundled.min.js"),
        ("landmap", f"{static_url}js/landmap.js"),
    ]
    css = [
        ("leaflet_css", f"{static_url}vendor/leaflet/leaflet.css"),
        ("landmap_css", f"{static_url}css/map.css"),
    ]
    return js, css


class _Setup(MacroElement):
    """Hands landmap.js its configuration before any layer asks for a style."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        LandMap.configure({{ this.config }});
        {% endmacro %}"""
    )

    def __init__(self, config: MapConfig) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        # json.dumps escapes nothing for HTML; "<" is written as \\u003c so that no value
        # can close the script element it sits in.
        self.config = json.dumps(config.values).replace("<", "\\u003c")


class _Attach(MacroElement):
    """Lets landmap.js wire popups and search to the map and its layers."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        LandMap.attach({{ this._parent.get_name() }}, {
        {%- for key, layer in this.layers %}
            {{ key|tojson }}: {{ layer.get_name() }},
        {%- endfor %}
        }, {{ this.bounds|tojson }});
        {% endmacro %}"""
    )

    def __init__(self, layers: list[tuple[str, Any]], bounds: list[list[float]]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.layers = layers
        self.bounds = bounds


def land_map(
    *,
    layers: Sequence[VectorLayer],
    basemap: Basemap,
    static_url: str,
    config: MapConfig,
    bounds: Bounds | None = None,
    height: str = "70vh",
) -> folium.Map:
    """A map of vector-tile layers fitted to `bounds` (the country when None)."""
    west, south, east, north = bounds or COUNTRY_BOUNDS
    fmap = folium.Map(tiles=None, height=height, control_scale=True, prefer_canvas=False)
    fmap.default_js, fmap.default_css = _local_assets(static_url)
    if basemap.url:
        folium.TileLayer(
            basemap.url, attr=basemap.attribution, max_zoom=basemap.max_zoom, name="basemap"
        ).add_to(fmap)
    _Setup(config).add_to(fmap)
    drawn = []
    for layer in layers:
        grid = VectorGridProtobuf(
            layer.url, name=layer.name, options=_grid_options(layer.key), show=layer.show
        )
        grid.default_js = []  # loaded once, from static files, by the map itself
        grid.add_to(fmap)
        drawn.append((layer.key, grid))
    folium.LayerControl(collapsed=False).add_to(fmap)
    _Attach(drawn, [[south, west], [north, east]]).add_to(fmap)
    return fmap


def _grid_options(key: str) -> str:
    # A string, not a dict: folium passes strings through as JavaScript, which lets the
    # styles be functions defined in landmap.js.
    return (
        "{"
        f'"vectorTileLayerStyles": LandMap.styles({json.dumps(key)}), '
        '"interactive": true, '
        f'"getFeatureId": LandMap.featureId({json.dumps(key)}), '
        '"maxNativeZoom": 18'
        "}"
    )


# folium's page head sets its own viewport, with pinch-zoom turned off (user-scalable=no):
# an embedded map keeps the page's viewport, which lets people zoom (WCAG 1.4.4).
_VIEWPORT = re.compile(r"<meta\s+name=[\"']viewport[\"'][^>]*>", re.IGNORECASE)


def map_parts(fmap: folium.Map) -> MapParts:
    """Render the map and split it for a page template."""
    root: Any = fmap.get_root()  # a branca Figure
    root.render()
    return MapParts(
        head=_VIEWPORT.sub("", root.header.render()),
        body=root.html.render(),
        script=root.script.render(),
    )
