"""Organisations, their members' roles and the districts each may see."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from landclaims.core.fields import NameField, name_checks


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("last changed"))

    class Meta:
        abstract = True


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    LEGAL = "legal", _("Legal support staff")
    ORGANISER = "organiser", _("Organiser")
    MONITOR = "monitor", _("Monitor")
    VIEWER = "viewer", _("Viewer")


class Organisation(TimeStampedModel):
    name_en = NameField(_("name (English)"), max_length=200)
    name_bn = NameField(_("name (Bengali)"), max_length=200, blank=True)
    slug = models.SlugField(unique=True, verbose_name=_("short name"))
    # An organisation's own area units, e.g. {"bigha_local": "1618.74"} (m² per unit).
    local_area_units = models.JSONField(
        default=dict, blank=True, verbose_name=_("local area units")
    )
    # A partner organisation of a network (ALRD and its local partners): the network's staff
    # see the partners' figures as counts, never their records or names.
    network = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partners",
        verbose_name=_("partner of network"),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_en"]
        constraints = [
            *name_checks("organisation", "name_en", "name_bn"),
            models.CheckConstraint(
                condition=~models.Q(network=models.F("id")), name="organisation_not_own_network"
            ),
        ]

    def __str__(self) -> str:
        return self.name_en


class DistrictRecord(TimeStampedModel):
    """A record owned by an organisation and filed under one district: the two keys that
    decide who may see it (see core/scoping.py)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    district = models.ForeignKey(
        "places.AdminArea",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "district"},
        verbose_name=_("district"),
    )

    class Meta:
        abstract = True


class Membership(TimeStampedModel):
    """A user's place in one organisation: a role and, optionally, the districts they work in.

    No districts means every district of the organisation.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(max_length=20, choices=Role.choices, verbose_name=_("role"))
    districts = models.ManyToManyField(
        "places.AdminArea",
        blank=True,
        related_name="+",
        limit_choices_to={"level": "district"},
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_known"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.organisation})"


class Preference(models.Model):
    """How one user reads the site: language, area unit, Bangla calendar dates.

    Kept on the server, not in a cookie, so the choice follows the user to any device and
    into the e-mails sent to them.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="preference",
        verbose_name=_("user"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    # A key of gis.units.AREA_UNITS or of the organisation's local_area_units.
    area_unit = models.CharField(_("area unit"), max_length=40, default="acre")
    bangla_calendar = models.BooleanField(_("show Bangla calendar dates"), default=False)
    # The export form's last choices (layer, format, CRS, profile, filters), offered again
    # next time: form field names to the values as submitted (see exports/forms.py).
    export_choices = models.JSONField(_("last export choices"), default=dict, blank=True)

    class Meta:
        verbose_name = _("preference")
        verbose_name_plural = _("preferences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(language__in=["", *(code for code, _n in settings.LANGUAGES)]),
                name="preference_language_known",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.language or '-'}, {self.area_unit}"
