"""The API's writes on an order's life, notes and tasks: the same services as the case page,
with If-Match. `world.order_a` is a status quo order of case A in force since 1 April 2024;
today is 1 June 2024."""

from __future__ import annotations

from datetime import date

import pytest

from landclaims.cases.models import CaseNote, CaseTask, InterimOrder
from landclaims.cases.services import case_task_add
from tests.api.conftest import client_for
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def post(client, url, body, case):
    etag = client.get(f"/api/v1/cases/{case.pk}/")["ETag"]
    return client.post(url, body, format="json", HTTP_IF_MATCH=etag)


def order_url(world, action: str) -> str:
    return f"/api/v1/cases/{world.case_a.pk}/orders/{world.order_a.pk}/{action}/"


def test_an_order_vacated_through_the_api_is_no_longer_in_force(world, legal) -> None:
    client = client_for(legal)
    response = post(client, order_url(world, "vacate"), {"on": "২০২৪-০৫-৩১"}, world.case_a)
    assert response.status_code == 200, response.json()
    assert response.json()["in_force"] is False
    assert response.json()["end_reason"] == "vacated"
    listed = client.get(f"/api/v1/interim-orders/{world.order_a.pk}/").json()
    assert (listed["in_force"], listed["vacated_on"]) == (False, "2024-05-31")


def test_a_vacate_without_if_match_is_refused_with_428(world, legal) -> None:
    response = client_for(legal).post(order_url(world, "vacate"), {"on": "2024-05-31"})
    assert response.status_code == 428
    assert InterimOrder.objects.get(pk=world.order_a.pk).vacated_on is None


def test_a_refused_vacate_names_the_field(world, legal) -> None:
    response = post(
        client_for(legal), order_url(world, "vacate"), {"on": "2024-03-01"}, world.case_a
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "on"


def test_an_order_modified_through_the_api_changes_only_what_was_sent(world, legal) -> None:
    body = {"on": "2024-06-01", "in_force_until": "2024-07-31"}
    response = post(client_for(legal), order_url(world, "modify"), body, world.case_a)
    assert response.status_code == 200, response.json()
    order = InterimOrder.objects.get(pk=world.order_a.pk)
    assert (order.kind, order.in_force_until) == ("status_quo", date(2024, 7, 31))


def test_an_order_extended_through_the_api(world, legal) -> None:
    client = client_for(legal)
    post(
        client,
        order_url(world, "modify"),
        {"on": "2024-06-01", "in_force_until": "2024-06-30"},
        world.case_a,
    )
    response = post(
        client,
        order_url(world, "extend"),
        {"on": "2024-06-01", "until": "2024-08-31"},
        world.case_a,
    )
    assert response.status_code == 200, response.json()
    assert response.json()["in_force_until"] == "2024-08-31"


def test_compliance_recorded_through_the_api(world, legal) -> None:
    body = {"on": "2024-06-01", "note": "Police kept the status quo"}
    response = post(client_for(legal), order_url(world, "compliance"), body, world.case_a)
    assert response.status_code == 200, response.json()
    assert response.json()["complied_on"] == "2024-06-01"


def test_a_judgment_through_the_api_ends_the_orders_not_kept(world, legal) -> None:
    client = client_for(legal)
    url = f"/api/v1/cases/{world.case_a.pk}/judgment/"
    body = {"on": "2024-06-01", "outcome": "in_our_favour"}
    assert post(client, url, body, world.case_a).status_code == 200
    order = client.get(f"/api/v1/interim-orders/{world.order_a.pk}/").json()
    assert (order["in_force"], order["end_reason"]) == (False, "judgment")


def test_a_judgment_through_the_api_keeps_the_orders_named(world, legal) -> None:
    client = client_for(legal)
    url = f"/api/v1/cases/{world.case_a.pk}/judgment/"
    body = {"on": "2024-06-01", "outcome": "partly", "orders_kept": [world.order_a.pk]}
    assert post(client, url, body, world.case_a).status_code == 200
    assert client.get(f"/api/v1/interim-orders/{world.order_a.pk}/").json()["in_force"] is True


def test_a_judgment_keeping_another_cases_order_is_refused(world, legal) -> None:
    url = f"/api/v1/cases/{world.case_b.pk}/judgment/"
    body = {"on": "2024-06-01", "outcome": "partly", "orders_kept": [world.order_a.pk]}
    response = post(client_for(legal), url, body, world.case_b)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "orders_kept"


def test_a_note_and_a_task_added_through_the_api(world, legal) -> None:
    client = client_for(legal)
    base = f"/api/v1/cases/{world.case_a.pk}"
    note = post(
        client, f"{base}/notes/", {"written_on": "2024-06-01", "text": "Brief"}, world.case_a
    )
    assert note.status_code == 201, note.json()
    body = {"title": "Collect copy", "assignee": legal.pk, "due_on": "2024-06-10"}
    task = post(client, f"{base}/tasks/", body, world.case_a)
    assert task.status_code == 201, task.json()
    done = post(
        client, f"{base}/tasks/{task.json()['id']}/done/", {"on": "2024-06-01"}, world.case_a
    )
    assert done.status_code == 200, done.json()
    assert done.json()["done_on"] == "2024-06-01"
    assert CaseNote.objects.filter(case=world.case_a).count() == 1


def test_a_task_for_someone_of_another_organisation_is_refused_as_nobody(
    world, legal, other_org
) -> None:
    stranger = make_user(organisation=other_org, role="legal")
    body = {"title": "x", "assignee": stranger.pk, "due_on": "2024-06-10"}
    response = post(
        client_for(legal), f"/api/v1/cases/{world.case_a.pk}/tasks/", body, world.case_a
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "assignee"
    assert not CaseTask.objects.exists()


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_readers_get_403_on_every_new_write(world, org, legal, role) -> None:
    task = case_task_add(
        case=world.case_a, title="x", assignee=legal, due_on=date(2024, 6, 10), by=None
    )
    client = client_for(make_user(organisation=org, role=role))
    base = f"/api/v1/cases/{world.case_a.pk}"
    urls = [
        *(order_url(world, action) for action in ("vacate", "extend", "modify", "compliance")),
        f"{base}/notes/",
        f"{base}/tasks/",
        f"{base}/tasks/{task.pk}/done/",
    ]
    for url in urls:
        assert client.post(url, {}, format="json", HTTP_IF_MATCH='"1"').status_code == 403, url


def test_another_organisations_order_is_404(world, outsider) -> None:
    client = client_for(outsider)
    response = client.post(order_url(world, "vacate"), {"on": "2024-06-01"}, HTTP_IF_MATCH='"1"')
    assert response.status_code == 404


def test_an_order_of_another_case_is_404(world, legal) -> None:
    url = f"/api/v1/cases/{world.case_b.pk}/orders/{world.order_a.pk}/vacate/"
    response = post(client_for(legal), url, {"on": "2024-06-01"}, world.case_b)
    assert response.status_code == 404
