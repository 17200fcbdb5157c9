"""Web Mercator tile arithmetic (the XYZ scheme Leaflet and ST_TileEnvelope use)."""

from __future__ import annotations

import math
from dataclasses import dataclass

MAX_ZOOM = 22
# Half the width of the Web Mercator square, in metres (EPSG:3857).
HALF_WORLD_M = 20037508.342789244
# MVT geometry is written on a 4096 grid with a 64-unit margin, so shapes that cross a
# tile edge draw without seams; the bounding-box search must reach as far.
EXTENT = 4096
BUFFER = 64


class TileOutOfRange(ValueError):
    """z, x or y does not name a tile."""


@dataclass(frozen=True)
class Tile:
    z: int
    x: int
    y: int

    def __post_init__(self) -> None:
        if not 0 <= self.z <= MAX_ZOOM:
            raise TileOutOfRange(f"zoom {self.z} is outside 0 to {MAX_ZOOM}")
        last = 2**self.z - 1
        if not (0 <= self.x <= last and 0 <= self.y <= last):
            raise TileOutOfRange(f"tile {self.x}/{self.y} is outside 0 to {last} at zoom {self.z}")

    def mercator_bounds(self) -> tuple[float, float, float, float]:
        """(min_x, min_y, max_x, max_y) in EPSG:3857 metres."""
        size = 2 * HALF_WORLD_M / 2**self.z
        min_x = -HALF_WORLD_M + self.x * size
        max_y = HALF_WORLD_M - self.y * size
        return (min_x, max_y - size, min_x + size, max_y)

    def lonlat_bounds(self, *, buffered: bool = True) -> tuple[float, float, float, float]:
        """(west, south, east, north) in degrees, by default widened by the MVT margin."""
        min_x, min_y, max_x, max_y = self.mercator_bounds()
        if buffered:
            margin = (max_x - min_x) * BUFFER / EXTENT
            min_x, min_y = min_x - margin, min_y - margin
            max_x, max_y = max_x + margin, max_y + margin
        west, south = mercator_to_lonlat(min_x, min_y)
        east, north = mercator_to_lonlat(max_x, max_y)
        return (west, south, east, north)


def mercator_to_lonlat(x: float, y: float) -> tuple[float, float]:
    x = max(-HALF_WORLD_M, min(HALF_WORLD_M, x))
    y = max(-HALF_WORLD_M, min(HALF_WORLD_M, y))
    lon = x / HALF_WORLD_M * 180
    lat = math.degrees(2 * math.atan(math.exp(y / HALF_WORLD_M * math.pi)) - math.pi / 2)
    return (lon, lat)


def tile_for(lon: float, lat: float, z: int) -> Tile:
    """The tile at zoom `z` that contains the point."""
    n = 2**z
    x = int((lon + 180) / 360 * n)
    lat_r = math.radians(lat)
    y = int((1 - math.asinh(math.tan(lat_r)) / math.pi) / 2 * n)
    return Tile(z, min(max(x, 0), n - 1), min(max(y, 0), n - 1))
