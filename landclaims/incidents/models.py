"""Incidents: attacks, evictions, arrests and false cases against landless groups."""

from __future__ import annotations

from typing import Any

from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from landclaims.core.db import inside_bangladesh
from landclaims.core.models import DistrictRecord
from landclaims.core.permissions import GROUP_NAME_READERS, has_role
from landclaims.core.scoping import ScopedQuerySet
from landclaims.core.tracking import audited
from landclaims.privacy.fields import EncryptedTextField


class IncidentQuerySet(ScopedQuerySet):
    district_path = "district"

    # In an area: its district lies in it, or its parcel, or a parcel of its claim does.
    area_paths = ("district", "parcel__mouza", "claim__parcels__mouza")

    def visible_to(self, user: Any) -> IncidentQuerySet:
        """The incidents `user` may see: their scope, and sexual violence only for the roles
        that read names. Every reader (pages, map, exports, API, dashboard) starts here."""
        incidents: IncidentQuerySet = super().visible_to(user)  # type: ignore[assignment]
        return incidents._for_role_of(user)

    def countable_by(self, user: Any) -> IncidentQuerySet:
        """What `user` may count (a network's partners' incidents too), with the same rule on
        kinds as visible_to."""
        incidents: IncidentQuerySet = super().countable_by(user)  # type: ignore[assignment]
        return incidents._for_role_of(user)

    def _for_role_of(self, user: Any) -> IncidentQuerySet:
        return self if has_role(user, GROUP_NAME_READERS) else self.shareable()

    def shareable(self) -> IncidentQuerySet:
        """Without the kinds that never leave the staff: what a monitor or viewer may see and
        what an export outside the staff profile may hold."""
        return self.exclude(kind__in=RESTRICTED_KINDS)


@audited()
class Incident(DistrictRecord):
    class Kind(models.TextChoices):
        ATTACK = "attack", _("Attack")
        EVICTION = "eviction", _("Eviction")
        ARSON = "arson", _("Arson")
        CROP_DESTRUCTION = "crop_destruction", _("Crop destruction")
        ARREST = "arrest", _("Arrest")
        THREAT = "threat", _("Threat")
        SEXUAL_VIOLENCE = "sexual_violence", _("Sexual violence")
        FALSE_CASE = "false_case", _("False case")
        LAND_GRAB = "land_grab", _("Land grabbed or encroached")
        HARASSMENT = "harassment", _("Harassment")
        OTHER = "other", _("Other")

    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind of incident"))
    occurred_on = models.DateField(verbose_name=_("occurred on"))
    women_affected = models.PositiveIntegerField(default=0, verbose_name=_("women affected"))
    men_affected = models.PositiveIntegerField(default=0, verbose_name=_("men affected"))
    others_affected = models.PositiveIntegerField(
        default=0, verbose_name=_("others affected (other sex, not known)")
    )
    # Naming the attackers puts the people who report them at risk: encrypted like members.
    perpetrators = EncryptedTextField(_("perpetrators"), max_length=2000, blank=True)
    gd_fir_no = models.CharField(_("GD/FIR no."), max_length=60, blank=True)
    police_station = models.CharField(max_length=120, blank=True, verbose_name=_("police station"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    location = models.PointField(srid=4326, null=True, blank=True, verbose_name=_("location"))
    claim = models.ForeignKey(
        "claims.Claim",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incidents",
        verbose_name=_("claim"),
    )
    parcel = models.ForeignKey(
        "parcels.Parcel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incidents",
        verbose_name=_("parcel"),
    )
    group = models.ForeignKey(
        "groups.LandlessGroup",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incidents",
        verbose_name=_("group"),
    )
    legal_case = models.ForeignKey(
        "cases.LegalCase",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incidents",
        verbose_name=_("case"),
    )

    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = IncidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-occurred_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=inside_bangladesh("location"), name="incident_location_in_bangladesh"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_on}"


# Sexual violence: seen only by the roles that read names (GROUP_NAME_READERS) and never in a
# file outside the staff profile. IncidentQuerySet.visible_to and .shareable are its one home.
RESTRICTED_KINDS = frozenset({Incident.Kind.SEXUAL_VIOLENCE})
