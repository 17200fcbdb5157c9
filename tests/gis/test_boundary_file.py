"""One boundary from one file: GPX walks closed into rings, GeoJSON and KML shapes, files
written by GDAL itself (pyogrio), never repaired."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
from shapely.geometry import LineString, MultiLineString, Point, Polygon

from gis.boundary_file import read_boundary
from gis.vector_read import UploadRefused

CORNERS = [(89.92, 24.25), (89.921, 24.25), (89.921, 24.251), (89.92, 24.251)]
CROSSED = [(89.92, 24.25), (89.921, 24.251), (89.921, 24.25), (89.92, 24.251)]


def write(tmp_path: Path, name: str, geoms: list, **kwargs) -> Path:
    path = tmp_path / name
    frame = gpd.GeoDataFrame({"name": ["walk"] * len(geoms)}, geometry=geoms, crs=4326)
    pyogrio.write_dataframe(frame, path, **kwargs)
    return path


def test_a_gpx_track_is_closed_into_the_ring_it_walked(tmp_path: Path) -> None:
    path = write(tmp_path, "walk.gpx", [MultiLineString([CORNERS])], driver="GPX", layer="tracks")
    read = read_boundary(path, tmp_path / "work", name="walk.gpx")
    assert read.walked
    assert read.geom.geom_type == "Polygon"
    assert read.geom.equals(Polygon(CORNERS))
    assert read.source_srid == 4326


def test_a_gpx_route_is_read_when_the_file_has_no_track(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.gpx", [LineString(CORNERS)], driver="GPX", layer="routes")
    read = read_boundary(path, tmp_path / "work", name="plan.gpx")
    assert read.walked and read.geom.equals(Polygon(CORNERS))


def test_a_self_crossing_walk_stays_crossed(tmp_path: Path) -> None:
    path = write(tmp_path, "bow.gpx", [MultiLineString([CROSSED])], driver="GPX", layer="tracks")
    read = read_boundary(path, tmp_path / "work", name="bow.gpx")
    assert not read.geom.is_valid  # refused later by the parcel check, never mended here


def test_a_kml_polygon_is_read_as_drawn(tmp_path: Path) -> None:
    path = write(tmp_path, "field.kml", [Polygon(CORNERS)], driver="KML")
    read = read_boundary(path, tmp_path / "work", name="field.kml")
    assert not read.walked
    assert read.geom.equals(Polygon(CORNERS))


def test_a_geojson_polygon_is_read_as_drawn(tmp_path: Path) -> None:
    path = write(tmp_path, "field.geojson", [Polygon(CORNERS)], driver="GeoJSON")
    read = read_boundary(path, tmp_path / "work", name="field.geojson")
    assert read.geom.equals(Polygon(CORNERS))


def test_a_file_of_two_shapes_is_refused(tmp_path: Path) -> None:
    two = [Polygon(CORNERS), Polygon([(x + 0.01, y) for x, y in CORNERS])]
    path = write(tmp_path, "two.geojson", two, driver="GeoJSON")
    with pytest.raises(UploadRefused) as refused:
        read_boundary(path, tmp_path / "work", name="two.geojson")
    assert refused.value.code == "not_one_shape"


def test_a_gpx_of_waypoints_only_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "points.gpx", [Point(CORNERS[0])], driver="GPX", layer="waypoints")
    with pytest.raises(UploadRefused) as refused:
        read_boundary(path, tmp_path / "work", name="points.gpx")
    assert refused.value.code == "no_shape"


def test_a_walk_of_two_positions_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "short.gpx", [LineString(CORNERS[:2])], driver="GPX", layer="routes")
    with pytest.raises(UploadRefused) as refused:
        read_boundary(path, tmp_path / "work", name="short.gpx")
    assert refused.value.code == "walk_too_short"
