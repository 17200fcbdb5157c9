"""A group's history on its page: what changed, its village by name, never the group's id,
and its names hidden from roles that may not read them."""

from __future__ import annotations

import pytest

from landclaims.audit.selectors import group_history
from landclaims.groups.services import group_update
from tests.factories import make_group, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def moved_group(org, places):
    group = make_group(organisation=org, village=places.village_a, name_bn="পুরনো নাম")
    organiser = make_user(organisation=org, role="organiser")
    changes = {"village": places.village_b, "name_bn": "নতুন নাম"}
    return group_update(group=group, by=organiser, changes=changes)


def _changes(history) -> dict[str, tuple[str, str]]:
    update = next(entry for entry in history if entry.action == "update")
    return {change.field: (change.before, change.after) for change in update.changes}


def test_the_history_names_the_villages_not_their_ids(org, places, moved_group) -> None:
    organiser = make_user(organisation=org, role="organiser")
    changes = _changes(group_history(user=organiser, group_pk=moved_group.pk))
    assert changes["village"] == ("Charpara", "Dakshinpara")
    assert all(str(moved_group.pk) not in e.record for e in group_history(
        user=organiser, group_pk=moved_group.pk))  # fmt: skip


def test_a_monitor_does_not_read_the_groups_names_in_its_history(org, moved_group) -> None:
    monitor = make_user(organisation=org, role="monitor")
    history = group_history(user=monitor, group_pk=moved_group.pk)
    shown = repr(history)
    assert "পুরনো নাম" not in shown and "নতুন নাম" not in shown
    assert "name (Bengali)" in _changes(history)
