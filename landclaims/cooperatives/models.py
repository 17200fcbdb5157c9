"""People's cooperatives: landless groups that invest their savings in collective production
(paddy, vegetables, fish, vermicompost) on land they own, lease or were settled on."""

from __future__ import annotations

from django.contrib.gis.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from landclaims.core.db import inside_bangladesh, valid_geometry
from landclaims.core.fields import NameField, name_checks
from landclaims.core.models import DistrictRecord
from landclaims.core.scoping import ScopedQuerySet
from landclaims.core.tracking import audited


class CooperativeQuerySet(ScopedQuerySet):
    district_path = "district"
    area_paths = ("district",)


class CooperativePartQuerySet(ScopedQuerySet):
    """A share, a plot of land or a harvest, seen by whoever sees its cooperative."""

    organisation_path = "cooperative__organisation"
    district_path = "cooperative__district"
    area_paths = ("cooperative__district",)


@audited()
class Cooperative(DistrictRecord):
    name_bn = NameField(_("name (Bengali)"), max_length=200)
    name_en = NameField(_("name (romanised)"), max_length=200, blank=True)
    formed_on = models.DateField(null=True, blank=True, verbose_name=_("formed on"))
    registration_no = models.CharField(
        max_length=60, blank=True, verbose_name=_("registration no.")
    )
    registered_on = models.DateField(null=True, blank=True, verbose_name=_("registered on"))
    # The animator is a worker of the organisation, not a member: a name is not sensitive here.
    animator = models.CharField(max_length=200, blank=True, verbose_name=_("animator"))
    monitoring_partner = models.ForeignKey(
        "core.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="monitored_cooperatives",
        verbose_name=_("monitoring partner organisation"),
    )
    groups = models.ManyToManyField(
        "groups.LandlessGroup",
        through="CooperativeShare",
        related_name="cooperatives",
        verbose_name=_("member groups"),
    )
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = CooperativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("people's cooperative")
        verbose_name_plural = _("people's cooperatives")
        ordering = ["name_en", "name_bn", "id"]
        constraints = [
            *name_checks("cooperative", "name_bn", "name_en"),
            models.UniqueConstraint(
                fields=["organisation", "district", "name_bn"], name="cooperative_unique_name"
            ),
            models.CheckConstraint(
                condition=Q(registered_on__isnull=True) | ~Q(registration_no=""),
                name="cooperative_registration_has_number",
            ),
        ]

    def __str__(self) -> str:
        return self.name_en or self.name_bn


class CooperativeShare(models.Model):
    """A member group's part in a cooperative: its shares and what it paid in."""

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="shares", verbose_name=_("cooperative")
    )
    group = models.ForeignKey(
        "groups.LandlessGroup",
        on_delete=models.PROTECT,
        related_name="cooperative_shares",
        verbose_name=_("group"),
    )
    shares = models.PositiveIntegerField(default=0, verbose_name=_("shares"))
    contribution_poisha = models.PositiveBigIntegerField(
        default=0, verbose_name=_("contribution (poisha)")
    )
    joined_on = models.DateField(null=True, blank=True, verbose_name=_("joined on"))

    objects = CooperativePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("member group")
        verbose_name_plural = _("member groups")
        ordering = ["cooperative", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "group"], name="cooperative_group_once")
        ]


