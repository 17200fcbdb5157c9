"""One parcel boundary from one file: a phone's GPS walk (a GPX track or route, a KML line)
or a drawn shape (GeoJSON, KML polygon).

A walk is a line around the field; it becomes a polygon by joining its last position to its
first, nothing more. A walk that crosses itself stays crossed: the parcel check refuses it
with the reason, and the person walks or draws it again. Nothing is ever repaired here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyogrio
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from gis import vector_read
from gis.vector_read import Format, Limits, UploadRefused

# A walk around a field is a few hundred positions; a boundary file is one shape.
LIMITS = Limits(max_bytes=5 * vector_read.MiB, max_entries=5, max_features=1_000)
ACCEPTED = (Format.GPX, Format.GEOJSON, Format.KML)
# A GPX file's layers, in the order a boundary is looked for: a recorded track, then a
# planned route.
_GPX_LAYERS = ("tracks", "routes")
_LINES = (shapely.GeometryType.LINESTRING.value, shapely.GeometryType.MULTILINESTRING.value)


@dataclass(frozen=True)
class BoundaryFile:
    geom: BaseGeometry  # a Polygon or MultiPolygon in longitude/latitude (EPSG:4326)
    source_srid: int
    walked: bool  # made from a line (a track or route) closed into a ring
    notes: tuple[str, ...] = ()


def read_boundary(source: Path, workdir: Path, *, name: str) -> BoundaryFile:
    """The one boundary in `source`; UploadRefused with a stable code otherwise."""
    prepared = vector_read.prepare_upload(source, workdir, name=name, limits=LIMITS)
    if prepared.format not in ACCEPTED:
        raise UploadRefused(
            "boundary_format",
            f"{name} is a {prepared.format.value} file; give a GPX, GeoJSON or KML file.",
        )
    layer = _layer_with_shapes(prepared)
    read = vector_read.read_layer(prepared, layer=layer, limits=LIMITS)
    for problems in read.read_problems.values():
        raise UploadRefused(problems[0].code, problems[0].message)
    shapes = [g for g in read.geoms if g is not None and not g.is_empty]
    if len(shapes) != 1:
        raise UploadRefused(
            "not_one_shape",
            f"The file holds {len(shapes)} shapes; give a file with the one boundary.",
            {"count": str(len(shapes))},
        )
    shape = shapes[0]
    walked = shapely.get_type_id(shape) in _LINES
    if walked:
        shape = closed_walk(shape)
    assert read.source_srid is not None  # a file with a shape always has one
    return BoundaryFile(shape, read.source_srid, walked, read.notes)


def closed_walk(line: BaseGeometry) -> Polygon:
    """The ring a walk encloses: its positions in order (the parts of a track, one after
    the other), the first repeated at the end when the walk did not return to it."""
    xy = shapely.get_coordinates(line)
    if len(xy) and not np.array_equal(xy[0], xy[-1]):
        xy = np.vstack([xy, xy[:1]])
    if len(np.unique(xy, axis=0)) < 3:
        raise UploadRefused("walk_too_short", "The walk has fewer than three distinct positions.")
    return Polygon(xy)


def _layer_with_shapes(prepared: vector_read.PreparedUpload) -> str | None:
    """The layer to read: for GPX its tracks or else its routes; for KML the one folder
    holding anything; GeoJSON has one layer."""
    if prepared.format is Format.GEOJSON:
        return None
    path = str(prepared.path)
    names = vector_read.list_layer_names(prepared)
    if prepared.format is Format.GPX:
        names = [n for n in _GPX_LAYERS if n in names]
    filled = [
        n
        for n in names
        if int(pyogrio.read_info(path, layer=n, force_feature_count=True)["features"]) > 0
    ]
    if not filled:
        raise UploadRefused("no_shape", "The file holds no track, route or shape.", {"count": "0"})
    if len(filled) > 1 and prepared.format is not Format.GPX:
        raise UploadRefused(
            "several_layers",
            f"The file has {len(filled)} folders with shapes; give a file with the one boundary.",
        )
    return filled[0]
