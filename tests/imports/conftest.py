"""Helpers for import tests: files written with real GDAL, the command run as users do, and
counts of every table an import could touch."""

from __future__ import annotations

import math
import zipfile
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest
from django.core.management import CommandError, call_command
from shapely.geometry import Polygon, box

from landclaims.claims.models import Claim, ClaimEvent
from landclaims.groups.models import LandlessGroup
from landclaims.imports.models import ImportBatch
from landclaims.parcels.models import Parcel, ParcelDag
from landclaims.places.models import AdminArea
from tests.conftest import Places
from tests.geoms import TANGAIL

METRES_PER_DEGREE = 111_320.0
SECRET = "TOP-SECRET-7f3a9c"


@pytest.fixture(autouse=True)
def import_dir(settings: Any, tmp_path: Path) -> Path:
    settings.IMPORT_DIR = tmp_path / "import-dir"
    return settings.IMPORT_DIR


def square(
    centre: tuple[float, float] = TANGAIL, side_m: float = 60.0, east_m: float = 0.0
) -> Polygon:
    lon, lat = centre
    per_lon = METRES_PER_DEGREE * math.cos(math.radians(lat))
    lon += east_m / per_lon
    half_lon, half_lat = side_m / 2 / per_lon, side_m / 2 / METRES_PER_DEGREE
    return box(lon - half_lon, lat - half_lat, lon + half_lon, lat + half_lat)


def parcel_frame(
    places: Places,
    count: int = 3,
    *,
    first_dag: int = 1,
    srid: int = 4326,
    geometry: list[Any] | None = None,
    **overrides: list[Any],
) -> gpd.GeoDataFrame:
    """`count` parcels in Tangail Mouza, 100 m apart, written in `srid`."""
    columns = {
        "mouza": [places.mouza_a.name_en] * count,
        "survey": ["RS"] * count,
        "dag_no": [str(first_dag + i) for i in range(count)],
        "land_class": ["agri_khas"] * count,
        "area_value": ["33"] * count,
        "area_unit": ["decimal"] * count,
        "khatian_no": ["১"] * count,
        "notes": ["ভূমিহীন সমিতির দাবি"] * count,
        **overrides,
    }
    geoms = geometry or [square(east_m=100 * (first_dag + i)) for i in range(count)]
    return gpd.GeoDataFrame(columns, geometry=geoms, crs="EPSG:4326").to_crs(srid)


def write_gpkg(gdf: gpd.GeoDataFrame, path: Path) -> Path:
    gdf.to_file(path, driver="GPKG", engine="pyogrio")
    return path


def write_shapefile_zip(gdf: gpd.GeoDataFrame, path: Path, *, prj: bool = True) -> Path:
    folder = path.parent / f"{path.stem}-parts"
    folder.mkdir()
    gdf.to_file(folder / "parcels.shp", engine="pyogrio", encoding="UTF-8")
    if not prj:
        (folder / "parcels.prj").unlink()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for part in sorted(folder.iterdir()):
            archive.write(part, part.name)
    return path


@dataclass
class Outcome:
    output: str
    error: str

    @property
    def everything(self) -> str:
        return self.output + self.error


def run_import(path: Path | str, user: Any, kind: str = "parcels", **options: Any) -> Outcome:
    """import_layer as an operator runs it; a refusal is its message, not an exception."""
    out, err = StringIO(), StringIO()
    error = ""
    try:
        call_command(
            "import_layer", str(path), kind=kind, user=user.username, stdout=out, stderr=err,
            **options,
        )  # fmt: skip
    except CommandError as exc:
        error = str(exc)
    return Outcome(output=out.getvalue() + err.getvalue(), error=error)


def counts() -> dict[str, int]:
    """Rows of every table an import writes to."""
    models = (Parcel, ParcelDag, AdminArea, Claim, ClaimEvent, LandlessGroup, ImportBatch)
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def admin_user(org: Any) -> Any:
    from tests.factories import make_user

    return make_user(organisation=org, role="admin")


@pytest.fixture
def viewer(org: Any) -> Any:
    from tests.factories import make_user

    return make_user(organisation=org, role="viewer")


def tmp_secret(folder: Path) -> Path:
    """A private file next to the upload, whose content must never come out."""
    secret = folder / "secret.csv"
    secret.write_text(f"name,value\n{SECRET},1\n", encoding="utf-8")
    return secret


def hostname() -> str:
    path = Path("/etc/hostname")
    return path.read_text().strip() if path.exists() else "no-hostname-file"


def mouza_parcels(mouza: AdminArea) -> list[Parcel]:
    return list(Parcel.objects.filter(mouza=mouza).prefetch_related("dags").order_by("id"))
