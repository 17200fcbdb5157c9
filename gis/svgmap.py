"""Small inline SVG maps of a few parcels: no script, no tiles, a few hundred bytes each.

Used where a page needs a glimpse of the land (a claim's parcels) and a slow office link
should not pay for a web map.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry


@dataclass(frozen=True)
class SvgShape:
    path: str  # the "d" attribute
    label: str


@dataclass(frozen=True)
class SvgMap:
    width: int
    height: int
    shapes: list[SvgShape]


def svg_map(
    shapes: Sequence[tuple[BaseGeometry, str]], *, width: int = 320, margin: int = 8
) -> SvgMap | None:
    """Lon/lat polygons drawn to fit `width` pixels, north up, metres kept square."""
    drawn = [(g, label) for g, label in shapes if g is not None and not g.is_empty]
    if not drawn:
        return None
    min_x, min_y, max_x, max_y = _bounds([g for g, _ in drawn])
    # Longitude degrees shrink with latitude; scale x by cos(lat) so shapes keep their form.
    x_factor = math.cos(math.radians((min_y + max_y) / 2))
    span_x = max((max_x - min_x) * x_factor, 1e-9)
    span_y = max(max_y - min_y, 1e-9)
    scale = (width - 2 * margin) / max(span_x, span_y)
    height = int(span_y * scale) + 2 * margin

    def point(x: float, y: float) -> str:
        return f"{margin + (x - min_x) * x_factor * scale:.1f},{margin + (max_y - y) * scale:.1f}"

    svg_shapes = [SvgShape(path=_path(g, point), label=label) for g, label in drawn]
    return SvgMap(width=width, height=height, shapes=svg_shapes)


def _bounds(geoms: list[BaseGeometry]) -> tuple[float, float, float, float]:
    boxes = [g.bounds for g in geoms]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _path(geom: BaseGeometry, point: Callable[[float, float], str]) -> str:
    polygons = list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom]
    rings = []
    for polygon in polygons:
        if not isinstance(polygon, Polygon):
            continue
        for ring in [polygon.exterior, *polygon.interiors]:
            coords = [point(x, y) for x, y in ring.coords[:-1]]
            rings.append("M" + " L".join(coords) + " Z")
    return " ".join(rings)
