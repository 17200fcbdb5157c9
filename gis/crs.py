"""Coordinate reference systems accepted by landclaims, and geodesic areas.

Geometry is stored in EPSG:4326. Bangladesh Transverse Mercator exists twice, EPSG:9678
(false northing -2,000,000) and EPSG:3106 (false northing 0); a file may declare either,
and only the data can tell which one it really is.
"""

from __future__ import annotations

import math
import warnings
from functools import lru_cache
from typing import cast

import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import CRS, Geod, Transformer
from pyproj.enums import WktVersion
from pyproj.exceptions import ProjError
from shapely.geometry.base import BaseGeometry

STORAGE_SRID = 4326
BTM_SRID = 9678
BTM_FN0_SRID = 3106
UTM45N_SRID = 32645
UTM46N_SRID = 32646
ACCEPTED_SRIDS: frozenset[int] = frozenset(
    {STORAGE_SRID, BTM_SRID, BTM_FN0_SRID, UTM45N_SRID, UTM46N_SRID}
)

# (min lon, min lat, max lon, max lat): a rough envelope of Bangladesh.
BANGLADESH_BOUNDS = (88.0, 20.5, 92.7, 26.7)

_BTM_VARIANTS = (BTM_SRID, BTM_FN0_SRID)
_GEOD = Geod(ellps="WGS84")


class UnsupportedCRS(ValueError):
    """A coordinate system landclaims does not accept."""

    def __init__(self, srid: int) -> None:
        accepted = ", ".join(f"EPSG:{s}" for s in sorted(ACCEPTED_SRIDS))
        super().__init__(f"EPSG:{srid} is not accepted; use one of {accepted}.")


class AmbiguousCRS(ValueError):
    """Coordinates that neither Bangladesh Transverse Mercator variant places in Bangladesh."""


def check_srid(srid: int) -> int:
    """Return `srid` when it is accepted; raise UnsupportedCRS otherwise."""
    if srid not in ACCEPTED_SRIDS:
        raise UnsupportedCRS(srid)
    return srid


def spatial_ref_sys_row(srid: int) -> dict[str, object]:
    """A row for PostGIS's spatial_ref_sys table (PostGIS 3.3 lacks EPSG:9678)."""
    crs = CRS.from_epsg(srid)
    with warnings.catch_warnings():
        # PROJ strings lose detail; PostGIS resolves the CRS by its EPSG code first.
        warnings.simplefilter("ignore", UserWarning)
        proj4 = crs.to_proj4()
    return {
        "srid": srid,
        "auth_name": "EPSG",
        "auth_srid": srid,
        "srtext": crs.to_wkt(WktVersion.WKT1_GDAL),
        "proj4text": proj4,
    }


@lru_cache(maxsize=32)
def _transformer(from_srid: int, to_srid: int) -> Transformer:
    # Building a Transformer queries PROJ's database; reuse one per pair.
    return Transformer.from_crs(from_srid, to_srid, always_xy=True)


def transform(geom: BaseGeometry, from_srid: int, to_srid: int) -> BaseGeometry:
    """`geom` reprojected from one EPSG code to another, x = longitude/easting."""
    if from_srid == to_srid:
        return geom
    transformer = _transformer(from_srid, to_srid)
    return shapely.transform(geom, lambda xy: _apply(transformer, xy))


def _apply(transformer: Transformer, xy: NDArray[np.float64]) -> NDArray[np.float64]:
    x, y = transformer.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


Bounds = tuple[float, float, float, float]  # (min x, min y, max x, max y)


@lru_cache(maxsize=32)
def area_of_use(srid: int) -> Bounds:
    """(west, south, east, north) in degrees: where EPSG says the CRS may be used."""
    area = CRS.from_epsg(srid).area_of_use
    if area is None:  # every CRS landclaims accepts has one; be safe for others
        return (-180.0, -90.0, 180.0, 90.0)
    return area.bounds


def bounds_to_lonlat(bounds: Bounds, srid: int) -> Bounds:
    """A box given in `srid` as the lon/lat box that encloses it (edges densified, so a
    projected box's curved sides are inside). A point PROJ cannot transform comes back as
    inf or nan, never as an exception, so the caller checks the result is finite."""
    if srid == STORAGE_SRID:
        return bounds
    try:
        return _transformer(srid, STORAGE_SRID).transform_bounds(*bounds)
    except ProjError:
        return (math.nan, math.nan, math.nan, math.nan)


def in_bangladesh(geom: BaseGeometry) -> bool:
    """True when a lon/lat geometry's bounds lie inside Bangladesh's envelope."""
    min_x, min_y, max_x, max_y = geom.bounds
    b = BANGLADESH_BOUNDS
    # NaN bounds (empty or non-finite geometry) compare False, so they are never inside.
    return bool(b[0] <= min_x and max_x <= b[2] and b[1] <= min_y and max_y <= b[3])


def resolve_btm_variant(geom: BaseGeometry, declared_srid: int) -> int:
    """Which BTM variant puts `geom` inside Bangladesh; the declared one is tried first."""
    return resolve_btm_variant_many(np.array([geom], dtype=object), declared_srid)


def resolve_btm_variant_many(geoms: NDArray[np.object_], declared_srid: int) -> int:
    """Which BTM variant puts a layer inside Bangladesh: the declared one when it places
    most shapes' centres inside, else the other; AmbiguousCRS when neither does."""
    if declared_srid not in _BTM_VARIANTS:
        return declared_srid
    centres = _centres(geoms)
    if len(centres) == 0:
        return declared_srid
    other = BTM_FN0_SRID if declared_srid == BTM_SRID else BTM_SRID
    shares = {srid: _share_inside(centres, srid) for srid in (declared_srid, other)}
    best = max((declared_srid, other), key=lambda s: shares[s])  # the declared one wins a tie
    if shares[best] < 0.5:
        raise AmbiguousCRS(
            f"Declared EPSG:{declared_srid}, but neither EPSG:{BTM_SRID} nor "
            f"EPSG:{BTM_FN0_SRID} puts most of these shapes inside Bangladesh; check the "
            "file's coordinate system."
        )
    return best


def _centres(geoms: NDArray[np.object_]) -> NDArray[np.float64]:
    bounds = shapely.bounds(geoms)
    centres = np.column_stack(
        [(bounds[:, 0] + bounds[:, 2]) / 2, (bounds[:, 1] + bounds[:, 3]) / 2]
    )
    return cast(NDArray[np.float64], centres[np.isfinite(centres).all(axis=1)])


def _share_inside(xy: NDArray[np.float64], srid: int) -> float:
    lon, lat = _transformer(srid, STORAGE_SRID).transform(xy[:, 0], xy[:, 1])
    b = BANGLADESH_BOUNDS
    with np.errstate(invalid="ignore"):
        inside = (b[0] <= lon) & (lon <= b[2]) & (b[1] <= lat) & (lat <= b[3])
    return float(np.mean(inside))


def geodesic_area_m2(geom: BaseGeometry) -> float:
    """Area on the WGS84 ellipsoid of a lon/lat geometry, in m²."""
    # pyproj sums signed ring areas: shells must run counter-clockwise and holes clockwise,
    # or holes are added and oppositely wound parts of a MultiPolygon cancel out.
    oriented = shapely.orient_polygons(geom)
    area, _perimeter = _GEOD.geometry_area_perimeter(oriented)
    return abs(float(area))