@audited()
class CooperativeLand(models.Model):
    """Land a cooperative farms, with its tenure; drawn when its boundary is known (or taken
    from the khas parcel it was settled)."""

    class Tenure(models.TextChoices):
        OWNED = "owned", _("Owned")
        LEASED = "leased", _("Leased")
        KHAS_SETTLED = "khas_settled", _("Khas land settled")
        HOMESTEAD = "homestead", _("Homestead")

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="land", verbose_name=_("cooperative")
    )
    tenure = models.CharField(max_length=16, choices=Tenure.choices, verbose_name=_("tenure"))
    description = models.CharField(max_length=300, blank=True, verbose_name=_("description"))
    mouza = models.ForeignKey(
        "places.AdminArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "mouza"},
        verbose_name=_("mouza"),
    )
    parcel = models.ForeignKey(
        "parcels.Parcel",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cooperative_land",
        verbose_name=_("khas parcel"),
    )
    area_m2 = models.DecimalField(
        _("area (m²)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    geom = models.MultiPolygonField(srid=4326, null=True, blank=True, verbose_name=_("boundary"))
    from_on = models.DateField(null=True, blank=True, verbose_name=_("farmed from"))
    to_on = models.DateField(null=True, blank=True, verbose_name=_("farmed until"))
    lease_rent_poisha = models.PositiveBigIntegerField(
        null=True, blank=True, verbose_name=_("yearly rent (poisha)")
    )

    objects = CooperativePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("cooperative land")
        verbose_name_plural = _("cooperative land")
        ordering = ["cooperative", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(area_m2__isnull=True) | Q(area_m2__gt=0), name="coop_land_area_positive"
            ),
            models.CheckConstraint(
                condition=Q(to_on__isnull=True)
                | Q(from_on__isnull=True)
                | Q(to_on__gte=F("from_on")),
                name="coop_land_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(lease_rent_poisha__isnull=True) | Q(tenure="leased"),
                name="coop_land_rent_only_when_leased",
            ),
            models.CheckConstraint(condition=valid_geometry("geom"), name="coop_land_geom_valid"),
            models.CheckConstraint(condition=inside_bangladesh("geom"), name="coop_land_in_bd"),
        ]

    def __str__(self) -> str:
        return f"{self.cooperative} - {self.get_tenure_display()}"


@audited()
class Production(models.Model):
    """A season's collective production: what was grown or raised, on how much land, the
    output and what it sold for."""

    class Activity(models.TextChoices):
        PADDY = "paddy", _("Paddy")
        VEGETABLES = "vegetables", _("Vegetables")
        FISH = "fish", _("Fish")
        VERMICOMPOST = "vermicompost", _("Vermicompost")
        LIVESTOCK = "livestock", _("Livestock")
        OTHER = "other", _("Other")

    class Season(models.TextChoices):
        AMAN = "aman", _("Aman")
        BORO = "boro", _("Boro")
        AUS = "aus", _("Aus")
        RABI = "rabi", _("Rabi (winter)")
        KHARIF = "kharif", _("Kharif (summer)")
        YEAR_ROUND = "year_round", _("All year")

    class Unit(models.TextChoices):
        KG = "kg", _("kg")
        MAUND = "maund", _("maund")
        PIECE = "piece", _("pieces")
        LITRE = "litre", _("litres")

    cooperative = models.ForeignKey(
        Cooperative,
        on_delete=models.CASCADE,
        related_name="production",
        verbose_name=_("cooperative"),
    )
    land = models.ForeignKey(
        CooperativeLand,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="production",
        verbose_name=_("land"),
    )
    activity = models.CharField(
        max_length=16, choices=Activity.choices, verbose_name=_("crop or activity")
    )
    detail = models.CharField(max_length=200, blank=True, verbose_name=_("detail"))
    season = models.CharField(max_length=12, choices=Season.choices, verbose_name=_("season"))
    year = models.PositiveSmallIntegerField(verbose_name=_("year"))
    area_m2 = models.DecimalField(
        _("area (m²)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    output_quantity = models.DecimalField(
        _("output"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    output_unit = models.CharField(
        max_length=8, choices=Unit.choices, blank=True, verbose_name=_("unit of output")
    )
    sales_poisha = models.PositiveBigIntegerField(default=0, verbose_name=_("sales (poisha)"))
    costs_poisha = models.PositiveBigIntegerField(default=0, verbose_name=_("costs (poisha)"))

    objects = CooperativePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("production")
        verbose_name_plural = _("production")
        ordering = ["cooperative", "-year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1971) & Q(year__lte=2100), name="production_year_plausible"
            ),
            models.CheckConstraint(
                condition=Q(output_quantity__isnull=True) | ~Q(output_unit=""),
                name="production_output_has_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_activity_display()} {self.year}"
