"""The import page explains itself: the column list and the template files come from the
importer's own column definitions, the templates import as they are, the preview map gets
the rows, and a committed import links every record it created."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pyogrio
import pytest
from django.urls import reverse
from django.utils import translation

from landclaims.claims.models import Claim
from landclaims.imports.columns import find_columns
from landclaims.imports.models import ImportBatch
from landclaims.imports.problems import ImportRefused
from landclaims.imports.selectors import CREATED_PAGE_SIZE
from landclaims.imports.services import IMPORTERS, id_ranges, layer_import
from landclaims.imports.template_files import template_bytes
from landclaims.parcels.models import LandClass, Parcel
from landclaims.places.models import AdminArea
from tests.conftest import Places
from tests.factories import log_in, make_group, make_parcel, make_user
from tests.imports.conftest import parcel_frame, write_gpkg
from tests.imports.test_views import upload

KINDS = ("parcels", "claims", "admin-areas")


def _template(tmp_path: Path, kind: str, fmt: str, user: Any) -> Path:
    path = tmp_path / f"template-{kind}.{fmt}"
    path.write_bytes(template_bytes(kind=kind, fmt=fmt, user=user))
    return path


def _user_for(kind: str, org: Any) -> Any:
    return make_user(organisation=org, role="admin" if kind == "admin-areas" else "organiser")


def _claimable(org: Any, places: Places) -> None:
    """A recorded parcel in a mouza no other shares a name with, and a group to claim it."""
    make_parcel(organisation=org, mouza=places.mouza_a2)
    make_group(organisation=org, village=places.village_a)


@pytest.mark.parametrize("kind", KINDS)
def test_the_gpkg_template_has_the_importers_columns_types_and_crs(
    tmp_path: Path, org: Any, places: Places, kind: str
) -> None:
    path = _template(tmp_path, kind, "gpkg", _user_for(kind, org))
    info = pyogrio.read_info(path)
    columns = IMPORTERS[kind].columns
    assert list(info["fields"]) == [c.name for c in columns]
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    wanted = {"text": "OFTString", "real": "OFTReal", "integer": "OFTInteger64", "date": "OFTDate"}
    assert all(types[c.name] == wanted[c.kind] for c in columns)
    assert info["features"] == 1
    if IMPORTERS[kind].geometry:
        assert info["crs"] == "EPSG:4326"
        assert info["geometry_type"] == "MultiPolygon"
    else:
        assert info["geometry_type"] is None


@pytest.mark.parametrize("kind", KINDS)
def test_the_csv_template_is_utf8_with_a_bom_and_bengali_example(
    tmp_path: Path, org: Any, places: Places, kind: str
) -> None:
    path = _template(tmp_path, kind, "csv", _user_for(kind, org))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    frame = pyogrio.read_dataframe(path, read_geometry=False)
    names = [c.name for c in IMPORTERS[kind].columns]
    extra = ["WKT", "crs"] if IMPORTERS[kind].geometry else []
    assert list(frame.columns) == [*extra, *names]
    assert len(frame) == 1
    assert re.search("[\u0980-\u09ff]", " ".join(str(v) for v in frame.iloc[0]))
    if extra:
        assert frame["crs"][0] == "EPSG:4326"


@pytest.mark.parametrize("fmt", ["gpkg", "csv"])
@pytest.mark.parametrize("kind", KINDS)
def test_the_template_imports_clean(
    tmp_path: Path, org: Any, places: Places, kind: str, fmt: str
) -> None:
    _claimable(org, places)
    user = _user_for(kind, org)
    path = _template(tmp_path, kind, fmt, user)
    organisation = None if kind == "admin-areas" else org
    report = layer_import(user=user, source=path, kind=kind, organisation=organisation)
    assert report.problems == []
    assert report.committed and report.to_create == 1
    created = IMPORTERS[kind].model.objects.filter(pk__in=report.created_ids)
    assert created.count() == 1
    if kind == "parcels":
        parcel = created.get()
        assert parcel.mouza == places.mouza_a2 and parcel.land_class == LandClass.AGRI_KHAS
        assert parcel.geom is not None and parcel.geom.geom_type == "MultiPolygon"
        assert parcel.notes == "নদীর পাড়ে জেগে ওঠা চর"


def test_every_column_the_page_lists_is_one_the_importer_reads(
    client: Any, organiser: Any, places: Places
) -> None:
    log_in(client, organiser)
    page = client.get(reverse("imports:list")).content.decode()
    for kind in ("parcels", "claims"):
        for column in IMPORTERS[kind].columns:
            assert f"<code>{column.name}</code>" in page
    assert 'id="columns-admin-areas"' not in page  # organisers may not import areas
    for code, label in LandClass.choices:
        assert f"<code>{code}</code> {label}" in page
    assert reverse("imports:template", args=["parcels", "gpkg"]) in page
    assert reverse("imports:template", args=["claims", "csv"]) in page


def test_the_column_list_is_in_bangla(client: Any, organiser: Any, places: Places) -> None:
    log_in(client, organiser)
    client.cookies["django_language"] = "bn"
    page = client.get(reverse("imports:list")).content.decode()
    with translation.override("bn"):
        assert str(IMPORTERS["parcels"].columns[0].holds) in page
        assert "আবশ্যক" in page  # "required"


def test_a_file_missing_a_listed_required_column_is_refused_naming_it(
    tmp_path: Path, org: Any, places: Places
) -> None:
    frame = parcel_frame(places, 1).drop(columns=["land_class"])
    table = pyogrio.read_arrow(write_gpkg(frame, tmp_path / "p.gpkg"))[1]
    importer = IMPORTERS["parcels"]
    required = [c.name for c in importer.columns if c.required and not c.one_of]
    assert "land_class" in required
    with pytest.raises(ImportRefused, match="land_class"):
        find_columns(table, {c.name: c.aliases for c in importer.columns},
                     required=[(n,) for n in required])  # fmt: skip


def test_the_template_is_only_for_kinds_the_role_imports(
    client: Any, organiser: Any, places: Places
) -> None:
    log_in(client, organiser)
    assert client.get(reverse("imports:template", args=["admin-areas", "csv"])).status_code == 404
    assert client.get(reverse("imports:template", args=["parcels", "xlsx"])).status_code == 404
    response = client.get(reverse("imports:template", args=["parcels", "gpkg"]))
    assert response.status_code == 200
    assert "landclaims-parcels-template.gpkg" in response["Content-Disposition"]


def test_the_preview_map_gets_every_row_with_problem_rows_marked(
    client: Any, tmp_path: Path, places: Places, organiser: Any
) -> None:
    frame = parcel_frame(places, 3)
    frame.loc[1, "survey"] = "ZZ"
    log_in(client, organiser)
    response = upload(client, write_gpkg(frame, tmp_path / "p.gpkg"))
    page = client.get(response.url).content.decode()
    assert 'id="import-map"' in page and "js/import_preview.js" in page
    batch = ImportBatch.objects.get()
    rows = json.loads(client.get(reverse("imports:rows", args=[batch.token])).content)
    by_row = {f["properties"]["row"]: f["properties"] for f in rows["features"]}
    assert sorted(by_row) == [1, 2, 3]
    assert by_row[2]["problems"] == 1 and "ZZ" in by_row[2]["problem"]
    assert by_row[1]["problems"] == 0
    assert rows["features"][0]["properties"]["row"] == 2  # problems first
    assert rows["features"][0]["geometry"]["type"] == "Polygon"


def test_a_committed_import_links_each_created_record_by_pages(
    client: Any, tmp_path: Path, places: Places, organiser: Any
) -> None:
    count = CREATED_PAGE_SIZE + 5
    log_in(client, organiser)
    response = upload(client, write_gpkg(parcel_frame(places, count), tmp_path / "p.gpkg"))
    batch = ImportBatch.objects.get()
    client.post(reverse("imports:commit", args=[batch.token]))
    batch.refresh_from_db()
    ids = sorted(Parcel.objects.values_list("pk", flat=True))
    assert batch.created_ranges == [[ids[0], ids[-1]]]
    first = client.get(response.url).content.decode()
    second = client.get(response.url + "?page=2").content.decode()
    links = [
        int(n) for page in (first, second) for n in re.findall(r'href="/parcels/(\d+)/"', page)
    ]
    assert links == ids
    assert f"{count} records created" in first


def test_a_claims_import_links_the_claims_it_opened(
    tmp_path: Path, client: Any, org: Any, places: Places, organiser: Any
) -> None:
    _claimable(org, places)
    path = _template(tmp_path, "claims", "csv", organiser)
    log_in(client, organiser)
    response = upload(client, path, kind="claims")
    batch = ImportBatch.objects.get()
    client.post(reverse("imports:commit", args=[batch.token]))
    claim = Claim.objects.get()
    assert f'href="/claims/{claim.pk}/"' in client.get(response.url).content.decode()


def test_an_areas_import_records_the_areas_it_created(
    tmp_path: Path, org: Any, places: Places
) -> None:
    admin = make_user(organisation=org, role="admin")
    path = _template(tmp_path, "admin-areas", "gpkg", admin)
    before = set(AdminArea.objects.values_list("pk", flat=True))
    report = layer_import(user=admin, source=path, kind="admin-areas")
    batch = ImportBatch.objects.get(pk=report.batch_id)
    new = set(AdminArea.objects.values_list("pk", flat=True)) - before
    assert batch.created_ranges == id_ranges(sorted(new)) and len(new) == 1


def test_id_ranges_are_runs_of_consecutive_ids() -> None:
    assert id_ranges([7, 1, 2, 3, 9, 8]) == [[1, 3], [7, 9]]
    assert id_ranges([]) == []
