"""Issue 18's order journey in a real browser, on a desktop and on a phone: legal staff record
a stay with an end date on a case's page, then vacate it, and see it leave "in force"."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from landclaims.cases.models import InterimOrder
from landclaims.core.models import Preference
from landclaims.core.text import bengali_digits
from tests.browser.conftest import log_in
from tests.factories import make_case, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"


PHONE = {"width": 390, "height": 844}


@pytest.fixture
def sized_page(browser: Any, request: Any) -> Any:
    context = browser.new_context(viewport=request.param)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    ("sized_page", "language"),
    # At desktop width the same steps are part of tests/browser/test_case_journey.py.
    [(PHONE, "en"), (PHONE, "bn")],
    indirect=["sized_page"],
    ids=["phone", "phone-bangla"],
)
def test_a_stay_recorded_then_vacated_leaves_in_force(
    sized_page: Any, language: str, live_server: Any, org: Any, places: Any
) -> None:
    page = sized_page
    width = page.viewport_size["width"]
    today = timezone.localdate()
    case = make_case(organisation=org, district=places.district_a, number="364", year=2017)
    legal = make_user(organisation=org, role="legal")
    Preference.objects.update_or_create(user=legal, defaults={"language": language})
    log_in(page, live_server, legal.username, PASSWORD)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.click("#tab-orders-tab")  # the case page's tabs: orders have one of their own

    form = page.locator("#form-order")
    form.locator("[name=order-kind]").select_option("stay")
    form.locator("[name=order-made_on]").fill(today.strftime("%d/%m/%Y"))
    until = today + timedelta(days=30)
    form.locator("[name=order-in_force_until]").fill(bengali_digits(until.strftime("%d/%m/%Y")))
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    order = InterimOrder.objects.get(case=case)
    assert order.in_force_until == until
    in_force = page.locator("table.orders.in-force")
    assert in_force.locator(f"tr[data-order='{order.pk}']").is_visible()

    # The actions are collapsed: the vacate form shows only once its summary is opened.
    actions = page.locator(f".order-actions[data-order='{order.pk}']")
    vacate = page.locator(f"#form-vacate-{order.pk}")
    assert not vacate.is_visible()
    actions.locator("summary").first.click()  # "Vacated", the first action
    assert vacate.is_visible()
    box = actions.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    vacate.locator(f"[name='vacate-{order.pk}-on']").fill(today.strftime("%d/%m/%Y"))
    with page.expect_navigation():
        vacate.locator("button[type=submit]").click()

    order.refresh_from_db()
    assert (order.vacated_on, order.end_reason) == (today, "vacated")
    assert in_force.locator(f"tr[data-order='{order.pk}']").count() == 0
    assert page.locator(f"table.orders.past tr[data-order='{order.pk}']").is_visible()
    assert page.locator("html").get_attribute("lang") == language
    # Nothing in the orders section runs off a phone's screen.
    overflow = page.evaluate(
        "() => { const s = document.querySelector('#orders');"
        " return s.getBoundingClientRect().right - document.documentElement.clientWidth; }"
    )
    assert overflow <= 0
