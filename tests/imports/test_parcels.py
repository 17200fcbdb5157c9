"""Parcel imports through import_layer: every row checked, all or nothing, no duplicates."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import Polygon

from gis import crs
from landclaims.core.geo import to_shapely
from landclaims.imports.models import ImportBatch
from landclaims.parcels.models import Parcel, ParcelDag
from landclaims.parcels.services import entered_area
from tests.conftest import Places
from tests.factories import make_parcel
from tests.imports.conftest import (
    counts,
    mouza_parcels,
    parcel_frame,
    run_import,
    square,
    write_gpkg,
    write_shapefile_zip,
)

BOW_TIE_OFFSETS = [(0, 0), (0.001, 0.001), (0.001, 0), (0, 0.001), (0, 0)]


def bow_tie(lon: float = 89.93, lat: float = 24.25) -> Polygon:
    return Polygon([(lon + dx, lat + dy) for dx, dy in BOW_TIE_OFFSETS])


def test_geopackage_parcels_are_created_with_their_paper_reference(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    path = write_gpkg(parcel_frame(places, 3), tmp_path / "parcels.gpkg")
    outcome = run_import(path, organiser)
    assert outcome.error == ""
    parcels = mouza_parcels(places.mouza_a)
    assert [p.dags.get().dag_no for p in parcels] == ["1", "2", "3"]
    first = parcels[0]
    assert (first.survey, first.land_class, first.khatian_no) == ("RS", "agri_khas", "1")
    assert first.notes == "ভূমিহীন সমিতির দাবি"
    assert first.geom_source == "imported" and first.source_srid == 4326
    assert first.created_by == organiser
    expected = entered_area("33", "decimal", organisation=first.organisation)
    assert (first.area_value, first.area_m2) == (expected.value, expected.m2)
    assert to_shapely(first.geom).hausdorff_distance(square(east_m=100)) < 1e-9
    assert ImportBatch.objects.get().created_count == 3


def test_dry_run_writes_nothing(tmp_path: Path, places: Places, organiser: Any) -> None:
    path = write_gpkg(parcel_frame(places, 3), tmp_path / "parcels.gpkg")
    before = counts()
    outcome = run_import(path, organiser, dry_run=True)
    assert outcome.error == ""
    assert "would create 3" in outcome.output
    assert counts() == before


def test_one_bad_row_means_nothing_is_written(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    geoms = [square(east_m=100), bow_tie(), square(east_m=300)]
    path = write_gpkg(parcel_frame(places, 3, geometry=geoms), tmp_path / "p.gpkg")
    before = counts()
    outcome = run_import(path, organiser)
    assert "1 problems in 1 rows; nothing was written" in outcome.error
    assert "Row 2, geometry: Invalid boundary: Self-intersection" in outcome.output
    assert counts() == before


def test_invalid_boundary_gets_a_suggested_repair_that_is_never_applied(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    path = write_gpkg(parcel_frame(places, 1, geometry=[bow_tie()]), tmp_path / "p.gpkg")
    repairs = tmp_path / "repairs.geojson"
    outcome = run_import(path, organiser, repairs_out=repairs)
    assert "suggested repair" in outcome.output
    features = json.loads(repairs.read_text())["features"]
    assert features[0]["properties"]["row"] == 1
    repaired = shapely.geometry.shape(features[0]["geometry"])
    assert repaired.is_valid and repaired.geom_type == "MultiPolygon"
    assert Parcel.objects.count() == 0


def test_importing_the_same_file_twice_creates_no_duplicates(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    path = write_gpkg(parcel_frame(places, 3), tmp_path / "parcels.gpkg")
    run_import(path, organiser)
    before = counts()
    outcome = run_import(path, organiser)
    assert "created 0, updated 0, skipped 3 already recorded" in outcome.output
    assert {k: v for k, v in counts().items() if k != "ImportBatch"} == {
        k: v for k, v in before.items() if k != "ImportBatch"
    }


def test_a_recorded_boundary_is_not_changed_by_a_new_file(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    run_import(write_gpkg(parcel_frame(places, 1), tmp_path / "a.gpkg"), organiser)
    moved = parcel_frame(places, 1, geometry=[square(east_m=900)])
    run_import(write_gpkg(moved, tmp_path / "b.gpkg"), organiser)
    (parcel,) = mouza_parcels(places.mouza_a)
    assert to_shapely(parcel.geom).hausdorff_distance(square(east_m=100)) < 1e-9


def test_dag_numbers_split_across_recorded_and_new_are_a_problem(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    run_import(write_gpkg(parcel_frame(places, 1), tmp_path / "a.gpkg"), organiser)
    both = parcel_frame(places, 1, dag_no=["1, 77"], geometry=[square(east_m=500)])
    outcome = run_import(write_gpkg(both, tmp_path / "b.gpkg"), organiser)
    assert "already recorded" in outcome.output and "nothing was written" in outcome.error
    assert not ParcelDag.objects.filter(dag_no="77").exists()


def test_the_same_dag_twice_in_a_file_is_a_problem(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    gdf = parcel_frame(places, 2, dag_no=["5", "৫"])  # the same number, in Bengali digits
    outcome = run_import(write_gpkg(gdf, tmp_path / "p.gpkg"), organiser)
    assert "Dag 5 of this mouza and survey is also on row 1." in outcome.output
    assert Parcel.objects.count() == 0


def test_every_problem_of_every_row_is_listed(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    gdf = parcel_frame(
        places,
        4,
        mouza=["Tangail Mouza", "Nowhere", "Tangail Mouza", "Tangail Mouza"],
        survey=["RS", "RS", "XX", "RS"],
        land_class=["agri_khas", "agri_khas", "agri_khas", ""],
        area_unit=["decimal", "decimal", "decimal", "furlong"],
    )
    gdf.loc[0, "geometry"] = shapely.transform(square(), lambda xy: xy[:, ::-1])
    outcome = run_import(write_gpkg(gdf, tmp_path / "p.gpkg"), organiser)
    assert "Row 1, geometry: Latitude and longitude look swapped" in outcome.output
    assert "Row 2, mouza: No mouza Nowhere." in outcome.output
    assert "Row 3, survey: “XX” is not one of" in outcome.output
    assert "Row 4, land_class: This field is required." in outcome.output
    assert "Row 4, area_unit: Unknown area unit 'furlong'" in outcome.output
    assert "5 problems in 4 rows" in outcome.error


def test_a_boundary_with_too_many_vertices_is_refused(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    dense = shapely.Point(89.93, 24.25).buffer(0.001, quad_segs=6000)
    outcome = run_import(
        write_gpkg(parcel_frame(places, 1, geometry=[dense]), tmp_path / "p.gpkg"), organiser
    )
    assert "at most 20000 are accepted" in outcome.output
    assert Parcel.objects.count() == 0


def test_ambiguous_mouza_name_needs_the_union(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    # Tangail Mouza and Gaibandha Mouza are both চরপাড়া in Bengali.
    gdf = parcel_frame(places, 2, mouza=["চরপাড়া", "চরপাড়া"], union=["", "Tangail Union"])
    outcome = run_import(write_gpkg(gdf, tmp_path / "p.gpkg"), organiser)
    assert "Row 1, mouza: 2 mouzas are called চরপাড়া" in outcome.output
    assert "Row 2" not in outcome.output


def test_mouza_outside_the_users_districts_is_refused(
    tmp_path: Path, places: Places, legal_a: Any
) -> None:
    gdf = parcel_frame(places, 1, mouza=[places.mouza_b.name_en])
    gdf.loc[0, "geometry"] = square((89.53, 25.33))
    outcome = run_import(write_gpkg(gdf, tmp_path / "p.gpkg"), legal_a)
    assert "lies outside the districts you work in" in outcome.output
    assert Parcel.objects.count() == 0


def test_a_parcel_known_from_paper_has_no_boundary(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    path = tmp_path / "paper.csv"
    path.write_text(
        "mouza,survey,dag_no,land_class,area_value,area_unit\n"
        'Tangail Mouza,SA,১২৩,Agricultural khas,"১,২০০",শতাংশ\n',
        encoding="utf-8",
    )
    outcome = run_import(path, organiser)
    assert outcome.error == ""
    parcel = Parcel.objects.get()
    assert parcel.geom is None and parcel.geom_source == ""
    assert parcel.dags.get().dag_no == "123"
    assert (parcel.area_value, parcel.area_unit) == (Decimal("1200"), "decimal")


def test_csv_with_wkt_needs_crs_and_imports_with_it(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    path = tmp_path / "parcels.csv"
    gdf = parcel_frame(places, 2)
    gdf.assign(wkt=gdf.geometry.to_wkt()).drop(columns="geometry").to_csv(path, index=False)
    refused = run_import(path, organiser)
    assert "--crs" in refused.error
    assert Parcel.objects.count() == 0
    assert run_import(path, organiser, crs=4326).error == ""
    assert Parcel.objects.count() == 2


def test_shapefile_folder_and_zip_both_import(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    archive = write_shapefile_zip(parcel_frame(places, 2), tmp_path / "parcels.zip")
    assert run_import(archive, organiser).error == ""
    folder = tmp_path / "folder"
    folder.mkdir()
    parcel_frame(places, 2, first_dag=10).to_file(folder / "p.shp", encoding="UTF-8")
    assert run_import(folder, organiser).error == ""
    assert Parcel.objects.count() == 4


def test_bengali_text_survives_a_shapefile_with_cpg(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    gdf = parcel_frame(places, 1, notes=["দখলে আছে: চরপাড়া ভূমিহীন সমিতি"], khatian_no=["১০৫"])
    run_import(write_shapefile_zip(gdf, tmp_path / "p.zip"), organiser)
    parcel = Parcel.objects.get()
    assert parcel.notes == "দখলে আছে: চরপাড়া ভূমিহীন সমিতি"
    assert parcel.khatian_no == "105"


def test_kobo_geojson_export_imports_geoshapes_and_closed_geotraces(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    def ring(east_m: float) -> list[list[float]]:
        # Kobo writes [longitude, latitude, altitude]; the GPS height is dropped.
        return [[x, y, 14.0] for x, y in square(east_m=east_m).exterior.coords]

    def feature(geometry: dict[str, Any], dag: str) -> dict[str, Any]:
        properties = {
            "parcel/mouza": "Tangail Mouza",  # a Kobo group path before the question name
            "parcel/survey": "RS",
            "parcel/dag_no": dag,
            "parcel/land_class": "char",
            "_id": 1001,
        }
        return {"type": "Feature", "geometry": geometry, "properties": properties}

    export = {
        "type": "FeatureCollection",
        "name": "khas_parcels",
        "features": [
            feature({"type": "Polygon", "coordinates": [ring(100)]}, "১"),
            feature({"type": "LineString", "coordinates": ring(300)}, "২"),
        ],
    }
    path = tmp_path / "khas_parcels.geojson"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    outcome = run_import(path, organiser)
    assert outcome.error == ""
    assert "closed lines" in outcome.output
    parcels = mouza_parcels(places.mouza_a)
    assert [p.dags.get().dag_no for p in parcels] == ["1", "2"]
    assert to_shapely(parcels[1].geom).hausdorff_distance(square(east_m=300)) < 1e-9


def test_kml_parcels_import_with_their_extended_data(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    path = tmp_path / "p.kml"
    parcel_frame(places, 2).to_file(path, driver="KML")
    assert run_import(path, organiser).error == ""
    parcels = mouza_parcels(places.mouza_a)
    assert [p.notes for p in parcels] == ["ভূমিহীন সমিতির দাবি"] * 2
    assert to_shapely(parcels[0].geom).hausdorff_distance(square(east_m=100)) < 1e-9


def test_btm_shapefiles_land_within_a_centimetre(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    for srid, first_dag in ((crs.BTM_SRID, 1), (crs.BTM_FN0_SRID, 10)):
        gdf = parcel_frame(places, 2, first_dag=first_dag, srid=srid)
        assert gdf.crs.to_epsg() == srid
        outcome = run_import(write_shapefile_zip(gdf, tmp_path / f"{srid}.zip"), organiser)
        assert outcome.error == "", outcome.output
        assert f"EPSG:{srid}" in outcome.output
    for parcel in Parcel.objects.prefetch_related("dags"):
        dag = int(parcel.dags.get().dag_no)
        expected = square(east_m=100 * dag)
        assert parcel.source_srid in (crs.BTM_SRID, crs.BTM_FN0_SRID)
        # 1e-7 degrees is about 1 cm at this latitude.
        assert to_shapely(parcel.geom).hausdorff_distance(expected) < 1e-7


def test_a_file_declaring_one_btm_variant_but_holding_the_other_is_read_right(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    gdf = parcel_frame(places, 1, srid=crs.BTM_FN0_SRID).set_crs(crs.BTM_SRID, allow_override=True)
    outcome = run_import(write_shapefile_zip(gdf, tmp_path / "p.zip"), organiser)
    assert "the other Bangladesh Transverse Mercator variant" in outcome.output
    parcel = Parcel.objects.get()
    assert parcel.source_srid == crs.BTM_FN0_SRID
    assert to_shapely(parcel.geom).hausdorff_distance(square(east_m=100)) < 1e-7


def test_shapefile_without_prj_needs_crs(tmp_path: Path, places: Places, organiser: Any) -> None:
    path = write_shapefile_zip(parcel_frame(places, 1), tmp_path / "p.zip", prj=False)
    refused = run_import(path, organiser)
    assert "does not say which coordinate system" in refused.error
    assert Parcel.objects.count() == 0
    assert run_import(path, organiser, crs=4326).error == ""
    assert Parcel.objects.get().source_srid == 4326


def test_json_report(tmp_path: Path, places: Places, organiser: Any) -> None:
    path = write_gpkg(parcel_frame(places, 2), tmp_path / "p.gpkg")
    report = json.loads(run_import(path, organiser, json=True).output)
    assert report["created"] == 2 and report["committed"] is True
    assert set(report["seconds"]) == {"stage", "read", "check", "load"}


def test_viewers_may_not_import(tmp_path: Path, places: Places, viewer: Any) -> None:
    outcome = run_import(write_gpkg(parcel_frame(places, 1), tmp_path / "p.gpkg"), viewer)
    assert "may not import" in outcome.error
    assert Parcel.objects.count() == 0


def test_multi_layer_geopackage_needs_a_layer_name(
    tmp_path: Path, places: Places, organiser: Any
) -> None:
    path = tmp_path / "two.gpkg"
    parcel_frame(places, 1).to_file(path, layer="north")
    parcel_frame(places, 1, first_dag=5).to_file(path, layer="south")
    assert "name the one to import" in run_import(path, organiser).error
    assert run_import(path, organiser, layer="south").error == ""
    assert Parcel.objects.get().dags.get().dag_no == "5"


def test_the_kobo_fixture_imports_as_three_parcels(places: Places, organiser: Any) -> None:
    fixture = Path(__file__).resolve().parents[2] / "fixtures" / "imports"
    outcome = run_import(fixture / "kobo_khas_parcels.geojson", organiser)
    assert outcome.error == "", outcome.output
    parcels = mouza_parcels(places.mouza_a)
    assert [[d.dag_no for d in p.dags.all()] for p in parcels] == [["215"], ["216", "217"], ["88"]]
    assert [(p.area_value, p.area_unit) for p in parcels] == [
        (Decimal("84"), "decimal"),
        (Decimal("2.8"), "acre"),
        (None, ""),
    ]
    assert parcels[0].notes == "চরপাড়া ভূমিহীন সমিতির দখলে"
    assert all(p.geom is not None and not p.geom.hasz for p in parcels)
    # The geodesic areas of the boundaries are close to what the enumerators wrote.
    assert abs(crs.geodesic_area_m2(to_shapely(parcels[0].geom)) - 3374.5) < 1


def test_a_row_the_database_refuses_after_the_checks_refuses_the_whole_import(
    tmp_path: Path, places: Places, organiser: Any, monkeypatch: Any
) -> None:
    """Another import may record the same dag between the checks and the load: the unique
    constraint refuses it, and nothing of the file is written."""
    from landclaims.imports import parcels as parcel_import

    path = write_gpkg(parcel_frame(places, 2), tmp_path / "p.gpkg")
    checked = parcel_import.check_parcels

    def check_then_someone_else_records_dag_2(*args: Any, **kwargs: Any) -> Any:
        plan = checked(*args, **kwargs)
        make_parcel(organisation=organiser.membership.organisation, mouza=places.mouza_a,
                    dag_nos=["2"])  # fmt: skip
        return plan

    monkeypatch.setattr(
        "landclaims.imports.services.IMPORTERS",
        {
            "parcels": parcel_import_importer(check_then_someone_else_records_dag_2),
        },
    )
    outcome = run_import(path, organiser)
    assert "The database refused the rows" in outcome.error
    assert not ParcelDag.objects.filter(dag_no="1").exists()


def parcel_import_importer(check: Any) -> Any:
    from dataclasses import replace

    from landclaims.imports.services import IMPORTERS

    return replace(IMPORTERS["parcels"], check=check)
