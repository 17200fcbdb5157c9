"""Administrative areas (division down to mouza) and villages."""

from __future__ import annotations

from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from landclaims.core.db import inside_bangladesh, valid_geometry
from landclaims.core.fields import NameField, name_checks
from landclaims.core.models import TimeStampedModel
from landclaims.core.tracking import audited


class SurveySeries(models.TextChoices):
    """Record-of-rights survey series; JL and dag numbers change between them."""

    CS = "CS", _("CS (Cadastral Survey)")
    SA = "SA", _("SA (State Acquisition)")
    RS = "RS", _("RS (Revisional Survey)")
    BS = "BS", _("BS (Bangladesh Survey)")
    BRS = "BRS", _("BRS (Bangladesh Revisional Survey)")
    DIARA = "DIARA", _("Diara (riverine)")
    CITY = "CITY", _("City survey")


@audited(exclude=("geom", "centre", "path"))
class AdminArea(TimeStampedModel):
    class Level(models.TextChoices):
        DIVISION = "division", _("Division")
        DISTRICT = "district", _("District")
        UPAZILA = "upazila", _("Upazila")
        CITY_CORPORATION = "city_corporation", _("City corporation")
        UNION = "union", _("Union")
        PAURASHAVA = "paurashava", _("Paurashava")
        WARD = "ward", _("Ward")
        MOUZA = "mouza", _("Mouza")

    level = models.CharField(max_length=20, choices=Level.choices, verbose_name=_("level"))
    name_en = NameField(_("name (English)"), max_length=120)
    name_bn = NameField(_("name (Bengali)"), max_length=120)
    bbs_code = models.CharField(_("BBS geocode"), max_length=16, blank=True)
    hdx_pcode = models.CharField(_("HDX p-code"), max_length=16, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent area"),
    )
    # The district this area lies in (None for divisions and districts): the key that
    # district-level access checks use, so they need no walk up the tree.
    district = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("district"),
    )
    # Materialised path of ids, "/3/17/245/", so "inside this area" is a prefix match.
    path = models.CharField(max_length=200, editable=False, verbose_name=_("path"))
    geom = models.MultiPolygonField(srid=4326, null=True, blank=True, verbose_name=_("boundary"))
    centre = models.PointField(srid=4326, null=True, blank=True, verbose_name=_("centre"))

    class Meta:
        verbose_name = _("administrative area")
        verbose_name_plural = _("administrative areas")
        ordering = ["level", "name_en"]
        indexes = [
            models.Index(fields=["level", "name_en"]),
            models.Index(
                fields=["path"], name="adminarea_path_prefix", opclasses=["varchar_pattern_ops"]
            ),
        ]
        constraints = [
            *name_checks("adminarea", "name_en", "name_bn"),
            models.CheckConstraint(
                condition=models.Q(level="division") | models.Q(parent__isnull=False),
                name="adminarea_has_parent_below_division",
            ),
            models.UniqueConstraint(
                fields=["level", "bbs_code"],
                condition=~models.Q(bbs_code=""),
                name="adminarea_unique_bbs_code",
            ),
            models.UniqueConstraint(
                fields=["hdx_pcode"],
                condition=~models.Q(hdx_pcode=""),
                name="adminarea_unique_hdx_pcode",
            ),
            models.CheckConstraint(
                condition=valid_geometry("geom"),
                name="adminarea_geom_valid",
            ),
            models.CheckConstraint(
                condition=inside_bangladesh("geom"), name="adminarea_geom_in_bangladesh"
            ),
            models.CheckConstraint(
                condition=inside_bangladesh("centre"), name="adminarea_centre_in_bangladesh"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name_en} ({self.get_level_display()})"


class MouzaJlNo(models.Model):
    """A mouza's Jurisdiction List number in one survey series."""

    mouza = models.ForeignKey(
        AdminArea, on_delete=models.CASCADE, related_name="jl_nos", verbose_name=_("mouza")
    )
    survey = models.CharField(
        max_length=8, choices=SurveySeries.choices, verbose_name=_("survey series")
    )
    jl_no = models.CharField(_("JL no."), max_length=20)

    class Meta:
        verbose_name = _("JL number of a mouza")
        verbose_name_plural = _("JL numbers of mouzas")
        constraints = [
            models.UniqueConstraint(fields=["mouza", "survey"], name="mouzajlno_one_per_survey")
        ]

    def __str__(self) -> str:
        return f"{self.mouza.name_en} {self.survey} JL {self.jl_no}"


class Village(TimeStampedModel):
    """A village; villages and mouzas do not nest one-to-one, so they are linked, not nested."""

    name_en = NameField(_("name (English)"), max_length=120)
    name_bn = NameField(_("name (Bengali)"), max_length=120)
    bbs_code = models.CharField(_("BBS geocode"), max_length=16, blank=True)
    union = models.ForeignKey(
        AdminArea,
        on_delete=models.PROTECT,
        related_name="villages",
        limit_choices_to={"level__in": ["union", "paurashava", "ward"]},
        verbose_name=_("union"),
    )
    mouzas = models.ManyToManyField(
        AdminArea, blank=True, related_name="mouza_villages", limit_choices_to={"level": "mouza"}
    )
    location = models.PointField(srid=4326, null=True, blank=True, verbose_name=_("location"))

    class Meta:
        verbose_name = _("village")
        verbose_name_plural = _("villages")
        ordering = ["name_en"]
        constraints = [
            *name_checks("village", "name_en", "name_bn"),
            models.CheckConstraint(
                condition=inside_bangladesh("location"), name="village_location_in_bangladesh"
            ),
        ]

    def __str__(self) -> str:
        return self.name_en
