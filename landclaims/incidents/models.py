"""Incidents: attacks, evictions, arrests and false cases against landless groups."""

from __future__ import annotations

from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from landclaims.audit.tracking import audited
from landclaims.core.db import inside_bangladesh
from landclaims.core.models import DistrictRecord
from landclaims.core.scoping import ScopedQuerySet


class IncidentQuerySet(ScopedQuerySet):
    district_path = "district"


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

    kind = models.CharField(max_length=20, choices=Kind.choices)
    occurred_on = models.DateField()
    women_affected = models.PositiveIntegerField(default=0)
    men_affected = models.PositiveIntegerField(default=0)
    gd_fir_no = models.CharField(_("GD/FIR no."), max_length=60, blank=True)
    police_station = models.CharField(max_length=120, blank=True)
    description = models.TextField(blank=True)
    location = models.PointField(srid=4326, null=True, blank=True)
    claim = models.ForeignKey(
        "claims.Claim", null=True, blank=True, on_delete=models.SET_NULL, related_name="incidents"
    )
    parcel = models.ForeignKey(
        "parcels.Parcel", null=True, blank=True, on_delete=models.SET_NULL, related_name="incidents"
    )
    legal_case = models.ForeignKey(
        "cases.LegalCase",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incidents",
    )

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=inside_bangladesh("location"), name="incident_location_in_bangladesh"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_on}"
