"""Court cases: writs, suits and criminal cases, their parties, hearings and interim orders."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from landclaims.core.fields import NameField, name_checks
from landclaims.core.models import DistrictRecord, TimeStampedModel
from landclaims.core.scoping import ScopedQuerySet
from landclaims.core.tracking import audited


class CaseQuerySet(ScopedQuerySet):
    district_path = "district"

    # In an area: its district lies in it, or a parcel it concerns does, directly or through
    # one of its claims.
    area_paths = ("district", "parcels__mouza", "claims__parcels__mouza")


class CaseChildQuerySet(ScopedQuerySet):
    organisation_path = "case__organisation"
    district_path = "case__district"


def order_in_force(day: date) -> models.Q:
    """THE rule for an interim order being in force on `day`: it has begun, it has not run
    past its last day, and it has not been vacated on or before `day`. Every reader (case
    page, map, exports, dashboard, API, calendar) takes it from here."""
    return (
        models.Q(in_force_from__lte=day)
        & (models.Q(in_force_until__isnull=True) | models.Q(in_force_until__gte=day))
        & not_vacated_by(day)
    )


def not_vacated_by(day: date) -> models.Q:
    """The order had not been vacated by `day` (vacating takes effect on its date)."""
    return models.Q(vacated_on__isnull=True) | models.Q(vacated_on__gt=day)


class InterimOrderQuerySet(CaseChildQuerySet):
    def in_force(self, day: date) -> InterimOrderQuerySet:
        return self.filter(order_in_force(day))

    def freezing(self) -> InterimOrderQuerySet:
        """Orders that freeze the land (see FREEZING_ORDER_KINDS)."""
        return self.filter(kind__in=FREEZING_ORDER_KINDS)


class LawyerQuerySet(ScopedQuerySet):
    district_path = None


class CaseType(models.TextChoices):
    WRIT = "writ", _("Writ petition")
    CIVIL_SUIT = "civil_suit", _("Civil suit")
    CIVIL_APPEAL = "civil_appeal", _("Civil appeal")
    FIRST_APPEAL = "first_appeal", _("First appeal")
    CIVIL_REVISION = "civil_revision", _("Civil revision")
    MISC_APPEAL = "misc_appeal", _("Miscellaneous appeal (against an order)")
    CIVIL_LEAVE_PETITION = "civil_leave_petition", _("Civil petition for leave to appeal")
    APPELLATE_DIVISION = "appellate_division", _("Appellate Division")
    LAND_SURVEY_TRIBUNAL = "land_survey_tribunal", _("Land Survey Tribunal")
    CRIMINAL_GR = "criminal_gr", _("Criminal (GR, police case)")
    CRIMINAL_CR = "criminal_cr", _("Criminal (CR, complaint case)")
    CRIMINAL_APPEAL = "criminal_appeal", _("Criminal appeal")
    CRIMINAL_REVISION = "criminal_revision", _("Criminal revision")
    CRIMINAL_LEAVE_PETITION = "criminal_leave_petition", _("Criminal petition for leave to appeal")
    CRPC_145 = "crpc_145", _("CrPC s.145 proceeding")
    LAND_CRIME_2023 = "land_crime_2023", _("Land Crime Act 2023")
    REVENUE = "revenue", _("Revenue case")
    CONTEMPT = "contempt", _("Contempt")
    NHRC_COMPLAINT = "nhrc_complaint", _("NHRC complaint")
    SHALISH = "shalish", _("Shalish")
    OTHER = "other", _("Other")


# How each court writes its own case numbers: "Writ Petition No. 364 of 2017". The English
# forms are what exports and the API carry; pages show them in the reader's language through
# gettext (display_no), the number and year always as typed.
CASE_NUMBER_FORMS: dict[str, str] = {
    CaseType.WRIT: gettext_noop("Writ Petition No. {number} of {year}"),
    CaseType.CIVIL_SUIT: gettext_noop("Title Suit No. {number} of {year}"),
    CaseType.CIVIL_APPEAL: gettext_noop("Title Appeal No. {number} of {year}"),
    CaseType.FIRST_APPEAL: gettext_noop("First Appeal No. {number} of {year}"),
    CaseType.CIVIL_REVISION: gettext_noop("Civil Revision No. {number} of {year}"),
    CaseType.MISC_APPEAL: gettext_noop("Miscellaneous Appeal No. {number} of {year}"),
    CaseType.CIVIL_LEAVE_PETITION: gettext_noop(
        "Civil Petition for Leave to Appeal No. {number} of {year}"
    ),
    CaseType.APPELLATE_DIVISION: gettext_noop("Civil Appeal No. {number} of {year}"),
    CaseType.LAND_SURVEY_TRIBUNAL: gettext_noop("Land Survey Tribunal Case No. {number} of {year}"),
    CaseType.CRIMINAL_GR: gettext_noop("G.R. Case No. {number} of {year}"),
    CaseType.CRIMINAL_CR: gettext_noop("C.R. Case No. {number} of {year}"),
    CaseType.CRIMINAL_APPEAL: gettext_noop("Criminal Appeal No. {number} of {year}"),
    CaseType.CRIMINAL_REVISION: gettext_noop("Criminal Revision No. {number} of {year}"),
    CaseType.CRIMINAL_LEAVE_PETITION: gettext_noop(
        "Criminal Petition for Leave to Appeal No. {number} of {year}"
    ),
    CaseType.CRPC_145: gettext_noop("Miscellaneous Case No. {number} of {year}"),
    CaseType.LAND_CRIME_2023: gettext_noop("Land Crime Case No. {number} of {year}"),
    CaseType.REVENUE: gettext_noop("Miscellaneous Case No. {number} of {year}"),
    CaseType.CONTEMPT: gettext_noop("Contempt Petition No. {number} of {year}"),
    CaseType.NHRC_COMPLAINT: gettext_noop("NHRC Complaint No. {number} of {year}"),
    CaseType.SHALISH: gettext_noop("Shalish No. {number} of {year}"),
    CaseType.OTHER: gettext_noop("Case No. {number} of {year}"),
}


class ForumLevel(models.TextChoices):
    APPELLATE_DIVISION = "appellate_division", _("Supreme Court, Appellate Division")
    HIGH_COURT_DIVISION = "high_court_division", _("Supreme Court, High Court Division")
    DISTRICT_JUDGE = "district_judge", _("District Judge")
    ADDITIONAL_DISTRICT_JUDGE = "additional_district_judge", _("Additional District Judge")
    JOINT_DISTRICT_JUDGE = "joint_district_judge", _("Joint District Judge")
    SENIOR_ASSISTANT_JUDGE = "senior_assistant_judge", _("Senior Assistant Judge")
    ASSISTANT_JUDGE = "assistant_judge", _("Assistant Judge")
    SESSIONS_JUDGE = "sessions_judge", _("Sessions Judge")
    JUDICIAL_MAGISTRATE = "judicial_magistrate", _("Judicial Magistrate")
    EXECUTIVE_MAGISTRATE = "executive_magistrate", _("Executive Magistrate")
    LAND_SURVEY_TRIBUNAL = "land_survey_tribunal", _("Land Survey Tribunal")
    REVENUE_OFFICE = "revenue_office", _("AC (Land) / revenue office")
    NHRC = "nhrc", _("National Human Rights Commission")
    SHALISH = "shalish", _("Shalish / village court")
    OTHER = "other", _("Other")


class Lawyer(TimeStampedModel):
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="lawyers",
        verbose_name=_("organisation"),
    )
    name = NameField(max_length=200, verbose_name=_("name"))
    phone = models.CharField(max_length=20, blank=True, verbose_name=_("phone"))
    email = models.EmailField(blank=True, verbose_name=_("email"))
    bar = models.CharField(_("bar association"), max_length=120, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("user account"),
    )

    objects = LawyerQuerySet.as_manager()

    class Meta:
        verbose_name = _("lawyer")
        verbose_name_plural = _("lawyers")
        ordering = ["name"]
        constraints = name_checks("lawyer", "name")

    def __str__(self) -> str:
        return self.name


@audited()
class LegalCase(DistrictRecord):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DISPOSED = "disposed", _("Disposed")
        ON_APPEAL = "on_appeal", _("On appeal")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Outcome(models.TextChoices):
        NONE = "", _("—")
        IN_OUR_FAVOUR = "in_our_favour", _("In our favour")
        AGAINST_US = "against_us", _("Against us")
        PARTLY = "partly", _("Partly in our favour")
        COMPROMISE = "compromise", _("Compromise")

    class OurRole(models.TextChoices):
        PETITIONER = "petitioner", _("Petitioner / plaintiff / complainant")
        RESPONDENT = "respondent", _("Respondent / defendant / accused")
        THIRD_PARTY = "third_party", _("Third party")

    case_type = models.CharField(
        max_length=24, choices=CaseType.choices, verbose_name=_("case type")
    )
    forum_level = models.CharField(
        max_length=32, choices=ForumLevel.choices, verbose_name=_("forum level")
    )
    court_name = NameField(max_length=200, verbose_name=_("court"))
    # The court's name in Bengali where known: Bangla pages show it, the English otherwise.
    court_name_bn = NameField(max_length=200, blank=True, verbose_name=_("court (Bengali)"))
    bench = models.CharField(max_length=120, blank=True, verbose_name=_("bench"))
    number = models.CharField(max_length=40, verbose_name=_("number"))
    year = models.PositiveSmallIntegerField(verbose_name=_("year"))
    filed_on = models.DateField(null=True, blank=True, verbose_name=_("filed on"))
    # A GR case starts from a police case: "Tangail Sadar PS Case No. 12".
    police_station = models.CharField(max_length=120, blank=True, verbose_name=_("police station"))
    police_case_no = models.CharField(
        max_length=40, blank=True, verbose_name=_("police case number")
    )
    our_role = models.CharField(
        max_length=16, choices=OurRole.choices, verbose_name=_("our side's role")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("The case this one appeals or revises."),
        verbose_name=_("parent case"),
    )
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING, verbose_name=_("status")
    )
    outcome = models.CharField(
        max_length=16, choices=Outcome.choices, blank=True, verbose_name=_("outcome")
    )
    summary = models.TextField(blank=True, verbose_name=_("summary"))
    cost_bdt = models.DecimalField(_("cost (BDT)"), max_digits=12, decimal_places=2, default=0)
    claims = models.ManyToManyField("claims.Claim", blank=True, related_name="cases")
    parcels = models.ManyToManyField("parcels.Parcel", blank=True, related_name="cases")
    lawyers = models.ManyToManyField(Lawyer, blank=True, related_name="cases")
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Staff member reminded of hearings."),
        verbose_name=_("responsible lawyer"),
    )

    # Raised by every service write; a form carries the version it was loaded at, and a save
    # from an older version is refused instead of overwriting someone else's change.
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-year", "number"]
        indexes = [models.Index(fields=["organisation", "district", "case_type", "status"])]
        constraints = [
            *name_checks("case", "court_name", "court_name_bn"),
            models.UniqueConstraint(
                fields=["organisation", "district", "court_name", "case_type", "number", "year"],
                name="case_unique_number_in_court",
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=1900, year__lte=2200), name="case_year_plausible"
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="case_not_own_parent"
            ),
            models.CheckConstraint(
                condition=models.Q(cost_bdt__gte=0), name="case_cost_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(case_type__in=CaseType.values), name="case_type_known"
            ),
        ]

    def __str__(self) -> str:
        return self.display_no

    @property
    def display_no(self) -> str:
        """The number in the court's own form, e.g. "Writ Petition No. 364 of 2017", its words
        in the reader's language ("রিট পিটিশন নং 364/2017"); the number and year as typed."""
        form = CASE_NUMBER_FORMS.get(self.case_type, CASE_NUMBER_FORMS[CaseType.OTHER])
        return gettext(form).format(number=self.number, year=self.year)

    @property
    def display_no_en(self) -> str:
        """The number in the court's own English form, whatever the reader's language."""
        form = CASE_NUMBER_FORMS.get(self.case_type, CASE_NUMBER_FORMS[CaseType.OTHER])
        return form.format(number=self.number, year=self.year)

    @property
    def court(self) -> str:
        """The court's name as the reader reads it: the Bengali name on Bangla pages where it
        is known, the English otherwise."""
        if self.court_name_bn and (get_language() or "").startswith("bn"):
            return self.court_name_bn
        return self.court_name


