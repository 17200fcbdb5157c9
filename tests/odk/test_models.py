"""What a phone sent stays as it came, in the database itself, whoever connects: a review
changes what became of a submission, never the submission."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from landclaims.odk.models import Submission
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(org) -> Submission:
    return Submission.objects.create(
        organisation=org,
        submitted_by=make_user(organisation=org),
        form_id="lc_savings",
        instance_id="uuid:5d1c0a52-7f0e-4f59-8a4e-2b9f6c1d3e70",
        xml=b"<data id='lc_savings'/>",
        xml_sha256="c" * 64,
        status="held",
    )


@pytest.mark.parametrize(
    "change",
    [
        "xml = 'forged'::bytea",
        "xml_sha256 = repeat('d', 64)",
        "instance_id = 'uuid:other'",
        "form_id = 'lc_group'",
    ],
)
def test_what_came_from_the_phone_cannot_be_changed(kept, change) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE odk_submission SET {change} WHERE id = %s", [kept.pk])  # noqa: S608
    kept.refresh_from_db()
    assert bytes(kept.xml) == b"<data id='lc_savings'/>"


def test_what_became_of_it_may_change(kept) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE odk_submission SET status = 'applied', applied_at = now() WHERE id = %s",
            [kept.pk],
        )
    kept.refresh_from_db()
    assert kept.status == "applied"
