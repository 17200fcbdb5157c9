"""Small SVG maps: shapes fit the box, north is up, and nothing is drawn from nothing."""

from __future__ import annotations

import re

from shapely.geometry import MultiPolygon, Polygon, box

from gis.svgmap import svg_map


def coordinates(path: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", path)]


def test_no_mapped_parcel_gives_no_map() -> None:
    assert svg_map([(None, "unmapped")]) is None  # type: ignore[list-item]


def test_every_point_lies_inside_the_drawing() -> None:
    drawn = svg_map(
        [(box(90.40, 23.70, 90.41, 23.71), "a"), (box(90.42, 23.72, 90.43, 23.73), "b")]
    )
    assert drawn is not None
    for shape in drawn.shapes:
        for x, y in coordinates(shape.path):
            assert 0 <= x <= drawn.width
            assert 0 <= y <= drawn.height


def test_north_is_up() -> None:
    drawn = svg_map(
        [(box(90.40, 23.70, 90.41, 23.71), "south"), (box(90.40, 23.75, 90.41, 23.76), "north")]
    )
    assert drawn is not None
    south, north = (max(y for _, y in coordinates(s.path)) for s in drawn.shapes)
    assert north < south


def test_a_square_on_the_ground_stays_square() -> None:
    # 0.01 degree of longitude is shorter than 0.01 degree of latitude at 24° N.
    side_lat = 0.01
    side_lon = side_lat / 0.9135
    drawn = svg_map([(box(90.0, 24.0, 90.0 + side_lon, 24.0 + side_lat), "square")], width=200)
    assert drawn is not None
    points = coordinates(drawn.shapes[0].path)
    width = max(x for x, _ in points) - min(x for x, _ in points)
    height = max(y for _, y in points) - min(y for _, y in points)
    assert abs(width - height) / height < 0.01


def test_holes_and_multipolygon_parts_are_drawn() -> None:
    with_hole = Polygon(
        [(90.0, 24.0), (90.01, 24.0), (90.01, 24.01), (90.0, 24.01)],
        [[(90.004, 24.004), (90.006, 24.004), (90.006, 24.006), (90.004, 24.006)]],
    )
    two_parts = MultiPolygon([with_hole, box(90.02, 24.0, 90.03, 24.01)])
    drawn = svg_map([(two_parts, "x")])
    assert drawn is not None
    assert drawn.shapes[0].path.count("M") == 3
