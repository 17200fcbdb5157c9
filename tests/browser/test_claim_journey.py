"""Issue 19's claim journey in a real browser at phone width, in English and in Bangla: an
organiser opens a claim from a group's page on a parcel found by mouza and dag (an old claim,
opened at the Register-13 stage with Bengali digits in its dates and number), adds a second
parcel, removes it, and reads both changes on the claim's timeline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from landclaims.claims.models import Claim, ClaimEvent
from landclaims.core.text import bengali_digits
from tests.browser.conftest import log_in
from tests.factories import make_group, make_parcel, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"
WORDS = {
    "en": {"added": "Parcel added", "removed": "Parcel removed", "mouza": "Bil Kuralia"},
    # Bangla pages name the mouza in Bengali (core.display.place_name).
    "bn": {"added": "জমিখণ্ড যুক্ত হয়েছে", "removed": "জমিখণ্ড বাদ পড়েছে", "mouza": "বিলকুড়ালিয়া"},
}


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _day(day) -> str:
    return bengali_digits(day.strftime("%d/%m/%Y"))


@pytest.mark.parametrize("language", ["en", "bn"])
def test_a_claim_is_opened_from_a_group_and_its_parcels_change(
    page, live_server, org, places, language
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    today = timezone.localdate()
    group = make_group(organisation=org, village=places.village_a, name_en="Charpara women")
    first = make_parcel(organisation=org, mouza=places.mouza_a)
    second = make_parcel(organisation=org, mouza=places.mouza_a2)
    organiser = make_user(organisation=org, role="organiser")
    log_in(page, live_server, organiser.username, PASSWORD)
    if language == "bn":
        page.click("form.lang button[value=bn]")
        page.wait_for_load_state()

    page.goto(f"{live_server.url}/groups/{group.pk}/")
    page.click("#open-claim")
    page.wait_for_load_state()
    assert page.is_checked(f"input[name=groups][value='{group.pk}']")
    page.fill("[name=find_mouza]", "চরপাড়া")
    page.fill("[name=find_dag]", bengali_digits(first.dag_display))
    with page.expect_navigation():
        page.click("button[name=find][value=parcel]")
    assert _no_sideways_scroll(page)
    assert page.is_checked(f"input[name=groups][value='{group.pk}']")  # kept through the search
    page.check(f"input[name=parcels][value='{first.pk}']")
    page.fill("[name=title]", "Charpara khas")
    page.select_option("[name=learned_from]", "khas_list")
    page.fill("[name=opened_on]", _day(today - timedelta(days=900)))
    page.select_option("[name=stage]", "application_filed")
    page.fill("[name=stage_on]", _day(today - timedelta(days=400)))
    page.fill("[name=number]", bengali_digits("R13-44/2023"))
    page.click("#skipped-stages summary")
    page.fill("[name=skip_application_prepared_on]", _day(today - timedelta(days=800)))
    assert _no_sideways_scroll(page)
    with page.expect_navigation():
        page.click("#claim-form button[name=open]")

    claim = Claim.objects.get()
    assert page.url.endswith(f"/claims/{claim.pk}/")
    assert (claim.stage, claim.register13_no, claim.learned_from) == (
        "application_filed",
        "R13-44/2023",
        "khas_list",
    )
    assert list(claim.groups.all()) == [group] and list(claim.parcels.all()) == [first]
    assert _no_sideways_scroll(page)

    page.click("#change-parcels summary")
    page.fill("#change-parcels [name=find_mouza]", "Bil Kuralia")
    with page.expect_navigation():
        page.click("#change-parcels form.find button")
    page.check(f"#add-parcel-form input[value='{second.pk}']")
    page.fill("#add-parcel-form [name=addparcel-on]", _day(today - timedelta(days=30)))
    with page.expect_navigation():
        page.click("#add-parcel-form button[type=submit]")
    assert set(claim.parcels.all()) == {first, second}
    mouza = WORDS[language]["mouza"]
    assert mouza in page.locator("#claim-parcel-list").inner_text()
    assert _no_sideways_scroll(page)

    page.click("#change-parcels summary")
    page.select_option("#remove-parcel-form [name=rmparcel-parcel]", str(second.pk))
    page.fill("#remove-parcel-form [name=rmparcel-on]", _day(today - timedelta(days=2)))
    with page.expect_navigation():
        page.click("#remove-parcel-form button[type=submit]")
    assert list(claim.parcels.all()) == [first]
    assert mouza not in page.locator("#claim-parcel-list").inner_text()

    page.click("#tab-timeline")  # the claim's page is in tabs; the overview opens first
    timeline = page.locator("#claim-timeline").inner_text()
    words = WORDS[language]
    assert f"{words['added']}: {mouza}" in timeline
    assert f"{words['removed']}: {mouza}" in timeline
    if language == "bn":  # dates, numbers and dags in the reader's digits
        assert bengali_digits("R13-44/2023") in timeline
        assert bengali_digits(str((today - timedelta(days=2)).year)) in timeline
        assert f"দাগ {bengali_digits(second.dag_display)}" in timeline
    else:
        assert "R13-44/2023" in timeline
    kinds = list(
        ClaimEvent.objects.filter(parcel=second).order_by("id").values_list("kind", flat=True)
    )
    assert kinds == ["parcel_added", "parcel_removed"]
    assert _no_sideways_scroll(page)
