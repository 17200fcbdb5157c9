"""An organiser imports a surveyor's Kobo/ODK export on a phone: picks the boundary column
over the point asked first, reads the preview, imports; a walk with a broken boundary shows
its row's problem and offers nothing to import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from landclaims.imports.models import ImportBatch
from landclaims.parcels.models import Parcel
from tests.browser.conftest import log_in
from tests.factories import make_user
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


def upload(page: Any, live_server: Any, path: Path, geometry_column: str = "") -> None:
    page.goto(f"{live_server.url}/imports/")
    form = page.locator("form.narrow")
    assert form.bounding_box()["width"] <= PHONE["width"]  # the form fits the phone
    page.set_input_files("#id_file", str(path))
    page.select_option("#id_kind", "parcels")
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
