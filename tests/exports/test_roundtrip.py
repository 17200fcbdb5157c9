"""Every format in every CRS it allows: the file read back (geopandas and GDAL's ogrinfo)
has the rows, CRS, fields, geometry (within 1 cm of PostGIS's own transformation) and
Bengali text that were exported."""

from __future__ import annotations

import zipfile
from typing import Any

import pytest
import shapely
from django.db import connection
from pyproj import Transformer

from gis.crs import ACCEPTED_SRIDS
from gis.vector_write import KML_ID_FIELD
from landclaims.exports.models import Layer, Profile
from landclaims.exports.selectors import export_columns
from landclaims.exports.services import export_layer
from landclaims.parcels.models import Parcel
from tests.conftest import make_org, make_other_org, make_places
from tests.exports.conftest import build_data
from tests.exports.helpers import (
    SPREADSHEETS,
    ogrinfo,
    ogrinfo_count,
    ogrinfo_epsg,
    ogrinfo_fields,
    read_back,
    values_by_id,
)
from tests.factories import make_user
from tests.flush import empty_written_tables
from tests.maps.conftest import build_world

PROJECTABLE = ("gpkg", "shp", "csv", "xlsx")
CASES = [(f, srid) for f in PROJECTABLE for srid in sorted(ACCEPTED_SRIDS)]
CASES += [("geojson", 4326), ("kml", 4326)]
ONE_CM_IN_DEGREES = 0.01 / 111_320


def postgis_shapes(user: Any, srid: int) -> dict[int, Any]:
    """What PostGIS makes of each visible parcel in `srid`: the truth the file must hold."""
    ids = list(Parcel.objects.visible_to(user).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, ST_AsBinary(ST_Transform(geom, %s)) FROM parcels_parcel WHERE id = ANY(%s)",
            [srid, ids],
        )
        return {pk: shapely.from_wkb(bytes(wkb)) if wkb else None for pk, wkb in cursor.fetchall()}


def field_names(frame: Any, path: Any, file_format: str) -> set[str]:
    """The exported field names as a reader sees them; a Shapefile's through its field map."""
    columns = set(frame.columns) - {"geometry"}
    if file_format != "shp":
        return columns
    with zipfile.ZipFile(path) as archive:
        lines = archive.read("fields.csv").decode("utf-8").splitlines()[1:]
    full = dict(line.split(",")[:2] for line in lines)
    return {full.get(name, name) for name in columns}


@pytest.fixture(scope="module")
def shared(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """The records every round trip exports, built once for the module (committed and
    emptied at its end): exporting only reads them, each test in a transaction of its own
    for what it logs."""
    with django_db_blocker.unblock():
        try:
            org, other_org = make_org(), make_other_org()
            world = build_world(org, other_org, make_places())
            yield build_data(world, org, other_org), make_user(organisation=org)
        finally:
            empty_written_tables(connection)


@pytest.fixture
def data(shared: Any, db: Any) -> Any:
    return shared[0]


@pytest.fixture
def organiser(shared: Any, db: Any) -> Any:
    return shared[1]


@pytest.mark.parametrize(("file_format", "srid"), CASES)
def test_parcels_read_back_with_the_same_rows_crs_fields_geometry_and_bengali(
    data, organiser, file_format, srid
) -> None:
    result = export_layer(
        user=organiser, layer="parcels", file_format=file_format, srid=srid, profile="staff"
    )
    truth = postgis_shapes(organiser, srid)
    frame = read_back(result.path, file_format)

    assert result.rows == len(frame) == len(truth)
    assert {int(i) for i in frame["id"]} == set(truth)
    if file_format in SPREADSHEETS:
        assert set(frame["crs"]) == {f"EPSG:{srid}"}
    else:
        assert frame.crs.to_epsg() == srid
    columns = export_columns(user=organiser, layer=Layer.PARCELS, profile=Profile.STAFF)
    expected = {c.field.name for c in columns}
    assert expected <= field_names(frame, result.path, file_format)

    tolerance = ONE_CM_IN_DEGREES if srid == 4326 else 0.01
    for pk, geom in zip(frame["id"], frame.geometry, strict=True):
        want = truth[int(pk)]
        if want is None:
            assert geom is None or geom.is_empty
        else:
            assert shapely.hausdorff_distance(geom, want) <= tolerance, (pk, geom, want)

    bengali = values_by_id(frame, "mouza_bn")
    assert bengali[data.world.p_identified.pk] == "চরপাড়া"
    assert bengali[data.world.p_a2.pk] == "বিলকুড়ালিয়া"
    names = values_by_id(frame, "grp_names" if file_format == "shp" else "group_names")
    assert names[data.world.p_filed.pk] == "নারী সমিতি দুই"

    info = ogrinfo(result.path, "-so")
    assert ogrinfo_count(info) == result.rows
    if file_format not in SPREADSHEETS:
        assert ogrinfo_epsg(info) == srid
    key = KML_ID_FIELD if file_format == "kml" else "id"
    assert {key, "mouza_bn", "stage", "possession"} <= set(ogrinfo_fields(info))


@pytest.mark.parametrize("srid", sorted(ACCEPTED_SRIDS - {4326}))
def test_projected_coordinates_land_where_the_file_says_they_are(data, organiser, srid) -> None:
    """Read back and taken to longitude/latitude by PROJ from the file's own CRS, a parcel
    lies where it was (metres off at most, for datum shifts): the CRS label is the right one,
    even between the two Bangladesh Transverse Mercator variants (2,000 km apart)."""
    result = export_layer(user=organiser, layer="parcels", file_format="gpkg", srid=srid)
    frame = read_back(result.path, "gpkg")
    back = Transformer.from_crs(frame.crs, 4326, always_xy=True)
    row = frame[frame["id"] == data.world.p_identified.pk].iloc[0]
    x, y = back.transform(row.geometry.centroid.x, row.geometry.centroid.y)
    original = data.world.p_identified.geom.centroid
    assert abs(x - original.x) < 0.001 and abs(y - original.y) < 0.001


@pytest.mark.parametrize("layer", [layer for layer in Layer if layer != Layer.PARCELS])
@pytest.mark.parametrize("file_format", ["gpkg", "shp", "geojson", "kml", "csv", "xlsx"])
def test_every_other_layer_reads_back_in_every_format(data, organiser, layer, file_format) -> None:
    result = export_layer(user=organiser, layer=layer, file_format=file_format, profile="staff")
    frame = read_back(result.path, file_format, layer=layer)
    assert len(frame) == result.rows > 0
    assert ogrinfo_count(ogrinfo(result.path, "-so")) == result.rows
    if file_format not in SPREADSHEETS:
        assert frame.crs.to_epsg() == 4326
