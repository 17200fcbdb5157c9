"""The one rule for who sees which rows: the user's organisation, then their districts.

Every model's queryset declares where its organisation and district live and calls
`scope_queryset`; selectors, pages, maps, exports and the API all start from there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q

_CACHE_ATTR = "_landclaims_scope"
_COUNTED_CACHE_ATTR = "_landclaims_counted_organisations"


@dataclass(frozen=True)
class Scope:
    organisation_id: int | None  # None: every organisation (superusers only)
    district_ids: frozenset[int] | None  # None: every district of the organisation
    role: str


def scope_for(user: Any) -> Scope | None:
    """The scope of a user, or None when they may see no records at all."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    cached = getattr(user, _CACHE_ATTR, False)
    if cached is not False:
        return cached  # type: ignore[no-any-return]
    scope = _load_scope(user)
    setattr(user, _CACHE_ATTR, scope)
    return scope


def _load_scope(user: Any) -> Scope | None:
    from landclaims.core.models import Membership, Role

    if user.is_superuser:
        return Scope(organisation_id=None, district_ids=None, role=Role.ADMIN)
    membership = Membership.objects.filter(user=user).first()
    if membership is None:
        return None
    districts = frozenset(membership.districts.values_list("pk", flat=True))
    return Scope(
        organisation_id=membership.organisation_id,
        district_ids=districts or None,
        role=membership.role,
    )


def forget_scope(user: Any) -> None:
    """Drop the cached scope, after a membership change."""
    for attr in (_CACHE_ATTR, _COUNTED_CACHE_ATTR):
        if hasattr(user, attr):
            delattr(user, attr)


def counted_organisation_ids(user: Any) -> frozenset[int] | None:
    """The organisations whose records `user` may count in figures: their own and, for the
    staff of a network (ALRD and its local partners), the network's partners. None: every
    organisation (superusers); empty: none.

    Only counting widens: a partner's records stay visible to the partner's own staff
    alone (`visible_to`), so a network sees its partners' totals, never their records or
    names.
    """
    scope = scope_for(user)
    if scope is None:
        return frozenset()
    if scope.organisation_id is None:
        return None
    cached = getattr(user, _COUNTED_CACHE_ATTR, None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    from landclaims.core.models import Organisation

    partners = Organisation.objects.filter(network_id=scope.organisation_id)
    counted = frozenset({scope.organisation_id, *partners.values_list("pk", flat=True)})
    setattr(user, _COUNTED_CACHE_ATTR, counted)
    return counted


def scope_queryset[Q: models.QuerySet[Any]](
    queryset: Q, user: Any, *, organisation: str | None, district: str | None
) -> Q:
    """Filter `queryset` to what `user` may see.

    `organisation` and `district` are lookup paths to the row's organisation and district;
    None means the model has no such link (it is then not restricted by it).
    """
    scope = scope_for(user)
    if scope is None:
        return queryset.none()
    if scope.organisation_id is not None and organisation is not None:
        queryset = queryset.filter(**{f"{organisation}_id": scope.organisation_id})
    if scope.district_ids is not None and district is not None:
        queryset = queryset.filter(**{f"{district}_id__in": scope.district_ids})
    return queryset


def count_scope_queryset[Q: models.QuerySet[Any]](
    queryset: Q, user: Any, *, organisation: str | None, district: str | None
) -> Q:
    """Filter `queryset` to what `user` may count in figures: as `scope_queryset`, with a
    network's partners' records too (counted_organisation_ids); the user's districts, when
    they are limited to some, limit the partners' records as well."""
    scope = scope_for(user)
    if scope is None:
        return queryset.none()
    organisations = counted_organisation_ids(user)
    if organisations is not None and organisation is not None:
        queryset = queryset.filter(**{f"{organisation}_id__in": organisations})
    if scope.district_ids is not None and district is not None:
        queryset = queryset.filter(**{f"{district}_id__in": scope.district_ids})
    return queryset


class ScopedQuerySet(models.QuerySet[Any]):
    """A queryset whose model says where its organisation and district are."""

    organisation_path: str | None = "organisation"
    district_path: str | None = None

    # Each app's "in this area" rule: the lookup paths to the admin areas a record lies in.
    # A record is in an area when any of them lies in it (its path starts with the area's).
    area_paths: tuple[str, ...] = ()

    def visible_to(self, user: Any) -> ScopedQuerySet:
        return scope_queryset(
            self, user, organisation=self.organisation_path, district=self.district_path
        )

    def countable_by(self, user: Any) -> ScopedQuerySet:
        """The records `user` may count (figures only, never a list, a page or a file): a
        network's staff count their partners' records too. See count_scope_queryset."""
        return count_scope_queryset(
            self, user, organisation=self.organisation_path, district=self.district_path
        )

    def in_area(self, area: Any) -> ScopedQuerySet:
        """The records in `area` (an admin area at any level), by the model's `area_paths`;
        lists, exports, the dashboard, the map and the API all filter with this."""
        if not self.area_paths:
            raise TypeError(f"{self.model.__name__} says no area_paths")
        inside = Q()
        for path in self.area_paths:
            inside |= Q(**{f"{path}__path__startswith": area.path})
        if len(self.area_paths) == 1 and not _multi_valued(self.model, self.area_paths[0]):
            return self.filter(inside)
        # Through a many-valued link a record would come once per matching row.
        return self.filter(pk__in=self.model._default_manager.filter(inside).values("pk"))


def _multi_valued(model: type[models.Model], path: str) -> bool:
    """Whether following `path` from `model` can reach several rows (a many-to-many or a
    reverse foreign key on the way)."""
    for name in path.split("__"):
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        model = field.related_model
    return False
