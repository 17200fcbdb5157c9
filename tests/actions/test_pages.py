"""The action pages: recording one from a claim's page, the list's filters, the action's page
and its correction, the timelines of claims, cases, incidents and groups, and the safety-net
checks."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from landclaims.actions.models import Action, SafetyNetCheck
from landclaims.actions.services import action_update
from tests.factories import log_in, make_action, make_safety_net_check

pytestmark = pytest.mark.django_db


def _as(client, user):
    log_in(client, user)
    return client


def _form(scene, **fields):
    data = {
        "kind": "sit_in",
        "took_place_on": "১০/০৩/২০২৪",
        "groups": [scene.group.pk],
        "place": "",
        "venue": "UNO's office",
        "women": "৪০",  # noqa: RUF001 (Bengali digits, as people type them)
        "men": "12",
        "others": "0",
        "authority": "UNO",
        "demands": "Settle the khas land with the landless",
        "outcome": "pending",
        "outcome_note": "",
        "claims": [scene.claim.pk],
        "cases": [],
        "incidents": [],
    }
    data.update(fields)
    return data


def test_the_form_from_a_claim_page_has_the_claim_and_its_groups_chosen(client, scene) -> None:
    url = reverse("actions:new") + f"?claim={scene.claim.pk}"
    form = _as(client, scene.users["organiser"]).get(url).context["form"]
    assert (form["claims"].value(), form["groups"].value()) == ([scene.claim.pk], [scene.group.pk])


def test_the_form_from_an_incident_page_has_its_claim_and_groups_chosen(client, scene) -> None:
    url = reverse("actions:new") + f"?incident={scene.eviction.pk}"
    form = _as(client, scene.users["organiser"]).get(url).context["form"]
    assert form["incidents"].value() == [scene.eviction.pk]
    assert (form["claims"].value(), form["groups"].value()) == ([scene.claim.pk], [scene.group.pk])


@pytest.mark.parametrize("name", ["group", "case", "incident"])
def test_the_form_from_a_group_case_or_incident_page_has_it_chosen(client, scene, name) -> None:
    record = {"group": scene.group, "case": scene.case, "incident": scene.eviction}[name]
    url = reverse("actions:new") + f"?{name}={record.pk}"
    form = _as(client, scene.users["organiser"]).get(url).context["form"]
    field = {"group": "groups", "case": "cases", "incident": "incidents"}[name]
    assert form[field].value() == [record.pk]


def test_a_sit_in_is_recorded_with_bengali_digits_and_shown_on_the_claim(client, scene) -> None:
    client = _as(client, scene.users["organiser"])
    response = client.post(reverse("actions:new"), _form(scene))
    action = Action.objects.get()
    assert response.url == reverse("actions:detail", args=[action.pk])
    assert (action.took_place_on, action.women, action.district) == (
        date(2024, 3, 10),
        40,
        scene.claim.district,
    )
    page = client.get(reverse("claims:detail", args=[scene.claim.pk])).content.decode()
    assert f'data-action="{action.pk}"' in page


def test_a_refusal_is_shown_beside_its_field(client, scene) -> None:
    client = _as(client, scene.users["organiser"])
    response = client.post(reverse("actions:new"), _form(scene, women="0", men="0"))
    assert response.status_code == 400
    assert response.context["form"].errors["women"]
    assert not Action.objects.exists()


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_may_not_open_the_form(client, scene, role) -> None:
    response = _as(client, scene.users[role]).get(reverse("actions:new"))
    assert response.status_code == 403


def test_monitors_see_the_list_without_group_names(client, org, scene) -> None:
    make_action(organisation=org, groups=[scene.group])
    page = _as(client, scene.users["monitor"]).get(reverse("actions:list")).content.decode()
    assert "Women&#x27;s group" in page
    assert scene.group.name_bn not in page
    assert 'id="record-action"' not in page


def test_the_list_filters_by_kind(client, org, scene) -> None:
    make_action(organisation=org, groups=[scene.group])
    memo = make_action(organisation=org, groups=[scene.group], kind="memorandum")
    response = _as(client, scene.users["organiser"]).get(
        reverse("actions:list"), {"kind": "memorandum"}
    )
    assert [a.pk for a in response.context["page"]] == [memo.pk]


def test_the_action_page_never_shows_a_claim_the_reader_cannot_see(client, org, scene) -> None:
    action = make_action(
        organisation=org, groups=[scene.group, scene.group_b], claims=[scene.claim, scene.claim_b]
    )
    client = _as(client, scene.organiser_a)
    page = client.get(reverse("actions:detail", args=[action.pk])).content.decode()
    assert reverse("claims:detail", args=[scene.claim.pk]) in page
    assert reverse("claims:detail", args=[scene.claim_b.pk]) not in page
    assert str(scene.claim_b) not in page
    assert scene.group_b.name_bn not in page


def test_an_action_of_another_district_is_not_found(client, org, scene) -> None:
    action = make_action(organisation=org, groups=[scene.group_b])
    response = _as(client, scene.organiser_a).get(reverse("actions:detail", args=[action.pk]))
    assert response.status_code == 404


def test_an_edit_keeps_links_the_editor_cannot_see(client, org, scene) -> None:
    action = make_action(
        organisation=org, groups=[scene.group, scene.group_b], claims=[scene.claim, scene.claim_b]
    )
    client = _as(client, scene.organiser_a)
    form = client.get(reverse("actions:edit", args=[action.pk])).context["form"]
    assert form["claims"].value() == [scene.claim.pk]
    data = _form(scene, outcome="met", claims=[], version="1")
    response = client.post(reverse("actions:edit", args=[action.pk]), data)
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.outcome == "met"
    assert list(action.claims.all()) == [scene.claim_b]
    assert set(action.groups.all()) == {scene.group, scene.group_b}


def test_an_edit_from_a_stale_page_is_refused(client, org, scene) -> None:
    action = make_action(organisation=org, groups=[scene.group])
    action_update(action=action, by=None, changes={"outcome": "met"})
    client = _as(client, scene.users["organiser"])
    response = client.post(reverse("actions:edit", args=[action.pk]), _form(scene, version="1"))
    assert response.status_code == 400
    assert "Someone else changed this record" in response.content.decode()


def test_case_incident_and_group_pages_show_their_actions(client, org, scene) -> None:
    action = make_action(
        organisation=org, groups=[scene.group], cases=[scene.case], incidents=[scene.eviction]
    )
    client = _as(client, scene.users["organiser"])
    for url in (
        reverse("cases:detail", args=[scene.case.pk]),
        reverse("incidents:detail", args=[scene.eviction.pk]),
        reverse("groups:detail", args=[scene.group.pk]),
    ):
        page = client.get(url).content.decode()
        assert f'data-action="{action.pk}"' in page, url
        assert 'id="record-action"' in page, url


def test_the_group_page_lists_its_safety_net_checks(client, org, places, scene) -> None:
    check = make_safety_net_check(organisation=org, union=places.union_a, groups=[scene.group])
    page = _as(client, scene.users["monitor"]).get(reverse("groups:detail", args=[scene.group.pk]))
    assert f'data-check="{check.pk}"' in page.content.decode()


def test_a_check_is_recorded_and_tallied(client, org, places, scene) -> None:
    visit = make_action(organisation=org, groups=[scene.group], kind="watchdog_visit")
    client = _as(client, scene.users["organiser"])
    data = {
        "union": places.union_a.pk,
        "programme": "vgf",
        "checked_on": "১২/০৩/২০২৪",
        "checked": "The VGF list against the rice handed out",
        "irregularities_found": "on",
        "irregularities": "Eight cards held by the chairman's relatives",
        "people_wrongly_left_out": "৮",
        "action_taken": "Memorandum to the UNO",
        "outcome": "",
        "groups": [scene.group.pk],
        "action": visit.pk,
    }
    response = client.post(reverse("actions:safety_net_new"), data)
    check = SafetyNetCheck.objects.get()
    assert response.url == reverse("actions:safety_net_detail", args=[check.pk])
    assert (check.people_wrongly_left_out, check.action, check.district) == (
        8,
        visit,
        places.district_a,
    )
    tally = client.get(reverse("actions:safety_nets")).context["tally"]
    assert [(t.programme, t.checks, t.people_left_out) for t in tally] == [("vgf", 1, 8)]


def test_a_check_without_its_irregularities_described_is_refused(client, places, scene) -> None:
    client = _as(client, scene.users["organiser"])
    data = {
        "union": places.union_a.pk,
        "programme": "vgd",
        "checked_on": "12/03/2024",
        "checked": "The list",
        "irregularities_found": "on",
        "irregularities": "",
        "people_wrongly_left_out": "0",
    }
    response = client.post(reverse("actions:safety_net_new"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["irregularities"]


def test_a_check_is_corrected(client, org, places, scene) -> None:
    check = make_safety_net_check(organisation=org, union=places.union_a)
    client = _as(client, scene.users["legal"])
    form = client.get(reverse("actions:safety_net_edit", args=[check.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(outcome="The UNO re-checked the list", checked_on="12/03/2024", version=1)
    data.pop("irregularities_found")
    response = client.post(reverse("actions:safety_net_edit", args=[check.pk]), data)
    assert response.status_code == 302
    check.refresh_from_db()
    assert (check.outcome, check.version) == ("The UNO re-checked the list", 2)
