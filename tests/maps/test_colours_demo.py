"""On the seeded demo, every demo role's map reads from the stored colours exactly what the
per-user rules give (the tiles' SQL before the colours were stored: the leading claim among
the claims the user may see, frozen by the cases the user may see)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from landclaims.demo.people import DEMO_USERS
from tests.demo_data import seed_demo
from tests.maps.test_colours import _as_tiles_read, _by_rule

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        yield seed_demo()
        from django.core.management import call_command as flush

        flush("flush", "--no-input")


@pytest.mark.parametrize("username", sorted(DEMO_USERS))
def test_each_demo_role_sees_the_colours_the_rules_give(seeded, username) -> None:
    user = get_user_model().objects.get(username=username)
    today = timezone.localdate()
    for day in (today - timedelta(days=400), today, today + timedelta(days=400)):
        read = _as_tiles_read(user, day)
        assert read, username  # every demo role sees some parcels
        assert read == _by_rule(user, day), (username, day)
