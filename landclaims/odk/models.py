"""Field phones: ODK Collect (and KoboToolbox's REST export) sending forms to landclaims.

A phone authenticates with a device key (like an API key, but good only for /odk/). What a
phone sends is kept exactly as received, with its attachments and their checksums, and then
either applied through the same services as the pages or held for an organiser's review."""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from landclaims.core.keys import SecretKey
from landclaims.core.scoping import ScopedQuerySet
from landclaims.core.tracking import audited
from landclaims.documents.storage import private_storage


class FieldDeviceQuerySet(ScopedQuerySet):
    # A key belongs to a person: admins see the keys of their organisation.
    organisation_path = "user__membership__organisation"
    district_path = None


@audited()
class FieldDevice(SecretKey):
    """A phone's key: good only for the phones' server under /odk/ (core.keys)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="field_devices",
        verbose_name=_("user"),
    )

    objects = FieldDeviceQuerySet.as_manager()

    class Meta(SecretKey.Meta):
        verbose_name = _("phone key")
        verbose_name_plural = _("phone keys")


class SubmissionQuerySet(ScopedQuerySet):
    organisation_path = "organisation"
    # Filed under a district once its answers name one (a group's village, a parcel's mouza);
    # the selectors also show a person the submissions they sent themselves.
    district_path = "district"


@audited(exclude=("xml", "answers"))
class Submission(models.Model):
    """One filled-in form as a phone sent it, and what became of it."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("applied")
        HELD = "held", _("held for review")
        REJECTED = "rejected", _("rejected")

    class Channel(models.TextChoices):
        ODK = "odk", _("ODK Collect")
        KOBO = "kobo", _("KoboToolbox")

    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    district = models.ForeignKey(
        "places.AdminArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"level": "district"},
        verbose_name=_("district"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="field_submissions",
        verbose_name=_("sent by"),
    )
    device = models.ForeignKey(
        FieldDevice,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("phone key"),
    )
    channel = models.CharField(
        _("sent through"), max_length=8, choices=Channel.choices, default=Channel.ODK
    )
    form_id = models.CharField(_("form"), max_length=64)
    form_version = models.CharField(_("form version"), max_length=64, blank=True)
    # The phone's own id of the filled-in form (meta/instanceID, "uuid:…"): a form sent twice
    # (a lost answer, a retry) is kept and applied once.
    instance_id = models.CharField(_("instance"), max_length=128, unique=True)
    xml = models.BinaryField(_("as received"))
    xml_sha256 = models.CharField(max_length=64, verbose_name=_("SHA-256"))
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    # The answers as read from the XML ({name: value}, a repeat as a list of such dicts),
    # and a reviewer's corrections on top of them; the XML itself is never changed.
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    corrections = models.JSONField(_("corrections"), default=dict, blank=True)
    # Why it is held: [{"field": answer name or "", "message": "…"}], newest attempt only.
    problems = models.JSONField(_("problems"), default=list, blank=True)
    # What applying it made: [{"model": "groups.landlessgroup", "pk": 12}].
    records = models.JSONField(_("records"), default=list, blank=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("field submission")
        verbose_name_plural = _("field submissions")
        indexes = [models.Index(fields=["organisation", "status", "-received_at"])]
        triggers = [
            # What came from the phone stays as it came, whoever connects.
            pgtrigger.Protect(
                name="submission_keeps_what_came",
                operation=pgtrigger.Update,
                condition=pgtrigger.AnyChange(
                    "xml", "xml_sha256", "instance_id", "form_id", "submitted_by"
                ),
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["applied", "held", "rejected"]),
                name="submission_status_known",
            ),
            models.CheckConstraint(
                condition=Q(xml_sha256__regex=r"^[0-9a-f]{64}$"), name="submission_xml_sha256"
            ),
            models.CheckConstraint(condition=~Q(instance_id=""), name="submission_has_instance"),
            models.CheckConstraint(
                condition=~Q(status="applied") | Q(applied_at__isnull=False),
                name="submission_applied_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected")
                | Q(reviewed_by__isnull=False, reviewed_at__isnull=False),
                name="submission_rejected_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.form_id} {self.instance_id}"


class SubmissionAttachment(models.Model):
    """A file sent with a submission (a photo), kept as received in the private store."""

    # Not audited: written once on receipt; the document it becomes is audited.

    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("submission"),
    )
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100, blank=True)
    size_bytes = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64, verbose_name=_("SHA-256"))
    file = models.FileField(_("file"), storage=private_storage, upload_to="odk/%Y/%m/")
    # The document it became when the submission was applied.
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
    )
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["submission", "name"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "name"], name="submissionattachment_unique_name"
            ),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="submissionattachment_sha256"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="submissionattachment_has_name"),
        ]

    def __str__(self) -> str:
        return self.name
