"""Issue 21's training and representatives journey in a real browser at phone width, in
English and in Bangla: an organiser records a training, its attendance for two groups with
two named members picked by code, sees it on the groups' and a member's pages, and adds a
seat on a Union Parishad standing committee from a group's page."""

from __future__ import annotations

from typing import Any

import pytest

from landclaims.representation.models import Seat
from landclaims.training.models import GroupAttendance, MemberAttendance, TrainingEvent
from tests.browser.conftest import log_in
from tests.browser.pages import assert_page_fits_and_passes_axe
from tests.factories import make_group, make_member, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"


def _submit(page: Any, form: str) -> None:
    with page.expect_navigation():
        page.click(f"{form} button[type=submit]")


def _pick_member(page: Any, code: str) -> None:
    page.locator("#id_members-ts-control").fill(code)  # a type-ahead: type the code, pick it
    page.locator(".ts-dropdown .option", has_text=code).first.click()


@pytest.mark.parametrize("language", ["en", "bn"])
def test_a_training_with_attendance_and_a_seat(page, live_server, org, places, language):
    page.set_viewport_size({"width": 390, "height": 844})
    url = live_server.url
    women = make_group(organisation=org, village=places.village_a, sex="women")
    men = make_group(organisation=org, village=places.village_a, sex="men")
    rahima = make_member(group=women, code="NK-W-07")
    karim = make_member(group=men, code="NK-M-03", sex="male")
    organiser = make_user(organisation=org, role="organiser")
    log_in(page, live_server, organiser.username, PASSWORD)
    if language == "bn":
        page.click("form.lang button[value=bn]")
        page.wait_for_load_state()

    # The list, then a new training.
    page.goto(f"{url}/trainings/")
    assert_page_fits_and_passes_axe(page, f"training-list-{language}")
    with page.expect_navigation():
        page.click("#record-training")
    page.fill("[name=title]", "Preventing violence against women")
    page.fill("[name=title_bn]", "নারীর প্রতি সহিংসতা প্রতিরোধ")
    page.select_option("[name=tier]", "follow_up")
    page.check("input[name=topics][value=violence_against_women]")
    page.fill("[name=started_on]", "১২/০৩/২০২৫")
    page.select_option("[name=district]", str(places.district_a.pk))
    assert_page_fits_and_passes_axe(page, f"training-new-{language}")
    _submit(page, "#training-form")
    event = TrainingEvent.objects.get()
    assert page.url.endswith(f"/trainings/{event.pk}/attendance/")

    # Attendance: a row per group, three numbers each; two members picked by code.
    women_row = f".attendance-row[data-group='{women.pk}']"
    men_row = f".attendance-row[data-group='{men.pk}']"
    page.locator(f"{women_row} input[name$=-women]").fill("১৪")
    page.locator(f"{men_row} input[name$=-men]").fill("9")
    page.locator(f"{men_row} input[name$=-women]").fill("2")
    _pick_member(page, "NK-W-07")
    _pick_member(page, "NK-M-03")
    page.keyboard.press("Escape")
    assert_page_fits_and_passes_axe(page, f"training-attendance-{language}")
    _submit(page, "#attendance-form")
    assert page.url.endswith(f"/trainings/{event.pk}/")
    assert set(GroupAttendance.objects.values_list("group", "women", "men")) == {
        (women.pk, 14, 0),
        (men.pk, 2, 9),
    }
    assert set(MemberAttendance.objects.values_list("member", flat=True)) == {rahima.pk, karim.pk}
    assert page.locator("#named-members [data-member]").count() == 2
    assert_page_fits_and_passes_axe(page, f"training-detail-{language}")

    # The edit page.
    with page.expect_navigation():
        page.click("#edit-training")
    page.fill("[name=venue]", "ইউনিয়ন পরিষদ মিলনায়তন")
    assert_page_fits_and_passes_axe(page, f"training-edit-{language}")
    _submit(page, "#training-form")
    event.refresh_from_db()
    assert (event.venue, event.version) == ("ইউনিয়ন পরিষদ মিলনায়তন", 3)

    # The group's training tab: the tier reached as a badge.
    page.goto(f"{url}/groups/{women.pk}/")
    page.click("#tab-training")
    assert page.locator("#tier-reached [data-tier=follow_up]").is_visible()
    assert page.locator(f"#group-trainings [data-training='{event.pk}']").count() == 1
    assert_page_fits_and_passes_axe(page, f"group-training-tab-{language}")

    # A seat, from the group's representatives tab.
    page.click("#tab-seats")
    with page.expect_navigation():
        page.click("#add-seat")
    page.select_option("[name=member]", str(rahima.pk))
    page.select_option("[name=body]", "up_standing_committee")
    page.fill("[name=body_name]", "নারী ও শিশু বিষয়ক স্থায়ী কমিটি")
    page.check("input[name=how][value=elected]")
    page.fill("[name=from_on]", "০১/০৭/২০২৪")  # noqa: RUF001 (Bengali digits)
    assert_page_fits_and_passes_axe(page, f"seat-new-{language}")
    _submit(page, "#seat-form")
    seat = Seat.objects.get()
    assert (seat.member, seat.how, seat.to_on) == (rahima, "elected", None)
    page.click("#tab-seats")
    assert page.locator(f"#group-seat-list [data-seat='{seat.pk}']").is_visible()
    assert_page_fits_and_passes_axe(page, f"group-seats-tab-{language}")

    # The member's page: their training history and seat.
    page.goto(f"{url}/groups/members/{rahima.pk}/")
    assert page.locator(f"#member-training [data-training='{event.pk}']").count() == 1
    assert page.locator(f"#member-seat-list [data-seat='{seat.pk}']").count() == 1
    assert_page_fits_and_passes_axe(page, f"member-training-{language}")

    # The representatives list.
    page.goto(f"{url}/representatives/")
    assert page.locator(f"#seats [data-seat='{seat.pk}']").count() == 1
    assert_page_fits_and_passes_axe(page, f"representatives-{language}")
    with page.expect_navigation():
        page.click(f"#seats [data-seat='{seat.pk}'] a.btn")
    assert_page_fits_and_passes_axe(page, f"seat-edit-{language}")
