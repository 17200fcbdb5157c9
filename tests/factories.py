"""Factories that build records through the services, so tests exercise the real rules."""

from __future__ import annotations

import itertools
import time
from datetime import date
from typing import Any

import factory
from django.contrib.auth import get_user_model
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_totp.models import TOTPDevice
from factory.django import DjangoModelFactory

from landclaims.accounts.selectors import totp_device_confirmed, two_factor_required
from landclaims.accounts.services import totp_device_confirm, totp_device_start
from landclaims.cases.models import LegalCase
from landclaims.cases.services import case_create
from landclaims.claims.models import Claim
from landclaims.claims.services import claim_create
from landclaims.cooperatives.models import Cooperative
from landclaims.cooperatives.services import MemberGroup, cooperative_create
from landclaims.core.models import Membership, Organisation
from landclaims.groups.models import LandlessGroup, Member
from landclaims.groups.services import group_create, member_create
from landclaims.parcels.models import Parcel
from landclaims.parcels.services import parcel_create
from landclaims.places.models import AdminArea, Village
from landclaims.representation.models import Seat
from landclaims.representation.services import seat_add
from landclaims.training.models import TrainingEvent
from landclaims.training.services import training_event_create
from tests import geoms

_dag_numbers = itertools.count(1)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    name_bn = "সংগঠন"
    slug = factory.Sequence(lambda n: f"org-{n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")


def make_user(
    *, organisation: Organisation | None, role: str = "organiser", districts: list[AdminArea] = ()
) -> Any:
    user = UserFactory()
    user.save()
    if organisation is not None:
        membership = Membership.objects.create(user=user, organisation=organisation, role=role)
        membership.districts.set(districts)
    return user


def make_parcel(
    *, organisation: Organisation, mouza: AdminArea, geom: Any = None, **extra: Any
) -> Parcel:
    fields = {
        "survey": "RS",
        "dag_nos": [str(next(_dag_numbers))],
        "land_class": "agri_khas",
        "area_value": "50",
        "area_unit": "decimal",
        "geom": geom if geom is not None else geoms.square(mouza.centre.coords, 100),
        "geom_source": "gps_walk",
        **extra,
    }
    return parcel_create(organisation=organisation, mouza=mouza, **fields).parcel


def make_group(*, organisation: Organisation, village: Village, **extra: Any) -> LandlessGroup:
    fields = {"name_bn": f"ভূমিহীন সমিতি {next(_dag_numbers)}", "sex": "women", **extra}
    return group_create(organisation=organisation, village=village, **fields)


def make_claim(
    *, organisation: Organisation, village: Village, mouza: AdminArea, by: Any = None, **extra: Any
) -> Claim:
    group = make_group(organisation=organisation, village=village)
    parcel = make_parcel(organisation=organisation, mouza=mouza)
    fields = {"opened_on": date(2020, 1, 10), **extra}
    return claim_create(
        organisation=organisation, groups=[group], parcels=[parcel], by=by, **fields
    )


def make_case(*, organisation: Organisation, district: AdminArea, **extra: Any) -> LegalCase:
    fields = {
        "case_type": "writ",
        "forum_level": "high_court_division",
        "court_name": "High Court Division, Dhaka",
        "number": str(next(_dag_numbers)),
        "year": 2021,
        "our_role": "petitioner",
        "by": None,
        **extra,
    }
    return case_create(organisation=organisation, district=district, **fields)


def totp_token(device: TOTPDevice) -> str:
    """The code an authenticator app would show for `device` now, computed from its key
    (django_otp.oath), or the next one if this one was used already: a device refuses
    a code from a time step it has already accepted."""
    now = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    now.time = time.time()
    step = max(now.t(), device.last_t + 1)
    return f"{hotp(device.bin_key, step, digits=device.digits):0{device.digits}d}"


def two_factor_device(user: Any) -> TOTPDevice | None:
    """The user's authenticator; one is enrolled, through the services with a real first
    code, when the user's role requires two-factor sign-in and they have none yet."""
    device = totp_device_confirmed(user)
    if device is None and two_factor_required(user):
        pending = totp_device_start(user=user)
        assert totp_device_confirm(user=user, token=totp_token(pending)) is not None
        device = totp_device_confirmed(user)
    return device


def log_in(client: Any, user: Any) -> None:
    """Log a test client in as `user`, the way every test should.

    Two-factor sign-in is never switched off in tests: for a user with an authenticator
    (enrolled here if their role needs one) the session is verified as django_otp.login
    does it, by holding the device's persistent id.
    """
    client.force_login(user)
    device = two_factor_device(user)
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def make_cooperative(
    *,
    organisation: Organisation,
    district: AdminArea,
    groups: list[LandlessGroup] = (),
    **extra: Any,
) -> Cooperative:
    """A cooperative of `groups`, two shares and 500 taka each, through its service."""
    fields = {"name_bn": f"গণ সমবায় {next(_dag_numbers)}", "by": None, **extra}
    members = [MemberGroup(group=g, shares=2, contribution_taka="500") for g in groups]
    return cooperative_create(
        organisation=organisation, district=district, members=members, **fields
    )


def make_savings_meeting(
    *, group: LandlessGroup, met_on: date = date(2024, 5, 3), entries: Any = (), **extra: Any
) -> Any:
    """A savings meeting (a Friday by default) recorded through the service, with `entries`
    as savings.services.EntryInput or dicts of their fields."""
    from landclaims.savings.services import EntryInput, savings_meeting_record

    inputs = [e if isinstance(e, EntryInput) else EntryInput(**e) for e in entries]
    fields = {"members_present": None, "decisions": "", **extra}
    return savings_meeting_record(group=group, met_on=met_on, entries=inputs, by=None, **fields)


def make_member(*, group: LandlessGroup, **extra: Any) -> Member:
    fields = {
        "code": f"M-{next(_dag_numbers)}",
        "sex": "female",
        "priority_category": "no_homestead_no_land",
        **extra,
    }
    return member_create(group=group, **fields)


def make_training(
    *, organisation: Organisation, district: AdminArea, by: Any = None, **extra: Any
) -> TrainingEvent:
    fields = {
        "title": "Basic rights awareness",
        "tier": "basic",
        "started_on": date(2024, 2, 10),
        "topics": ["rights_awareness"],
        **extra,
    }
    return training_event_create(organisation=organisation, district=district, by=by, **fields)


def make_seat(*, member: Member, by: Any = None, **extra: Any) -> Seat:
    fields = {
        "body": "up_standing_committee",
        "how": "elected",
        "from_on": date(2022, 1, 5),
        **extra,
    }
    return seat_add(member=member, by=by, **fields)


def make_action(*, organisation: Organisation, groups: list[LandlessGroup], **extra: Any) -> Any:
    """A sit-in of `groups` (through action_create), women and men counted."""
    from landclaims.actions.services import action_create

    fields = {
        "kind": "sit_in",
        "took_place_on": date(2024, 3, 10),
        "women": 30,
        "men": 12,
        "venue": "UNO's office",
        **extra,
    }
    return action_create(organisation=organisation, groups=groups, **fields)


def make_safety_net_check(*, organisation: Organisation, union: AdminArea, **extra: Any) -> Any:
    """A VGD check in `union` (through safety_net_check_create)."""
    from landclaims.actions.services import safety_net_check_create

    fields = {
        "programme": "vgd",
        "checked_on": date(2024, 3, 12),
        "checked": "The union's VGD list against the people who received rice",
        **extra,
    }
    return safety_net_check_create(organisation=organisation, union=union, **fields)
