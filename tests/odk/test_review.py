"""The review of field submissions: who sees which, and the pages that correct, apply and
reject them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from landclaims.groups.models import LandlessGroup
from landclaims.odk.applying import submission_apply
from landclaims.odk.models import Submission
from landclaims.odk.review import held_count, question_label, submission_list
from landclaims.parcels.models import Parcel
from tests.factories import OrganisationFactory, log_in, make_group, make_user
from tests.odk.conftest import make_submission

pytestmark = pytest.mark.django_db


def _group_answers(village, name_bn="নতুন ভূমিহীন সমিতি"):
    member = {"code": "N-1", "sex": "female", "priority_category": "no_homestead_no_land"}
    return {"village": str(village.pk), "name_bn": name_bn, "sex": "women", "member": [member]}


@pytest.fixture
def held(submit, places, organiser) -> Submission:
    """A group whose name was left blank on the phone: held, filed under district A."""
    submission = submit("lc_group", _group_answers(places.village_a, name_bn=""), by=organiser)
    return submission_apply(submission=submission, by=organiser)


def test_another_organisations_submissions_are_never_listed(held, places, outsider) -> None:
    theirs = make_submission(
        form_id="lc_group",
        answers=_group_answers(places.village_a),
        by=outsider,
        organisation=OrganisationFactory(),
    )
    assert list(submission_list(outsider)) == []  # outsider's own org is another one
    assert theirs not in submission_list(held.submitted_by)
    assert held_count(outsider) == 0


def test_a_district_person_sees_their_districts_and_their_own_unfiled(
    submit, org, places, held
) -> None:
    legal_b = make_user(organisation=org, role="legal", districts=[places.district_b])
    own_unfiled = submit("lc_group", {"village": "", "name_bn": ""}, by=legal_b)
    own_unfiled = submission_apply(submission=own_unfiled, by=legal_b)
    assert own_unfiled.district is None
    assert list(submission_list(legal_b)) == [own_unfiled]  # not district A's held one
    assert held in submission_list(make_user(organisation=org, role="admin"))


def test_held_ones_come_first_and_are_counted(submit, places, organiser, held) -> None:
    applied = submission_apply(
        submission=submit("lc_group", _group_answers(places.village_a), by=organiser),
        by=organiser,
    )
    assert applied.status == "applied"
    assert list(submission_list(organiser)) == [held, applied]
    assert held_count(organiser) == 1


def test_monitors_and_viewers_are_refused_the_pages(client, org, held) -> None:
    log_in(client, make_user(organisation=org, role="monitor"))
    assert client.get(reverse("odk_review:list")).status_code == 403
    assert client.get(reverse("odk_review:detail", args=[held.pk])).status_code == 403


def test_the_pages_need_a_login(client, held) -> None:
    response = client.get(reverse("odk_review:detail", args=[held.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_another_organisations_submission_is_not_found(client, outsider, held) -> None:
    log_in(client, outsider)
    assert client.get(reverse("odk_review:detail", args=[held.pk])).status_code == 404
    response = client.post(
        reverse("odk_review:detail", args=[held.pk]),
        {"action": "reject", "reject-note": "not ours"},
    )
    assert response.status_code == 404
    held.refresh_from_db()
    assert held.status == "held"


def test_the_list_shows_the_forms_title_and_the_held_count(client, organiser, held) -> None:
    log_in(client, organiser)
    page = client.get(reverse("odk_review:list")).content.decode()
    assert "Register a group" in page
    assert 'id="held-count"' in page  # the navbar's badge
    assert ">lc_group" not in page  # no form code on screen (only as an option value)


def test_the_page_shows_the_problem_beside_its_answer(client, organiser, held) -> None:
    log_in(client, organiser)
    response = client.get(reverse("odk_review:detail", args=[held.pk]))
    page = response.content.decode()
    assert "This answer is required." in page
    assert 'name="fix-name_bn"' in page
    assert "Charpara" in page  # the village by its name, not its id


def test_correcting_on_the_page_applies_and_links_the_group(client, organiser, held) -> None:
    log_in(client, organiser)
    url = reverse("odk_review:detail", args=[held.pk])
    response = client.post(url, {"action": "correct", "fix-name_bn": "চরপাড়া নারী সমিতি"})
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == "applied"
    group = LandlessGroup.objects.get(name_bn="চরপাড়া নারী সমিতি")
    page = client.get(url).content.decode()
    assert reverse("groups:detail", args=[group.pk]) in page


def test_the_duplicate_group_can_be_created_anyway(client, org, places, organiser, submit):
    make_group(organisation=org, village=places.village_a, name_bn="Old", name_en="Same name")
    answers = {**_group_answers(places.village_a), "name_en": "same  NAME"}
    held = submission_apply(submission=submit("lc_group", answers, by=organiser), by=organiser)
    log_in(client, organiser)
    url = reverse("odk_review:detail", args=[held.pk])
    assert 'name="fix-confirm_new_group"' in client.get(url).content.decode()
    fields = {"action": "correct", "fix-name_bn": answers["name_bn"], "fix-confirm_new_group": "on"}
    assert client.post(url, fields).status_code == 302
    assert LandlessGroup.objects.count() == 2


def test_rejecting_needs_a_note(client, organiser, held) -> None:
    log_in(client, organiser)
    url = reverse("odk_review:detail", args=[held.pk])
    assert client.post(url, {"action": "reject", "reject-note": ""}).status_code == 400
    assert client.post(url, {"action": "reject", "reject-note": "A test"}).status_code == 302
    held.refresh_from_db()
    assert (held.status, held.review_note) == ("rejected", "A test")


def test_question_labels_are_the_forms_own() -> None:
    assert question_label("lc_group", "name_bn") == "Group name in Bengali"
    assert question_label("lc_group", "member.2.name_bn") == "Name in Bengali"  # the repeat's
    assert question_label("lc_group", "some_old_answer") == "Some old answer"


def test_the_problems_are_shown_in_the_readers_language(client, organiser, held) -> None:
    # Held in English (the messages' ids), read in Bangla.
    assert held.problems[0]["message"] == "This answer is required."
    log_in(client, organiser)
    client.cookies["django_language"] = "bn"
    page = client.get(reverse("odk_review:detail", args=[held.pk])).content.decode()
    assert "এই উত্তরটি দিতেই হবে।" in page
    assert 'name="fix-confirm_new_group"' not in page  # not a duplicate: no "create anyway"


def test_a_refused_boundary_can_be_recorded_from_the_papers(client, submit, places, organiser):
    lat, lon, d = 24.25, 89.92, 0.0005
    bowtie = f"{lat} {lon} 0 3;{lat + d} {lon + d} 0 3;{lat} {lon + d} 0 3;{lat + d} {lon} 0 3"
    answers = {
        "mouza": str(places.mouza_a.pk),
        "survey": "RS",
        "dag_nos": "88",
        "land_class": "agri_khas",
        "boundary_how": "walked",
        "boundary": bowtie,
    }
    held = submission_apply(submission=submit("lc_parcel", answers, by=organiser), by=organiser)
    log_in(client, organiser)
    url = reverse("odk_review:detail", args=[held.pk])
    page = client.get(url).content.decode()
    assert "4 corners" in page and "crosses itself" in page
    response = client.post(url, {"action": "correct", "fix-boundary_how": "paper"})
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == "applied"
    parcel = Parcel.objects.get(pk=held.records[0]["pk"])
    assert parcel.geom is None and parcel.dags.get().dag_no == "88"
