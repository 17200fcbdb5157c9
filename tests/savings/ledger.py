"""The independent check every savings test ends with: the balance recomputed in raw SQL
from the table itself, compared with what the selectors say."""

from __future__ import annotations

from typing import Any

from django.db import connection

from landclaims.groups.models import LandlessGroup
from landclaims.savings.selectors import savings_balance, savings_ledger


def assert_ledger_balances(group: LandlessGroup, user: Any = None) -> int:
    """The selectors' balance and last running balance equal the raw SQL sum, and no running
    balance is below zero; returns the balance (poisha). `user` defaults to a superuser's
    view (everything)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(e.change_poisha), 0) FROM savings_savingsentry e "
            "JOIN savings_savingsmeeting m ON m.id = e.meeting_id WHERE m.group_id = %s",
            [group.pk],
        )
        (raw,) = cursor.fetchone()
        cursor.execute(
            "SELECT coalesce(min(running), 0) FROM (SELECT sum(e.change_poisha) OVER "
            "(ORDER BY m.met_on, e.id) AS running FROM savings_savingsentry e "
            "JOIN savings_savingsmeeting m ON m.id = e.meeting_id WHERE m.group_id = %s) r",
            [group.pk],
        )
        (lowest,) = cursor.fetchone()
    user = user or _everyone()
    ledger = list(savings_ledger(user=user, group=group))
    assert savings_balance(user=user, group=group) == raw
    assert (ledger[-1].balance_poisha if ledger else 0) == raw
    assert lowest >= 0, f"the running balance fell to {lowest} poisha"
    return int(raw)


def _everyone() -> Any:
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username="ledger-check", defaults={"is_superuser": True}
    )
    return user