@audited(indexed=("case",))
class CaseParty(models.Model):
    class Side(models.TextChoices):
        OURS = "ours", _("Ours")
        THEIRS = "theirs", _("Theirs")

    class PartyRole(models.TextChoices):
        PETITIONER = "petitioner", _("Petitioner")
        PLAINTIFF = "plaintiff", _("Plaintiff")
        APPELLANT = "appellant", _("Appellant")
        INFORMANT = "informant", _("Informant")
        COMPLAINANT = "complainant", _("Complainant")
        RESPONDENT = "respondent", _("Respondent")
        DEFENDANT = "defendant", _("Defendant")
        ACCUSED = "accused", _("Accused")
        OPPOSITE_PARTY = "opposite_party", _("Opposite party")
        GOVERNMENT = "government", _("Government")

    case = models.ForeignKey(
        LegalCase, on_delete=models.CASCADE, related_name="parties", verbose_name=_("case")
    )
    # Empty for a member: a member's name lives (encrypted) only on the member's record.
    name = NameField(max_length=200, blank=True, verbose_name=_("name"))
    # Set when the party is one of the organisation's members (e.g. a member accused).
    member = models.ForeignKey(
        "groups.Member",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_parties",
        verbose_name=_("group member"),
    )
    role = models.CharField(
        max_length=16, choices=PartyRole.choices, verbose_name=_("role in the case")
    )
    side = models.CharField(max_length=8, choices=Side.choices, verbose_name=_("side"))

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("party to a case")
        verbose_name_plural = _("parties to cases")
        ordering = ["side", "role", "id"]
        constraints = [
            *name_checks("caseparty", "name"),
            models.CheckConstraint(
                condition=models.Q(member__isnull=True) | models.Q(side="ours"),
                name="caseparty_member_is_ours",
            ),
            # A member party is named by the member's record, never by a copy of the name.
            models.CheckConstraint(
                condition=models.Q(member__isnull=True, name__gt="")
                | models.Q(member__isnull=False, name=""),
                name="caseparty_named_or_member",
            ),
        ]

    def __str__(self) -> str:
        who = f"member #{self.member_id}" if self.member_id else self.name
        return f"{who} ({self.get_role_display()})"


