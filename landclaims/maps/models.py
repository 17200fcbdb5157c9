"""Derived tables behind the map tiles; no record here is entered by anyone.

Database triggers (migrations 0002 and 0003) mark what a write changed: they record the
transaction in `LayerChange` (the tiles' ETag) and list the mouzas whose parcels or
claims changed in `StaleMouza`. `maps.services.stage_counts_refresh` then recounts only
those mouzas' unions into `StageCount`, which the low-zoom tiles read instead of a
million parcels.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from landclaims.core.scoping import ScopedQuerySet


class LayerVersion(models.Model):
    """One row: how many writing transactions were folded away from `LayerChange`.

    The layers' version is this number plus the rows of `LayerChange`; it grows by one with
    every committed transaction that wrote to a table the tiles read.
    """

    version = models.BigIntegerField(default=0, verbose_name=_("layer version"))

    class Meta:
        verbose_name = _("layer version")
        verbose_name_plural = _("layer versions")

    def __str__(self) -> str:
        return str(self.version)


class LayerChange(models.Model):
    """One row per transaction that wrote to a table the tiles read.

    A row per transaction rather than a counter: writers never wait on each other (a single
    counter row would be locked until commit, and two writers locking it and a claim in
    opposite orders would deadlock), and the row appears exactly when the data does.
    """

    xid = models.BigIntegerField(primary_key=True, verbose_name=_("transaction"))

    class Meta:
        verbose_name = _("layer change")
        verbose_name_plural = _("layer changes")

    def __str__(self) -> str:
        return str(self.xid)


class StaleMouza(models.Model):
    """A mouza whose counts must be redone; mouza 0 means every mouza."""

    mouza_id = models.IntegerField(primary_key=True, verbose_name=_("mouza"))

    class Meta:
        verbose_name = _("mouza to recount")
        verbose_name_plural = _("mouzas to recount")

    def __str__(self) -> str:
        return str(self.mouza_id)


class StageCountQuerySet(ScopedQuerySet):
    district_path = "district"


class StageCount(models.Model):
    """Parcels of one organisation in one union (or paurashava or ward), by the stage and
    possession of each parcel's leading claim ('' when the parcel has no claim)."""

    # Plain ids rather than foreign keys: this table is rebuilt from the others and must
    # never hold up a delete or a flush of the tables it summarises.
    organisation_id = models.IntegerField(verbose_name=_("organisation"))
    district_id = models.IntegerField(verbose_name=_("district"))
    upazila_id = models.IntegerField(null=True, verbose_name=_("upazila"))
    union_id = models.IntegerField(verbose_name=_("union"))
    union_path = models.CharField(max_length=200, verbose_name=_("union path"))
    stage = models.CharField(max_length=32, verbose_name=_("stage"))
    phase = models.CharField(max_length=16, verbose_name=_("phase"))
    possession = models.CharField(max_length=24, verbose_name=_("possession"))
    parcels = models.IntegerField(verbose_name=_("parcels"))
    area_m2 = models.FloatField(verbose_name=_("area (m²)"))

    objects = StageCountQuerySet.as_manager()

    class Meta:
        verbose_name = _("stage count")
        verbose_name_plural = _("stage counts")
        indexes = [
            models.Index(fields=["union_id"]),
            models.Index(fields=["upazila_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.union_id} {self.stage} {self.possession}: {self.parcels}"


class DateMultiRangeField(models.Field):  # type: ignore[type-arg]
    """A PostgreSQL datemultirange; read and written by SQL only (maps.colours)."""

    def db_type(self, connection: object) -> str:
        return "datemultirange"


class ParcelColour(models.Model):
    """What colours one parcel on the map: its leading claim and the freezing orders on it.

    Kept by database triggers (maps.colours) on every write that can change it, so a tile
    reads it with the parcel instead of looking it up per parcel.
    """

    # Plain ids, not foreign keys, like StageCount: derived rows must never hold up a delete.
    parcel_id = models.BigIntegerField(primary_key=True, verbose_name=_("parcel"))
    claim_id = models.BigIntegerField(null=True, verbose_name=_("leading claim"))
    stage = models.CharField(max_length=32, blank=True, verbose_name=_("stage"))
    possession = models.CharField(max_length=24, blank=True, verbose_name=_("possession"))
    # The leading claim's first group (lowest id): stable, for colouring by group.
    group_id = models.BigIntegerField(null=True, verbose_name=_("group"))
    # A claim of the parcel's organisation filed under another district: a user limited to
    # some districts may see another leading claim, so tiles ask the per-user rule.
    claims_elsewhere = models.BooleanField(default=False, verbose_name=_("claims elsewhere"))
    # The days a freezing order reaching the parcel through records of its own organisation
    # and district is in force (cases.models.order_in_force), compared with today by readers.
    frozen_on = DateMultiRangeField(verbose_name=_("frozen on"))
    # A freezing order (any dates) reaches it through a record of another organisation or
    # district: readers ask the per-user rule.
    frozen_elsewhere = models.BooleanField(default=False, verbose_name=_("frozen elsewhere"))

    class Meta:
        verbose_name = _("parcel colour")
        verbose_name_plural = _("parcel colours")

    def __str__(self) -> str:
        return f"{self.parcel_id}: {self.stage or '-'}"
