"""Documents: kabuliyats, DCRs, khatians, maps, orders and photos, each with a sensitivity."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from landclaims.core.models import DistrictRecord
from landclaims.core.scoping import ScopedQuerySet
from landclaims.core.tracking import audited
from landclaims.documents.storage import private_storage
from landclaims.incidents.models import Incident


class DocumentQuerySet(ScopedQuerySet):
    district_path = "district"

    def visible_to(self, user: Any) -> ScopedQuerySet:
        # A document of an incident the user may not see (sexual violence, for the roles that
        # do not read names) is not seen either: IncidentQuerySet.visible_to decides.
        documents = super().visible_to(user)
        seen = Incident.objects.visible_to(user)
        return documents.filter(models.Q(incident=None) | models.Q(incident__in=seen))


LINK_FIELDS = ("claim", "legal_case", "parcel", "group", "allocation", "incident")


@audited()
class Document(DistrictRecord):
    class Kind(models.TextChoices):
        PETITION = "petition", _("Petition")
        KABULIYAT = "kabuliyat", _("Kabuliyat")
        DCR = "dcr", _("DCR")
        KHATIAN = "khatian", _("Khatian")
        MOUZA_MAP = "mouza_map", _("Mouza map")
        ORDER = "order", _("Court order")
        JUDGMENT = "judgment", _("Copy of the judgment")
        CERTIFIED_COPY = "certified_copy", _("Certified copy")
        PHOTO = "photo", _("Photo")
        OTHER = "other", _("Other")

    class Sensitivity(models.TextChoices):
        PUBLIC = "public", _("Public")
        INTERNAL = "internal", _("Internal")
        RESTRICTED = "restricted", _("Restricted: names people")
        CONFIDENTIAL = "confidential", _("Confidential")

    class Language(models.TextChoices):
        BENGALI = "bn", _("Bengali")
        ENGLISH = "en", _("English")
        OTHER = "other", _("Other language")

    kind = models.CharField(max_length=16, choices=Kind.choices, verbose_name=_("kind of document"))
    title = models.CharField(max_length=200, verbose_name=_("title"))
    # Under settings.DOCUMENT_ROOT, which no URL serves (documents/storage.py).
    file = models.FileField(
        upload_to="documents/%Y/%m/", storage=private_storage, verbose_name=_("file")
    )
    sensitivity = models.CharField(
        max_length=16,
        choices=Sensitivity.choices,
        default=Sensitivity.INTERNAL,
        verbose_name=_("sensitivity"),
    )
    dated_on = models.DateField(null=True, blank=True, verbose_name=_("dated"))
    language = models.CharField(
        max_length=8,
        choices=Language.choices,
        default=Language.BENGALI,
        verbose_name=_("language"),
    )
    # What the upload checks found in the file itself (documents/content.py), not what its
    # name or the browser claimed; empty for files stored before the checks existed.
    content_type = models.CharField(max_length=100, blank=True, verbose_name=_("type of file"))
    size_bytes = models.PositiveBigIntegerField(null=True, blank=True, verbose_name=_("size"))
    sha256 = models.CharField(max_length=64, blank=True, verbose_name=_("SHA-256"))
    claim = models.ForeignKey(
        "claims.Claim",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("claim"),
    )
    legal_case = models.ForeignKey(
        "cases.LegalCase",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("case"),
    )
    parcel = models.ForeignKey(
        "parcels.Parcel",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("parcel"),
    )
    group = models.ForeignKey(
        "groups.LandlessGroup",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("landless group"),
    )
    allocation = models.ForeignKey(
        "allocations.Allocation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("allocation"),
    )
    incident = models.ForeignKey(
        "incidents.Incident",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("incident"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-dated_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(claim__isnull=False)
                | models.Q(legal_case__isnull=False)
                | models.Q(parcel__isnull=False)
                | models.Q(group__isnull=False)
                | models.Q(allocation__isnull=False)
                | models.Q(incident__isnull=False),
                name="document_linked_to_something",
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=["bn", "en", "other"]),
                name="document_language_known",
            ),
            models.CheckConstraint(
                condition=models.Q(sha256="") | models.Q(sha256__regex=r"^[0-9a-f]{64}$"),
                name="document_sha256_hex",
            ),
            models.CheckConstraint(
                condition=models.Q(size_bytes__isnull=True) | models.Q(size_bytes__gt=0),
                name="document_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return self.title
