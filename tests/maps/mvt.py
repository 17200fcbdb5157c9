"""Read Mapbox Vector Tiles the way a GIS client would: with GDAL's MVT driver (via pyogrio).

GDAL georeferences a single tile from its path, so the bytes are written to
`<tmp>/{z}/{x}/{y}.pbf`; features come back in lon/lat with their properties and MVT id.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyogrio
from shapely.geometry.base import BaseGeometry

from gis.tiles import Tile


@dataclass(frozen=True)
class Feature:
    id: int
    props: dict[str, Any]
    geometry: BaseGeometry  # lon/lat (EPSG:4326)


def _plain(value: Any) -> Any:
    # numpy scalars (int64, bool_) to Python ones, so comparisons and sets behave.
    return value.item() if hasattr(value, "item") else value


def decode(body: bytes, tile: Tile) -> dict[str, list[Feature]]:
    """Every layer of the tile, by name. An empty body (no features at all) is {}.

    Features are read unclipped (CLIP=NO): what lies in the tile's buffer is returned too,
    so a test that something never appears also looks at the margins.
    """
    if not body:
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / str(tile.z) / str(tile.x) / f"{tile.y}.pbf"
        path.parent.mkdir(parents=True)
        path.write_bytes(body)
        layers: dict[str, list[Feature]] = {}
        for name, _geometry_type in pyogrio.list_layers(path):
            frame = pyogrio.read_dataframe(path, layer=name, CLIP="NO")
            if frame.crs is None or frame.crs.to_epsg() != 3857:
                raise AssertionError(f"GDAL did not georeference the tile: crs {frame.crs}")
            frame = frame.to_crs(4326)
            features = []
            for row, geometry in zip(
                frame.drop(columns="geometry").to_dict("records"), frame.geometry, strict=True
            ):
                props = {key: _plain(value) for key, value in row.items()}
                features.append(Feature(int(props.pop("mvt_id")), props, geometry))
            layers[str(name)] = features
    return layers
