"""An organiser imports a surveyor's Kobo/ODK export on a phone: picks the boundary column
over the point asked first, reads the preview, imports; a walk with a broken boundary shows
its row's problem and offers nothing to import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from landclaims.claims.models import Claim
from landclaims.imports.models import ImportBatch
from landclaims.parcels.models import Parcel
from tests.browser.conftest import log_in
from tests.factories import make_group, make_user
from tests.imports.test_file_choices import kobo_csv
from tests.imports.test_unusable_boundaries import UNCLOSED, good_ring, parcel_geojson

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone_page(browser: Any) -> Any:
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture(autouse=True)
def import_dir(settings: Any, tmp_path: Path) -> Path:
    settings.IMPORT_DIR = tmp_path / "import-dir"
    return settings.IMPORT_DIR


def upload(
    page: Any, live_server: Any, path: Path, geometry_column: str = "", kind: str = "parcels"
) -> None:
    page.goto(f"{live_server.url}/imports/")
    form = page.locator("form.narrow")
    assert form.bounding_box()["width"] <= PHONE["width"]  # the form fits the phone
    page.set_input_files("#id_file", str(path))
    page.select_option("#id_kind", kind)
    page.fill("#id_geometry_column", geometry_column)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_a_kobo_export_is_imported_from_the_chosen_column(
    phone_page: Any, live_server: Any, org: Any, places: Any, tmp_path: Path
) -> None:
    organiser = make_user(organisation=org, role="organiser")
    log_in(phone_page, live_server, organiser.username, PASSWORD)
    upload(phone_page, live_server, kobo_csv(tmp_path / "kobo.csv", places), "parcel/boundary")

    commit = phone_page.get_by_role("button", name="Import 1 record")
    assert commit.is_visible()
    with phone_page.expect_navigation():
        commit.click()
    assert Parcel.objects.get().geom.geom_type == "MultiPolygon"
    assert ImportBatch.objects.get().geometry_column == "parcel/boundary"


def test_a_broken_boundary_is_shown_as_its_rows_problem(
    phone_page: Any, live_server: Any, org: Any, places: Any, tmp_path: Path
) -> None:
    organiser = make_user(organisation=org, role="organiser")
    log_in(phone_page, live_server, organiser.username, PASSWORD)
    path = parcel_geojson(tmp_path / "walk.geojson", places, [good_ring(), UNCLOSED])
    upload(phone_page, live_server, path)

    body = phone_page.locator("main").inner_text()
    assert "a ring is not closed" in body
    assert phone_page.get_by_role("button", name="Import 1 record").count() == 0
    assert phone_page.get_by_role("button", name="Discard the file").is_visible()
    assert Parcel.objects.count() == 0


def _no_sideways_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def _download(page: Any, link: Any, target: Path) -> Path:
    with page.expect_download() as download:
        link.click()
    download.value.save_as(target)
    return target


def test_an_organiser_starts_from_a_template_sees_the_map_and_follows_the_records(
    phone_page: Any, live_server: Any, org: Any, places: Any, tmp_path: Path, settings: Any
) -> None:
    """English: the column list, the parcels GeoPackage template, its row on the preview
    map, the import, the created parcel's page. Bangla: the same list, the claims CSV
    template (naming that parcel and the group), the import, the created claim's page."""
    settings.MAP_BASEMAP_URL = ""  # nothing from another host: the map draws the rows alone
    page = phone_page
    make_group(organisation=org, village=places.village_a, name_bn="চরপাড়া ভূমিহীন সমিতি")
    organiser = make_user(organisation=org, role="organiser")
    log_in(page, live_server, organiser.username, PASSWORD)

    page.goto(f"{live_server.url}/imports/")
    parcels = page.locator("#columns-parcels")
    parcels.locator("summary").click()
    assert parcels.locator("dt", has_text="land_class").is_visible()
    assert "Agricultural khas" in parcels.inner_text()
    assert _no_sideways_scroll(page)
    template = _download(
        page, parcels.get_by_role("link", name="GeoPackage"), tmp_path / "parcels.gpkg"
    )

    upload(page, live_server, template)
    page.locator("#import-map.ready").wait_for()
    assert page.locator("#import-map").get_attribute("data-rows") == "1"
    assert page.locator("#import-map .leaflet-overlay-pane path").count() == 1
    assert _no_sideways_scroll(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Import 1 record").click()
    parcel = Parcel.objects.get()
    links = page.locator(".created-records a")
    assert links.count() == 1
    with page.expect_navigation():
        links.first.click()
    assert page.url.endswith(f"/parcels/{parcel.pk}/")

    page.click("form.lang button[value=bn]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/imports/")
    claims = page.locator("#columns-claims")
    claims.locator("summary").click()
    assert "আবশ্যক" in claims.inner_text()  # "required"
    assert "সমিতির দখলে" in claims.inner_text()  # a possession's Bengali name
    assert _no_sideways_scroll(page)
    template = _download(page, claims.get_by_role("link", name="CSV"), tmp_path / "claims.csv")
    assert "চরপাড়া ভূমিহীন সমিতি" in template.read_text(encoding="utf-8-sig")

    upload(page, live_server, template, kind="claims")
    assert page.locator("#import-map").count() == 0  # a claims file has no locations
    with page.expect_navigation():
        page.get_by_role("button", name="১টি রেকর্ড আমদানি করুন").click()
    claim = Claim.objects.get()
    assert claim.parcels.get() == parcel
    with page.expect_navigation():
        page.locator(".created-records a").first.click()
    assert page.url.endswith(f"/claims/{claim.pk}/")
    assert ImportBatch.objects.filter(status="committed").count() == 2
