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
    # Whether its features take clicks; a layer drawn over others (court orders, boundaries)
    # must not, or it would take the click meant for the parcel beneath.
    interactive: bool = True


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
    """Lets landmap.js wire popups and search to the map and its layers, and add the layers
    shown at opening once the map is fitted to its area (see `land_map`)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        LandMap.attach({{ this._parent.get_name() }}, {
        {%- for key, layer in this.layers %}
            {{ key|tojson }}: {{ layer.get_name() }},
        {%- endfor %}
        }, {{ this.bounds|tojson }}, [
        {%- for layer in this.shown %}
            {{ layer.get_name() }},
        {%- endfor %}
        ]);
        {% endmacro %}"""
    )

    def __init__(
        self, layers: list[tuple[str, Any]], bounds: list[list[float]], shown: list[Any]
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.layers = layers
        self.bounds = bounds
        self.shown = shown


def land_map(
    *,
    layers: Sequence[VectorLayer],
    basemap: Basemap,
    static_url: str,
    config: MapConfig,
    bounds: Bounds | None = None,
    height: str = "70vh",
) -> folium.Map:
    """A map of vector-tile layers fitted to `bounds` (the country when None).

    folium opens every map on the whole world (zoom 1) and adds its layers there, each asking
    for the world's tiles before LandMap.attach() fits the map to its area: some 30 requests
    per page that nobody sees (each a tile query on the server, and a phone's data). So no
    layer is added by folium (show=False); attach() adds those shown at opening once fitted."""
    west, south, east, north = bounds or COUNTRY_BOUNDS
    fmap = folium.Map(tiles=None, height=height, control_scale=True, prefer_canvas=False)
    fmap.default_js, fmap.default_css = _local_assets(static_url)
    shown: list[Any] = []  # the basemap and vector layers to add once fitted
    if basemap.url:
        tiles = folium.TileLayer(
            basemap.url,
            attr=basemap.attribution,
            max_zoom=basemap.max_zoom,
            name="basemap",
            show=False,
        )
        tiles.add_to(fmap)
        shown.append(tiles)
    _Setup(config).add_to(fmap)
    drawn = []
    for layer in layers:
        grid = VectorGridProtobuf(
            layer.url,
            name=layer.name,
            options=_grid_options(layer.key, interactive=layer.interactive),
            show=False,
        )
        grid.default_js = []  # loaded once, from static files, by the map itself
        grid.add_to(fmap)
        drawn.append((layer.key, grid))
        if layer.show:
            shown.append(grid)
    folium.LayerControl(collapsed=False).add_to(fmap)
    _Attach(drawn, [[south, west], [north, east]], shown).add_to(fmap)
    return fmap


def _grid_options(key: str, *, interactive: bool = True) -> str:
    # A string, not a dict: folium passes strings through as JavaScript, which lets the
    # styles be functions defined in landmap.js.
    return (
        "{"
        f'"vectorTileLayerStyles": LandMap.styles({json.dumps(key)}), '
        f'"interactive": {json.dumps(interactive)}, '
        f'"getFeatureId": LandMap.featureId({json.dumps(key)}), '
        '"maxNativeZoom": 18'
        "}"
    )


# folium's page head carries its own <meta name="viewport" ... maximum-scale=1.0,
# user-scalable=no>: inside our pages it is a second viewport tag that forbids pinch-zoom
# (axe's meta-viewport rule). The page's own tag in base.html is the one that counts.
_VIEWPORT_META = re.compile(r"<meta\s+name=[\"']viewport[\"'][^>]*>\s*", re.IGNORECASE)


def map_parts(fmap: folium.Map) -> MapParts:
    """Render the map and split it for a page template."""
    root: Any = fmap.get_root()  # a branca Figure
    root.render()
    return MapParts(
        head=_VIEWPORT_META.sub("", root.header.render()),
        body=root.html.render(),
        script=root.script.render(),
    )
