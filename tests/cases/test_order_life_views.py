"""The case page's writes on an order's life, notes and tasks: who may post them, and what a
person sees after each. Today is 1 June 2024."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from landclaims.cases.models import CaseNote, CaseTask, InterimOrder, LegalCase
from landclaims.cases.services import case_task_add, interim_order_record
from landclaims.core.text import bengali_digits
from tests.cases.conftest import post_form
from tests.factories import log_in, make_case, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def stay(case) -> InterimOrder:
    return interim_order_record(
        case=case, kind="stay", made_on=date(2024, 5, 10), in_force_until=date(2024, 6, 30), by=None
    )


@pytest.fixture
def task(case, legal_staff) -> CaseTask:
    title = "Collect the certified copy"
    return case_task_add(
        case=case, title=title, assignee=legal_staff, due_on=date(2024, 5, 30), by=None
    )


def post_row(client, url_name, case, prefix, target, **fields):
    """Post a form of one order's or task's row, as post_form does for the case's forms."""
    case.refresh_from_db()
    data = {"version": case.version, "seen_status": case.status, "seen_outcome": case.outcome}
    data.update(fields)
    url = reverse(f"cases:{url_name}", args=[case.pk, target.pk])
    return client.post(url, {f"{prefix}-{k}": v for k, v in data.items()})


def write_urls(case: LegalCase, order: InterimOrder, task: CaseTask) -> list[str]:
    on_order = ("order_vacate", "order_extend", "order_modify", "order_compliance")
    return [
        *(reverse(f"cases:{name}", args=[case.pk, order.pk]) for name in on_order),
        reverse("cases:note_add", args=[case.pk]),
        reverse("cases:task_add", args=[case.pk]),
        reverse("cases:task_done", args=[case.pk, task.pk]),
    ]


@pytest.mark.parametrize("role", ["monitor", "viewer", "organiser"])
def test_roles_that_do_not_write_cases_get_403_on_every_new_write(
    client, org, case, stay, task, role
) -> None:
    log_in(client, make_user(organisation=org, role=role))
    for url in write_urls(case, stay, task):
        assert client.post(url, {}).status_code == 403, url
    stay.refresh_from_db()
    assert stay.vacated_on is None


def test_another_organisation_gets_404_on_every_new_write(client, other_org, case, stay, task):
    log_in(client, make_user(organisation=other_org, role="legal"))
    for url in write_urls(case, stay, task):
        assert client.post(url, {}).status_code == 404, url


def test_an_order_of_another_case_is_404(client, legal_staff, org, places, case, stay) -> None:
    other = make_case(organisation=org, district=places.district_a)
    log_in(client, legal_staff)
    url = reverse("cases:order_vacate", args=[other.pk, stay.pk])
    assert client.post(url, {}).status_code == 404


def test_the_new_write_urls_refuse_get(client, legal_staff, case, stay, task) -> None:
    log_in(client, legal_staff)
    for url in write_urls(case, stay, task):
        assert client.get(url).status_code == 405, url


def test_a_vacated_order_moves_from_in_force_to_other_orders(
    client, legal_staff, case, stay
) -> None:
    log_in(client, legal_staff)
    response = post_row(
        client, "order_vacate", case, f"vacate-{stay.pk}", stay, on="৩১/০৫/২০২৪", note=""
    )
    assert response.status_code == 302
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    in_force = page[page.index("orders in-force") : page.index("Other orders")]
    assert f'data-order="{stay.pk}"' not in in_force
    assert "vacated on" in page[page.index("Other orders") :]


def test_a_refused_vacate_shows_the_error_beside_the_field_and_keeps_what_was_typed(
    client, legal_staff, case, stay
) -> None:
    log_in(client, legal_staff)
    response = post_row(
        client, "order_vacate", case, f"vacate-{stay.pk}", stay, on="01/05/2024", note="typed"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_vacate-{stay.pk}-on_errors"' in page
    assert "typed</textarea>" in page
    stay.refresh_from_db()
    assert stay.vacated_on is None


def test_an_order_is_extended_through_the_form(client, legal_staff, case, stay) -> None:
    log_in(client, legal_staff)
    post_row(
        client, "order_extend", case, f"extend-{stay.pk}", stay,
        on="01/06/2024", until=bengali_digits("31/08/2024"), note="",
    )  # fmt: skip
    stay.refresh_from_db()
    assert stay.in_force_until == date(2024, 8, 31)


def test_an_order_is_modified_through_the_form(client, legal_staff, case, stay) -> None:
    log_in(client, legal_staff)
    post_row(
        client, "order_modify", case, f"modify-{stay.pk}", stay,
        on="01/06/2024", kind="status_quo", in_force_until="30/06/2024", text="", note="",
    )  # fmt: skip
    stay.refresh_from_db()
    assert stay.kind == "status_quo"


def test_compliance_is_recorded_through_the_form_and_shown(client, legal_staff, case, stay):
    log_in(client, legal_staff)
    post_row(
        client, "order_compliance", case, f"comply-{stay.pk}", stay,
        on="01/06/2024", note="Land returned",
    )  # fmt: skip
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Complied with on" in page and "Land returned" in page


def test_the_judgment_form_offers_to_keep_each_order_in_force(
    client, legal_staff, case, stay
) -> None:
    bail = interim_order_record(case=case, kind="bail", made_on=date(2024, 5, 20), by=None)
    log_in(client, legal_staff)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'name="judgment-orders_kept"' in page
    post_form(
        client, "judgment_record", case, "judgment",
        on="01/06/2024", outcome="in_our_favour", note="", orders_kept=str(stay.pk),
    )  # fmt: skip
    stay.refresh_from_db()
    bail.refresh_from_db()
    assert (stay.end_reason, bail.end_reason) == ("", "judgment")
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "ended by the judgment of" in page


def test_a_note_is_added_and_shown_newest_first(client, legal_staff, case) -> None:
    log_in(client, legal_staff)
    post_form(client, "note_add", case, "note", written_on="20/05/2024", text="Older line")
    post_form(client, "note_add", case, "note", written_on="01/06/2024", text="Newer line")
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert page.index("Newer line") < page.index("Older line")
    assert CaseNote.objects.count() == 2


def test_a_task_is_added_and_flagged_when_overdue(client, legal_staff, case, task) -> None:
    log_in(client, legal_staff)
    post_form(
        client, "task_add", case, "task",
        title="Brief the lawyer", assignee=legal_staff.pk, due_on="05/06/2024",
    )  # fmt: skip
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Brief the lawyer" in page
    overdue = page[page.index(f'data-task="{task.pk}"') :]
    assert "overdue" in overdue[: overdue.index("</li>")]


def test_a_task_done_through_the_form_is_listed_as_done(client, legal_staff, case, task):
    log_in(client, legal_staff)
    response = post_row(client, "task_done", case, f"done-{task.pk}", task, on="01/06/2024")
    assert response.status_code == 302, response.content.decode()[:2000]
    task.refresh_from_db()
    assert task.done_on == date(2024, 6, 1)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "1 task done" in page


def test_readers_see_no_order_or_note_forms(client, org, case, stay) -> None:
    log_in(client, make_user(organisation=org, role="viewer"))
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f"vacate-{stay.pk}" not in page
    assert 'id="form-note"' not in page