@audited(indexed=("case",))
class Hearing(TimeStampedModel):
    """One date before the court; an adjournment closes it and opens the next one."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        ADJOURNED = "adjourned", _("Adjourned")
        CANCELLED = "cancelled", _("Cancelled")

    case = models.ForeignKey(
        LegalCase, on_delete=models.CASCADE, related_name="hearings", verbose_name=_("case")
    )
    scheduled_on = models.DateField(verbose_name=_("date"))
    purpose = models.CharField(max_length=200, blank=True, verbose_name=_("purpose"))
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.SCHEDULED, verbose_name=_("status")
    )
    outcome_note = models.TextField(blank=True, verbose_name=_("outcome"))
    previous = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_hearing",
        verbose_name=_("previous hearing"),
    )
    # One id for a hearing and all the dates it was adjourned or moved to, so a calendar
    # feed moves one event instead of adding one per date; `sequence` counts the moves.
    series = models.UUIDField(
        default=uuid.uuid4, editable=False, db_index=True, verbose_name=_("series")
    )
    sequence = models.PositiveIntegerField(
        default=0, editable=False, verbose_name=_("number in series")
    )

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        ordering = ["scheduled_on", "id"]
        indexes = [models.Index(fields=["scheduled_on", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="scheduled"),
                name="hearing_one_scheduled_per_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} on {self.scheduled_on}"


@audited(indexed=("case",))
class CaseEvent(models.Model):
    class Kind(models.TextChoices):
        FILED = "filed", _("Filed")
        ADMITTED = "admitted", _("Admitted")
        RULE_ISSUED = "rule_issued", _("Rule issued")
        INTERIM_ORDER = "interim_order", _("Interim order")
        HEARING_FIXED = "hearing_fixed", _("Hearing fixed")
        HEARING_HELD = "hearing_held", _("Hearing held")
        ADJOURNED = "adjourned", _("Adjourned")
        WRITTEN_STATEMENT = "written_statement", _("Written statement")
        CHARGE_SHEET = "charge_sheet", _("Charge sheet")
        FINAL_REPORT = "final_report", _("Final report")
        NARAJI_FILED = "naraji_filed", _("Naraji petition filed")
        CHARGE_FRAMED = "charge_framed", _("Charge framed")
        WARRANT = "warrant", _("Warrant")
        ARREST = "arrest", _("Arrest")
        BAIL_GRANTED = "bail_granted", _("Bail granted")
        BAIL_REJECTED = "bail_rejected", _("Bail rejected")
        JUDGMENT = "judgment", _("Judgment")
        RULE_ABSOLUTE = "rule_absolute", _("Rule made absolute")
        RULE_DISCHARGED = "rule_discharged", _("Rule discharged")
        ACQUITTED = "acquitted", _("Acquitted")
        CONVICTED = "convicted", _("Convicted")
        DISCHARGED = "discharged", _("Discharged")
        COMPROMISE = "compromise", _("Compromise")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        APPEAL_FILED = "appeal_filed", _("Appeal filed")
        ORDER_IMPLEMENTED = "order_implemented", _("Order implemented")
        ORDER_VACATED = "order_vacated", _("Order vacated")
        ORDER_EXTENDED = "order_extended", _("Order extended")
        ORDER_MODIFIED = "order_modified", _("Order modified")
        CERTIFIED_COPY_APPLIED = "certified_copy_applied", _("Certified copy applied for")
        CERTIFIED_COPY_RECEIVED = "certified_copy_received", _("Certified copy received")

    case = models.ForeignKey(
        LegalCase, on_delete=models.CASCADE, related_name="events", verbose_name=_("case")
    )
    kind = models.CharField(max_length=24, choices=Kind.choices, verbose_name=_("kind of event"))
    happened_on = models.DateField(verbose_name=_("date"))
    hearing = models.ForeignKey(
        Hearing,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("hearing"),
    )
    order = models.ForeignKey(
        "InterimOrder",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("interim order"),
    )
    note = models.TextField(blank=True, verbose_name=_("note"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("recorded at"))

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["happened_on", "id"]

    def __str__(self) -> str:
        return f"{self.happened_on} {self.get_kind_display()}"


@audited(indexed=("case",))
class InterimOrder(TimeStampedModel):
    class Kind(models.TextChoices):
        STAY = "stay", _("Stay")
        STATUS_QUO = "status_quo", _("Status quo")
        INJUNCTION = "injunction", _("Injunction")
        RULE_NISI = "rule_nisi", _("Rule nisi")
        BAIL = "bail", _("Bail")
        DIRECTION = "direction", _("Direction")

    class EndReason(models.TextChoices):
        NONE = "", _("—")
        VACATED = "vacated", _("Vacated")
        JUDGMENT = "judgment", _("Ended by the judgment")

    case = models.ForeignKey(
        LegalCase, on_delete=models.CASCADE, related_name="interim_orders", verbose_name=_("case")
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, verbose_name=_("kind of order"))
    made_on = models.DateField(verbose_name=_("made on"))
    in_force_from = models.DateField(verbose_name=_("in force from"))
    # None: until further orders.
    in_force_until = models.DateField(null=True, blank=True, verbose_name=_("in force until"))
    # The day the order stopped binding before its end date: vacated, or ended by the final
    # judgment (`end_reason` says which). The rule in `order_in_force` reads only the date.
    vacated_on = models.DateField(null=True, blank=True, verbose_name=_("vacated on"))
    end_reason = models.CharField(
        max_length=12, choices=EndReason.choices, blank=True, verbose_name=_("ended by")
    )
    text = models.TextField(blank=True, verbose_name=_("text"))
    complied_on = models.DateField(null=True, blank=True, verbose_name=_("complied with on"))
    compliance_note = models.TextField(blank=True, verbose_name=_("compliance"))

    objects = InterimOrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("interim order")
        verbose_name_plural = _("interim orders")
        ordering = ["-made_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(in_force_from__gte=models.F("made_on")),
                name="interimorder_in_force_after_made",
            ),
            models.CheckConstraint(
                condition=models.Q(in_force_until__isnull=True)
                | models.Q(in_force_until__gte=models.F("in_force_from")),
                name="interimorder_until_after_from",
            ),
            models.CheckConstraint(
                condition=models.Q(vacated_on__isnull=True)
                | models.Q(vacated_on__gte=models.F("made_on")),
                name="interimorder_vacated_after_made",
            ),
            models.CheckConstraint(
                condition=models.Q(vacated_on__isnull=True, end_reason="")
                | models.Q(vacated_on__isnull=False, end_reason__in=["vacated", "judgment"]),
                name="interimorder_end_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(complied_on__isnull=True)
                | models.Q(complied_on__gte=models.F("made_on")),
                name="interimorder_complied_after_made",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.case})"


# Orders that freeze the land: nobody may be moved on or off it while they are in force, and
# their running out leaves the land unprotected (the calendar warns before they lapse).
FREEZING_ORDER_KINDS: tuple[str, ...] = (
    InterimOrder.Kind.STAY,
    InterimOrder.Kind.STATUS_QUO,
    InterimOrder.Kind.INJUNCTION,
)


@audited(indexed=("case",))
class CaseNote(models.Model):
    """A dated line in the case's note log: what the lawyer said, what to bring next time."""

    case = models.ForeignKey(
        LegalCase, on_delete=models.CASCADE, related_name="notes", verbose_name=_("case")
    )
    written_on = models.DateField(verbose_name=_("date"))
    text = models.TextField(verbose_name=_("note"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        ordering = ["-written_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="casenote_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.written_on} {self.text[:40]}"


@audited(indexed=("case",))
class CaseTask(TimeStampedModel):
    """Something one person must do for the case by a date (collect a certified copy, brief
    the lawyer); open tasks reach the calendar and the reminder."""

    case = models.ForeignKey(
        LegalCase, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("case")
    )
    title = models.CharField(max_length=200, verbose_name=_("what"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("who"),
    )
    due_on = models.DateField(verbose_name=_("by when"))
    done_on = models.DateField(null=True, blank=True, verbose_name=_("done on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("case task")
        verbose_name_plural = _("case tasks")
        ordering = ["done_on", "due_on", "id"]
        indexes = [
            models.Index(
                fields=["due_on"],
                condition=models.Q(done_on__isnull=True),
                name="casetask_open_due",
            )
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(title=""), name="casetask_has_title"),
        ]

    def __str__(self) -> str:
        return self.title


class Remedy(models.TextChoices):
    APPEAL = "appeal", _("Appeal")
    REVISION = "revision", _("Revision")
    LEAVE_PETITION = "leave_petition", _("Petition for leave to appeal")
    REVIEW = "review", _("Review")


class Decision(models.TextChoices):
    """Which decision a limitation rule follows; empty: any decision in the case."""

    ANY = "", _("Any decision")
    CONVICTED = "convicted", _("A conviction")
    ACQUITTED = "acquitted", _("An acquittal")


class LimitationRule(TimeStampedModel):
    """One row of the limitation table: from a decision in a case of `case_type` (before
    `forum_level`, or any forum when empty), the `remedy` must be filed within `days`.

    Data, not code: administrators correct it when the law changes, and each row carries its
    legal citation. The computation is in cases/limitation.py."""

    case_type = models.CharField(
        max_length=24, choices=CaseType.choices, verbose_name=_("decision in a case of type")
    )
    forum_level = models.CharField(
        max_length=32,
        choices=ForumLevel.choices,
        blank=True,
        help_text=_("Empty: a decision of any forum."),
        verbose_name=_("decided by"),
    )
    # A criminal case's remedy differs for a conviction and an acquittal (the case's
    # `convicted` or `acquitted` event says which; with neither, every rule is shown).
    decision = models.CharField(
        max_length=12,
        choices=Decision.choices,
        blank=True,
        default="",
        verbose_name=_("against"),
    )
    remedy = models.CharField(max_length=16, choices=Remedy.choices, verbose_name=_("remedy"))
    remedy_case_type = models.CharField(
        max_length=24, choices=CaseType.choices, verbose_name=_("filed as")
    )
    remedy_forum_level = models.CharField(
        max_length=32, choices=ForumLevel.choices, verbose_name=_("filed in")
    )
    days = models.PositiveSmallIntegerField(verbose_name=_("days allowed"))
    copy_time_excluded = models.BooleanField(
        default=True,
        help_text=_(
            "Limitation Act s.12(2): the time taken to obtain a certified copy does not count."
        ),
        verbose_name=_("certified copy time excluded"),
    )
    citation = models.CharField(max_length=300, verbose_name=_("legal citation"))
    note = models.TextField(blank=True, verbose_name=_("note"))
    active = models.BooleanField(default=True, verbose_name=_("in use"))

    class Meta:
        verbose_name = _("limitation rule")
        verbose_name_plural = _("limitation rules")
        ordering = ["case_type", "forum_level", "remedy"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_type", "forum_level", "decision", "remedy", "remedy_forum_level"],
                name="limitationrule_one_per_remedy",
            ),
            models.CheckConstraint(condition=models.Q(days__gt=0), name="limitationrule_days"),
            models.CheckConstraint(
                condition=~models.Q(citation=""), name="limitationrule_has_citation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_remedy_display()}: {self.days} days ({self.citation})"


class CourtClosure(models.Model):
    """A day the courts are closed besides the weekly holidays (public holidays, vacations):
    a limitation period ending on one runs to the next open day (Limitation Act s.4)."""

    on = models.DateField(unique=True, verbose_name=_("date"))
    name = models.CharField(max_length=120, verbose_name=_("occasion"))

    class Meta:
        verbose_name = _("court closure")
        verbose_name_plural = _("court closures")
        ordering = ["on"]

    def __str__(self) -> str:
        return f"{self.on} {self.name}"
