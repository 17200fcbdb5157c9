"""The read log: every time a person's record is shown or exported, who, when, which, why."""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from landclaims.core.scoping import ScopedQuerySet


class Purpose(models.TextChoices):
    LEGAL_AID = "legal_aid", _("Legal aid")
    VERIFICATION = "verification", _("Verification of landlessness")
    SETTLEMENT = "settlement", _("Settlement paperwork")
    SAFETY = "safety", _("Safety follow-up")
    ADMINISTRATION = "administration", _("Correcting the record (administration)")
    OTHER = "other", _("Other (say what)")


class ReadQuerySet(ScopedQuerySet):
    # The organisation of the records read (superusers, who have none of their own, read
    # any organisation's): an organisation's admins see who read their members.
    organisation_path = "organisation"
    district_path = None


@pgtrigger.register(
    # Append-only, also for the database role the application connects as.
    pgtrigger.Protect(name="append_only", operation=pgtrigger.Update | pgtrigger.Delete)
)
class PersonalDataRead(models.Model):
    class Via(models.TextChoices):
        PAGE = "page", _("member page")
        ADMIN = "admin", _("admin site")
        EXPORT = "export", _("export")
        DOCUMENT = "document", _("document download")

    at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("at"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    via = models.CharField(max_length=8, choices=Via.choices, verbose_name=_("via"))
    # Member ids, not a foreign key: the log must outlive the member.
    member_ids = ArrayField(
        models.BigIntegerField(), default=list, blank=True, verbose_name=_("members")
    )
    # A restricted or confidential document downloaded (ids, like member_ids).
    document_ids = ArrayField(
        models.BigIntegerField(), default=list, blank=True, verbose_name=_("documents")
    )
    # Asked on a member's page; a document download asks none (left empty).
    purpose = models.CharField(
        max_length=16, choices=Purpose.choices, blank=True, verbose_name=_("purpose")
    )
    purpose_note = models.CharField(max_length=200, blank=True, verbose_name=_("purpose note"))
    url = models.CharField(max_length=500, blank=True, verbose_name=_("address"))

    objects = ReadQuerySet.as_manager()

    class Meta:
        verbose_name = _("read of personal data")
        verbose_name_plural = _("reads of personal data")
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(member_ids__len__gt=0) | models.Q(document_ids__len__gt=0),
                name="read_names_a_member_or_document",
            ),
            models.CheckConstraint(
                condition=~models.Q(purpose="other") | models.Q(purpose_note__gt=""),
                name="read_other_purpose_says_what",
            ),
            models.CheckConstraint(
                condition=models.Q(purpose__in=Purpose.values)
                | models.Q(via="document", purpose=""),
                name="read_purpose_known_or_document",
            ),
        ]

    def __str__(self) -> str:
        what = f"{len(self.member_ids)} member(s)" if self.member_ids else "a document"
        return f"{self.user_id} read {what} at {self.at:%Y-%m-%d %H:%M}"
