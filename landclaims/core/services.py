"""Writes for organisations and memberships (who belongs where, in which role)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from landclaims.core.models import Membership, Organisation
from landclaims.core.scoping import forget_scope, scope_for
from landclaims.core.updates import apply_changes

ORGANISATION_EDITABLE = ("name_en", "name_bn", "local_area_units", "network")
MEMBERSHIP_EDITABLE = ("role", "districts")


@transaction.atomic
def organisation_create(
    *, name_en: str, slug: str, name_bn: str = "", local_area_units: Mapping[str, Any] | None = None
) -> Organisation:
    organisation = Organisation(
        name_en=name_en.strip(),
        name_bn=name_bn.strip(),
        slug=slug,
        local_area_units=dict(local_area_units or {}),
    )
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, changes: Mapping[str, Any]) -> Organisation:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if changes.get("network") is not None:
        _check_network(organisation, changes["network"])
    return apply_changes(organisation, changes, editable=ORGANISATION_EDITABLE)


def _check_network(organisation: Organisation, network: Organisation) -> None:
    """A network is one level deep (ALRD and its local partners): a partner has no partners of
    its own, and a network is no one's partner; so the figures a network counts stop there."""
    if network.pk == organisation.pk:
        raise ValidationError({"network": _("An organisation cannot be its own network.")})
    network = Organisation.objects.get(pk=network.pk)  # as it is now, not as it was passed
    if network.network_id is not None:
        raise ValidationError(
            {"network": _("%(name)s is a partner of a network itself.") % {"name": network}}
        )
    if organisation.partners.exists():
        raise ValidationError(
            {"network": _("This organisation has partners of its own, so it is a network.")}
        )


@transaction.atomic
def membership_create(
    *, user: Any, organisation: Organisation, role: str, districts: Sequence[Any] = ()
) -> Membership:
    """Give a person a role in an organisation, optionally limited to some districts."""
    _check_districts(districts)
    membership = Membership(user=user, organisation=organisation, role=role)
    membership.full_clean()
    membership.save()
    membership.districts.set(districts)
    forget_scope(user)
    return membership


@transaction.atomic
def membership_update(*, membership: Membership, changes: Mapping[str, Any]) -> Membership:
    """Change a person's role or districts; the organisation they belong to is fixed."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _check_districts(changes.get("districts", ()))
    apply_changes(membership, changes, editable=MEMBERSHIP_EDITABLE)
    forget_scope(membership.user)
    return membership


def _check_districts(districts: Sequence[Any]) -> None:
    if any(d.level != "district" for d in districts):
        raise ValidationError({"districts": _("Choose districts only.")})


def district_record_check(
    *, by: Any, organisation: Organisation, district: Any, wrong_organisation: str, missing: str
) -> None:
    """A record filed under a district (core.models.DistrictRecord) belongs to its writer's
    organisation and to one of their districts. `by=None` is the system itself.

    `wrong_organisation` and `missing` say it in the words of the kind of record."""
    if district is None:
        raise ValidationError({"district": missing})
    if district.level != "district":
        raise ValidationError({"district": _("Choose a district.")})
    scope = scope_for(by)
    if by is None or scope is None:
        return
    if scope.organisation_id not in (None, organisation.pk):
        raise ValidationError({"organisation": wrong_organisation})
    if scope.district_ids is not None and district.pk not in scope.district_ids:
        raise ValidationError({"district": _("You work in other districts; choose one of yours.")})
