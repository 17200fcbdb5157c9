"""Files in the schema of HDX's COD-AB release of Bangladesh's boundaries from 2025
(cod-ab-bgd version 03: bgd_admbnda_adm1..adm3), with invented geometries.

The columns are the release's: lower case, names in `adm{n}_name`, every higher level's name
and p-code repeated on each row, and the release's bookkeeping columns. Its p-codes keep
divisions and districts as we hold them (BD30, BD3093) and pad the upazila to four digits
(BD30930047 for our BD309347), as places.pcodes says (and where its evidence comes from).
The places are those of fixtures/places; each boundary is a small square around the
fixture's centroid (a division's: around its districts'), which is all a test needs.

    python -m tests.imports.hdx OUTDIR   writes adm1, adm2 and adm3 GeoPackages covering
                                         every area of fixtures/places (for measuring).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

import geopandas as gpd
from shapely.geometry import box

PLACES = Path(__file__).resolve().parents[2] / "fixtures" / "places"
BOOKKEEPING = {
    "valid_on": "2025-05-01",
    "valid_to": None,
    "version": "03",
    "lang": "en",
    "area_sqkm": 0.0,
}


def places(name: str) -> list[dict[str, str]]:
    with (PLACES / f"{name}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def new_upazila_pcode(old: str) -> str:
    """BD309347 (district BD3093, upazila 47) as the 2025 release writes it: BD30930047."""
    return f"{old[:6]}{int(old[6:]):04d}"


def square(lon: float, lat: float, half: float) -> Any:
    return box(lon - half, lat - half, lon + half, lat + half)


def layers(
    upazilas: list[dict[str, str]] | None = None,
) -> dict[int, gpd.GeoDataFrame]:
    """adm1, adm2 and adm3 frames for the fixture's divisions, districts and `upazilas`
    (all of them by default), in the 2025 schema."""
    divisions = {d["bbs_code"]: d for d in places("divisions")}
    districts = {d["bbs_code"]: d for d in places("districts")}
    upazilas = places("upazilas") if upazilas is None else upazilas
    adm0 = {"adm0_name": "Bangladesh", "adm0_pcode": "BD"}

    def adm1(division: dict[str, str]) -> dict[str, Any]:
        return {"adm1_name": division["name_en"], "adm1_pcode": division["hdx_pcode"]}

    def adm2(district: dict[str, str]) -> dict[str, Any]:
        division = divisions[district["division_bbs_code"]]
        return {
            "adm2_name": district["name_en"],
            "adm2_pcode": district["hdx_pcode"],
            **adm1(division),
        }

    rows3 = [
        {
            "adm3_name": u["name_en"],
            "adm3_pcode": new_upazila_pcode(u["hdx_pcode"]),
            **adm2(districts[u["district_bbs_code"]]),
            **adm0,
            **BOOKKEEPING,
        }
        for u in upazilas
    ]
    geoms3 = [square(float(u["centroid_lon"]), float(u["centroid_lat"]), 0.02) for u in upazilas]
    rows2 = [{**adm2(d), **adm0, **BOOKKEEPING} for d in districts.values()]
    geoms2 = [
        square(float(d["centroid_lon"]), float(d["centroid_lat"]), 0.05) for d in districts.values()
    ]
    rows1, geoms1 = [], []
    for code, division in divisions.items():
        mine = [d for d in districts.values() if d["division_bbs_code"] == code]
        lons = [float(d["centroid_lon"]) for d in mine]
        lats = [float(d["centroid_lat"]) for d in mine]
        rows1.append({**adm1(division), **adm0, **BOOKKEEPING})
        geoms1.append(box(min(lons) - 0.05, min(lats) - 0.05, max(lons) + 0.05, max(lats) + 0.05))
    return {
        level: gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326")
        for level, rows, geoms in ((1, rows1, geoms1), (2, rows2, geoms2), (3, rows3, geoms3))
    }


def write(frame: gpd.GeoDataFrame, path: Path, level: int) -> Path:
    """Written by GDAL (pyogrio), under the release's layer name."""
    frame.to_file(path, layer=f"bgd_admbnda_adm{level}", engine="pyogrio")
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for level, frame in layers().items():
        print(write(frame, out / f"bgd_admbnda_adm{level}.gpkg", level), len(frame))
