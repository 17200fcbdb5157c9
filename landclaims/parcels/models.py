"""Khas land parcels: the paper reference, the land class, the area and the boundary."""

from __future__ import annotations

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from landclaims.core.db import inside_bangladesh, valid_geometry
from landclaims.core.display import place_name
from landclaims.core.models import TimeStampedModel
from landclaims.core.scoping import ScopedQuerySet
from landclaims.core.tracking import audited
from landclaims.places.models import SurveySeries


class ParcelQuerySet(ScopedQuerySet):
    district_path = "mouza__district"

    # In an area: the parcel's mouza lies in it.
    area_paths = ("mouza",)


class LandClass(models.TextChoices):
    AGRI_KHAS = "agri_khas", _("Agricultural khas")
    NON_AGRI_KHAS = "non_agri_khas", _("Non-agricultural khas")
    CHAR = "char", _("Char (accreted land)")
    JALMOHAL = "jalmohal", _("Jalmohal (water body)")
    VESTED = "vested", _("Vested property")
    HOMESTEAD = "homestead", _("Homestead khas")
    PRIVATE_DISPUTED = "private_disputed", _("Disputed private land")


class GeomSource(models.TextChoices):
    DRAWN = "drawn", _("Drawn on the map")
    GPS_WALK = "gps_walk", _("GPS walk")
    DIGITISED_MOUZA_MAP = "digitised_mouza_map", _("Digitised mouza map")
    SKETCH_MAP = "sketch_map", _("Sketch map")
    IMPORTED = "imported", _("Imported file")


@audited()
class Parcel(TimeStampedModel):
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="parcels",
        verbose_name=_("organisation"),
    )
    mouza = models.ForeignKey(
        "places.AdminArea",
        on_delete=models.PROTECT,
        related_name="parcels",
        limit_choices_to={"level": "mouza"},
        verbose_name=_("mouza"),
    )
    survey = models.CharField(_("survey series"), max_length=8, choices=SurveySeries.choices)
    jl_no = models.CharField(_("JL no."), max_length=20, blank=True)
    sheet_no = models.CharField(_("sheet no."), max_length=20, blank=True)
    khatian_no = models.CharField(_("khatian no."), max_length=40, blank=True)
    register_viii_ref = models.CharField(_("Register VIII reference"), max_length=80, blank=True)
    land_class = models.CharField(
        max_length=20, choices=LandClass.choices, verbose_name=_("land class")
    )
    # The area as written on the paper, in its unit and at the factor used then.
    area_value = models.DecimalField(
        max_digits=14, decimal_places=4, null=True, blank=True, verbose_name=_("area (as recorded)")
    )
    area_unit = models.CharField(
        max_length=20, blank=True, verbose_name=_("unit of the recorded area")
    )
    area_unit_m2 = models.DecimalField(
        _("square metres per unit"), max_digits=20, decimal_places=10, null=True, blank=True
    )
    area_m2 = models.DecimalField(
        _("area (m²)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    # Many parcels are tracked from paper before anyone maps them: the boundary is optional.
    geom = models.MultiPolygonField(srid=4326, null=True, blank=True, verbose_name=_("boundary"))
    geom_source = models.CharField(
        max_length=24,
        choices=GeomSource.choices,
        blank=True,
        verbose_name=_("source of the boundary"),
    )
    source_srid = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("source coordinate system (EPSG)")
    )
    accuracy_m = models.FloatField(_("accuracy (m)"), null=True, blank=True)
    notes = models.TextField(blank=True, verbose_name=_("notes"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = ParcelQuerySet.as_manager()

    class Meta:
        verbose_name = _("parcel")
        verbose_name_plural = _("parcels")
        ordering = ["mouza__name_en", "id"]
        constraints = [
            models.CheckConstraint(
                condition=valid_geometry("geom"),
                name="parcel_geom_valid",
            ),
            models.CheckConstraint(
                condition=inside_bangladesh("geom"), name="parcel_geom_in_bangladesh"
            ),
            models.CheckConstraint(
                condition=models.Q(area_value__isnull=True) | models.Q(area_value__gt=0),
                name="parcel_area_value_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(area_m2__isnull=True) | models.Q(area_m2__gt=0),
                name="parcel_area_m2_positive",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(area_value__isnull=True, area_m2__isnull=True, area_unit="")
                    | models.Q(
                        area_value__isnull=False,
                        area_m2__isnull=False,
                        area_unit_m2__isnull=False,
                    )
                    & ~models.Q(area_unit="")
                ),
                name="parcel_area_complete",
            ),
            models.CheckConstraint(
                condition=models.Q(geom__isnull=True) | ~models.Q(geom_source=""),
                name="parcel_geom_has_source",
            ),
        ]

    def __str__(self) -> str:
        # The mouza in the reader's language; survey and dag numbers stay as written.
        return gettext("%(mouza)s, %(survey)s dag %(dags)s") % {
            "mouza": place_name(self.mouza),
            "survey": self.survey,
            "dags": self.dag_display,
        }

    @property
    def dag_display(self) -> str:
        return ", ".join(dag.dag_no for dag in self.dags.all())


class ParcelDag(models.Model):
    """One dag (plot) number of a parcel.

    Organisation, mouza and survey are copied from the parcel so the database itself can
    refuse a second parcel with the same dag number in the same mouza and survey series.
    """

    parcel = models.ForeignKey(
        Parcel, on_delete=models.CASCADE, related_name="dags", verbose_name=_("parcel")
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    mouza = models.ForeignKey(
        "places.AdminArea", on_delete=models.CASCADE, related_name="+", verbose_name=_("mouza")
    )
    survey = models.CharField(
        max_length=8, choices=SurveySeries.choices, verbose_name=_("survey series")
    )
    dag_no = models.CharField(_("dag no."), max_length=20)

    class Meta:
        verbose_name = _("dag of a parcel")
        verbose_name_plural = _("dags of parcels")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "mouza", "survey", "dag_no"], name="parceldag_unique_dag"
            ),
            models.CheckConstraint(condition=~models.Q(dag_no=""), name="parceldag_not_blank"),
        ]

    def __str__(self) -> str:
        return self.dag_no


# Every column of the parcel table, in table order: the one list that bulk loaders (the
# importer, the demo) COPY into, made from the model so that a new field cannot be missed.
PARCEL_COPY_COLUMNS: tuple[str, ...] = tuple(f.column for f in Parcel._meta.concrete_fields)
