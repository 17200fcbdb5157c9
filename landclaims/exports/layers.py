"""What each exported layer holds: its columns, which profile first shows each one, and the
SQL expression behind it.

Privacy profiles, least revealing first (models.REVEALING):
- public: no personal or group names, no free text (notes, descriptions, hearing purposes),
  no case, police or record numbers; counts of people by sex, a count from 1 to 4 left
  blank (small counts identify people); incidents snapped to a 0.05° grid (about 5 km),
  dated to the month and not linked to parcels, claims or cases.
- monitor: adds group ids, case numbers, GD/FIR and settlement record numbers, exact counts
  and the links between records.
- staff: adds group names (only for roles that read names: GROUP_NAME_READERS), titles,
  notes, summaries, descriptions and hearing purposes.

No layer ever holds members' names, case parties or the accused.
"""

from __future__ import annotations

from dataclasses import dataclass

from gis.vector_write import Field, FieldKind
from landclaims.cases.models import CASE_NUMBER_FORMS, CaseType
from landclaims.exports.models import REVEALING, Layer, Profile

TEXT, INTEGER, REAL, DATE = FieldKind.TEXT, FieldKind.INTEGER, FieldKind.REAL, FieldKind.DATE
PUBLIC, MONITOR, STAFF = Profile.PUBLIC, Profile.MONITOR, Profile.STAFF
SMALL_COUNT = 5  # people counts below this (and above 0) are blank in the public profile
PUBLIC_INCIDENT_GRID_DEGREES = 0.05


@dataclass(frozen=True)
class Column:
    field: Field
    sql: str
    profile: Profile = PUBLIC  # the least revealing profile that includes it
    people_count: bool = False  # suppressed under SMALL_COUNT in the public profile
    names: bool = False  # group names: also needs a role in GROUP_NAME_READERS
    public_sql: str = ""  # a coarser expression for the public profile

    def expression(self, profile: Profile) -> str:
        if profile == PUBLIC and self.public_sql:
            return self.public_sql
        if profile == PUBLIC and self.people_count:
            return (
                f"(CASE WHEN ({self.sql}) BETWEEN 1 AND {SMALL_COUNT - 1} "
                f"THEN NULL ELSE ({self.sql}) END)"
            )
        return self.sql


def col(
    name: str, kind: FieldKind, sql: str, description: str, dbf: str = "", **options: object
) -> Column:
    return Column(Field(name, kind, description, dbf), sql, **options)  # type: ignore[arg-type]


def included(column: Column, *, profile: Profile, reads_names: bool) -> bool:
    if column.names and not reads_names:
        return False
    return REVEALING.index(column.profile) <= REVEALING.index(profile)


# Parcels: x = the parcel with its leading claim (maps.layers), m/un/uz/d = its mouza, union,
# upazila and district, c = the leading claim, grp = the claim's groups, nxt = its cases.
GROUP_COLUMNS = (
    col("groups", INTEGER, "coalesce(grp.groups, 0)", "landless groups on the claim"),
    col("groups_women", INTEGER, "coalesce(grp.groups_women, 0)", "women's groups", "grp_women"),
    col("groups_men", INTEGER, "coalesce(grp.groups_men, 0)", "men's groups", "grp_men"),
    col(
        "members_women",
        INTEGER,
        "grp.members_women",
        "women members of those groups (public: blank when 1 to 4)",
        "mem_women",
        people_count=True,
    ),
    col(
        "members_men",
        INTEGER,
        "grp.members_men",
        "men members of those groups (public: blank when 1 to 4)",
        "mem_men",
        people_count=True,
    ),
    col("group_ids", TEXT, "grp.group_ids", "ids of the groups", "group_ids", profile=MONITOR),
    col(
        "group_names",
        TEXT,
        "grp.group_names",
        "names of the groups (Bengali)",
        "grp_names",
        profile=STAFF,
        names=True,
    ),
)

PARCEL_COLUMNS = (
    col("id", INTEGER, "x.id", "parcel id"),
    col("district", TEXT, "d.name_en", "district"),
    col("upazila", TEXT, "uz.name_en", "upazila"),
    col("union_name", TEXT, "un.name_en", "union"),
    col("mouza", TEXT, "m.name_en", "mouza"),
    col("mouza_bn", TEXT, "m.name_bn", "mouza (Bengali)"),
    col("survey", TEXT, "x.survey", "survey series (CS, SA, RS, BS, BRS, DIARA, CITY)"),
    col("jl_no", TEXT, "nullif(x.jl_no, '')", "JL no. of the mouza in that survey"),
    col("sheet_no", TEXT, "nullif(x.sheet_no, '')", "map sheet no."),
    col("dag_nos", TEXT, "dg.dag_nos", "dag (plot) nos."),
    col("khatian_no", TEXT, "nullif(x.khatian_no, '')", "khatian no.", "khatian_no"),
    col(
        "register_viii_ref",
        TEXT,
        "nullif(x.register_viii_ref, '')",
        "Register VIII (khas land register) reference",
        "reg_viii",
    ),
    col("land_class", TEXT, "x.land_class", "land class", "land_class"),
    col("area_value", REAL, "x.area_value::float8", "area as written on the paper", "area_value"),
    col("area_unit", TEXT, "nullif(x.area_unit, '')", "unit of that area", "area_unit"),
    col("area_m2", REAL, "x.area_m2::float8", "area in square metres", "area_m2"),
    col(
        "geom_source", TEXT, "nullif(x.geom_source, '')", "where the boundary came from", "geom_src"
    ),
    col("accuracy_m", REAL, "x.accuracy_m", "boundary accuracy in metres", "accuracy_m"),
    col("claim_id", INTEGER, "x.claim_id", "the leading claim (as on the map)", "claim_id"),
    col("stage", TEXT, "x.claim_stage", "settlement stage of that claim"),
    col("stage_since", DATE, "c.stage_since", "date it reached that stage", "stage_on"),
    col("possession", TEXT, "x.claim_possession", "possession status", "possession"),
    col("possession_since", DATE, "c.possession_since", "date of that possession", "poss_on"),
    col(
        "order_in_force",
        INTEGER,
        "x.frozen::int",
        "1 when a stay, status quo order or injunction is in force",
        "order_now",
    ),
    col("cases", INTEGER, "coalesce(nxt.cases, 0)", "court cases about the parcel"),
    col("next_hearing", DATE, "nxt.next_hearing", "next hearing date of those cases", "next_hear"),
    *GROUP_COLUMNS,
    col("notes", TEXT, "nullif(x.notes, '')", "notes", profile=STAFF),
)

CLAIM_COLUMNS = (
    col("id", INTEGER, "c.id", "claim id"),
    col("district", TEXT, "d.name_en", "district"),
    col("title", TEXT, "nullif(c.title, '')", "title", profile=STAFF),
    col("opened_on", DATE, "c.opened_on", "date the claim was opened", "opened_on"),
    col("stage", TEXT, "c.stage", "settlement stage"),
    col("stage_since", DATE, "c.stage_since", "date it reached that stage", "stage_on"),
    col("possession", TEXT, "c.possession", "possession status", "possession"),
    col("possession_since", DATE, "c.possession_since", "date of that possession", "poss_on"),
    col("parcels", INTEGER, "coalesce(pa.parcels, 0)", "parcels claimed"),
    col("area_m2", REAL, "pa.area_m2", "their area in square metres"),
    col("mouzas", TEXT, "pa.mouzas", "mouzas of those parcels"),
    *GROUP_COLUMNS,
    col(
        "register13_no",
        TEXT,
        "nullif(c.register13_no, '')",
        "Register-13 no.",
        "reg13_no",
        profile=MONITOR,
    ),
    col(
        "settlement_case_no",
        TEXT,
        "nullif(c.settlement_case_no, '')",
        "settlement case no.",
        "sett_case",
        profile=MONITOR,
    ),
    col(
        "kabuliyat_no",
        TEXT,
        "nullif(c.kabuliyat_no, '')",
        "kabuliyat no.",
        "kabul_no",
        profile=MONITOR,
    ),
    col("kabuliyat_on", DATE, "c.kabuliyat_on", "kabuliyat date", "kabul_on", profile=MONITOR),
    col(
        "deed_registration_no",
        TEXT,
        "nullif(c.deed_registration_no, '')",
        "deed registration no.",
        "deed_no",
        profile=MONITOR,
    ),
    col(
        "mutation_case_no",
        TEXT,
        "nullif(c.mutation_case_no, '')",
        "mutation case no.",
        "mutation",
        profile=MONITOR,
    ),
    col(
        "new_khatian_no",
        TEXT,
        "nullif(c.new_khatian_no, '')",
        "new khatian no.",
        "new_khat",
        profile=MONITOR,
    ),
    col(
        "holding_no", TEXT, "nullif(c.holding_no, '')", "holding no.", "holding_no", profile=MONITOR
    ),
    col("dcr_no", TEXT, "nullif(c.dcr_no, '')", "DCR no.", profile=MONITOR),
    col("cases", INTEGER, "coalesce(nxt.cases, 0)", "court cases about the claim"),
    col("next_hearing", DATE, "nxt.next_hearing", "next hearing date of those cases", "next_hear"),
    col("notes", TEXT, "nullif(c.notes, '')", "notes", profile=STAFF),
)

GROUP_LAYER_COLUMNS = (
    col("id", INTEGER, "g.id", "group id"),
    col("sex", TEXT, "g.sex", "women's or men's group"),
    col("district", TEXT, "d.name_en", "district"),
    col("upazila", TEXT, "uz.name_en", "upazila"),
    col("union_name", TEXT, "un.name_en", "union"),
    col("village", TEXT, "v.name_en", "village"),
    col("village_bn", TEXT, "v.name_bn", "village (Bengali)"),
    col("formed_on", DATE, "g.formed_on", "date the group was formed", "formed_on"),
    col(
        "members_women",
        INTEGER,
        "g.members_women",
        "women members (public: blank when 1 to 4)",
        "mem_women",
        people_count=True,
    ),
    col(
        "members_men",
        INTEGER,
        "g.members_men",
        "men members (public: blank when 1 to 4)",
        "mem_men",
        people_count=True,
    ),
    col("claims", INTEGER, "coalesce(gc.claims, 0)", "claims the group pursues"),
    col("name_bn", TEXT, "g.name_bn", "name (Bengali)", profile=STAFF, names=True),
    col("name_en", TEXT, "nullif(g.name_en, '')", "name (romanised)", profile=STAFF, names=True),
)


def _case_number_sql() -> str:
    """The court's own form of a case number ("Writ Petition No. 364 of 2017") in SQL."""

    def literal(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    branches = []
    for case_type, form in CASE_NUMBER_FORMS.items():
        head, rest = form.split("{number}")
        middle, tail = rest.split("{year}")
        branches.append(
            f"WHEN {literal(case_type)} THEN {literal(head)} || k.number || "
            f"{literal(middle)} || k.year || {literal(tail)}"
        )
    other = CASE_NUMBER_FORMS[CaseType.OTHER]
    head, rest = other.split("{number}")
    middle, tail = rest.split("{year}")
    fallback = f"{literal(head)} || k.number || {literal(middle)} || k.year || {literal(tail)}"
    return f"(CASE k.case_type {' '.join(branches)} ELSE {fallback} END)"


CASE_COLUMNS = (
    col("id", INTEGER, "k.id", "case id"),
    col("case_type", TEXT, "k.case_type", "type of case", "case_type"),
    col("forum_level", TEXT, "k.forum_level", "court level", "forum"),
    col("court_name", TEXT, "k.court_name", "court", "court"),
    col("district", TEXT, "d.name_en", "district"),
    col("number", TEXT, "k.number", "case number", profile=MONITOR),
    col("year", INTEGER, "k.year", "case year"),
    col(
        "display_no",
        TEXT,
        _case_number_sql(),
        "the number as the court writes it",
        "case_no",
        profile=MONITOR,
    ),
    col("filed_on", DATE, "k.filed_on", "filing date"),
    col("our_role", TEXT, "k.our_role", "our side's role", "our_role"),
    col("status", TEXT, "k.status", "status"),
    col("outcome", TEXT, "nullif(k.outcome, '')", "outcome"),
    col("next_hearing", DATE, "h.scheduled_on", "next hearing date", "next_hear"),
    col(
        "next_purpose",
        TEXT,
        "nullif(h.purpose, '')",
        "purpose of that hearing",
        "next_purp",
        profile=STAFF,
    ),
    col(
        "order_in_force",
        INTEGER,
        "(fo.id IS NOT NULL)::int",
        "1 when a stay, status quo order or injunction is in force",
        "order_now",
    ),
    col("parcels", INTEGER, "coalesce(pa.parcels, 0)", "parcels the case is about"),
    col("claims", INTEGER, "coalesce(kc.claims, 0)", "claims the case is about"),
    col("summary", TEXT, "nullif(k.summary, '')", "summary", profile=STAFF),
)

INCIDENT_COLUMNS = (
    col("id", INTEGER, "i.id", "incident id"),
    col("kind", TEXT, "i.kind", "kind of incident"),
    col(
        "occurred_on",
        DATE,
        "i.occurred_on",
        "date (public: the first day of its month)",
        "occurred",
        public_sql="date_trunc('month', i.occurred_on)::date",
    ),
    col("district", TEXT, "d.name_en", "district"),
    col(
        "women_affected",
        INTEGER,
        "i.women_affected",
        "women affected (public: blank when 1 to 4)",
        "women_aff",
        people_count=True,
    ),
    col(
        "men_affected",
        INTEGER,
        "i.men_affected",
        "men affected (public: blank when 1 to 4)",
        "men_aff",
        people_count=True,
    ),
    col("claim_id", INTEGER, "i.claim_id", "claim", "claim_id", profile=MONITOR),
    col("parcel_id", INTEGER, "i.parcel_id", "parcel", "parcel_id", profile=MONITOR),
    col("case_id", INTEGER, "i.legal_case_id", "court case", "case_id", profile=MONITOR),
    col("gd_fir_no", TEXT, "nullif(i.gd_fir_no, '')", "GD/FIR no.", "gd_fir_no", profile=MONITOR),
    col(
        "police_station",
        TEXT,
        "nullif(i.police_station, '')",
        "police station",
        "police_stn",
        profile=MONITOR,
    ),
    col(
        "description", TEXT, "nullif(i.description, '')", "description", "descriptn", profile=STAFF
    ),
)

ADMIN_AREA_COLUMNS = (
    col("id", INTEGER, "a.id", "area id"),
    col("level", TEXT, "a.level", "level (division, district, upazila, union, mouza, ...)"),
    col("name_en", TEXT, "a.name_en", "name (English)"),
    col("name_bn", TEXT, "a.name_bn", "name (Bengali)"),
    col("bbs_code", TEXT, "nullif(a.bbs_code, '')", "BBS geocode"),
    col("hdx_pcode", TEXT, "nullif(a.hdx_pcode, '')", "HDX p-code"),
    col("parent_id", INTEGER, "a.parent_id", "the area it lies in", "parent_id"),
    col(
        "parcels", INTEGER, "coalesce(n.parcels, 0)", "parcels you may see in it, under the filters"
    ),
)

# Allocations: al = the allocation, p = its parcel (whose boundary is the geometry), m/un/uz/d
# its mouza, union, upazila and district, rc = the recipients' pseudonymous codes. Names on
# the kabuliyat and the notes are never exported.
ALLOCATION_COLUMNS = (
    col("id", INTEGER, "al.id", "allocation id"),
    col("district", TEXT, "d.name_en", "district"),
    col("upazila", TEXT, "uz.name_en", "upazila"),
    col("mouza", TEXT, "m.name_en", "mouza"),
    col("mouza_bn", TEXT, "m.name_bn", "mouza (Bengali)"),
    col("parcel_id", INTEGER, "al.parcel_id", "parcel", "parcel_id", profile=MONITOR),
    col("claim_id", INTEGER, "al.claim_id", "claim", "claim_id", profile=MONITOR),
    col("group_id", INTEGER, "al.group_id", "landless group", "group_id", profile=MONITOR),
    col("title", TEXT, "nullif(al.title, '')", "kind of title (joint, single woman, ...)"),
    col("area_value", REAL, "al.area_value::float8", "settled area as written", "area_value"),
    col("area_unit", TEXT, "al.area_unit", "unit of that area", "area_unit"),
    col("area_m2", REAL, "al.area_m2::float8", "settled area in square metres", "area_m2"),
    col("approved_on", DATE, "al.approved_on", "date the settlement was approved", "approved"),
    col(
        "kabuliyat_no",
        TEXT,
        "nullif(al.kabuliyat_no, '')",
        "kabuliyat no.",
        "kabul_no",
        profile=MONITOR,
    ),
    col("kabuliyat_on", DATE, "al.kabuliyat_on", "kabuliyat date", "kabul_on"),
    col(
        "deed_registration_no",
        TEXT,
        "nullif(al.deed_registration_no, '')",
        "deed registration no.",
        "deed_no",
        profile=MONITOR,
    ),
    col("registered_on", DATE, "al.registered_on", "deed registration date", "reg_on"),
    col(
        "mutation_case_no",
        TEXT,
        "nullif(al.mutation_case_no, '')",
        "mutation case no.",
        "mutation",
        profile=MONITOR,
    ),
    col("dcr_no", TEXT, "nullif(al.dcr_no, '')", "DCR no.", profile=MONITOR),
    col(
        "held_by",
        TEXT,
        "al.held_by",
        "who holds the land now (recipients, other_landless, encroacher, land_office, not_known)",
    ),
    col("held_since", DATE, "al.held_since", "since when they hold it", "held_since"),
    col(
        "outside_policy",
        INTEGER,
        "al.outside_policy::int",
        "1 when won for people the 1997 policy leaves out",
        "out_policy",
    ),
    col(
        "settled_to_others",
        INTEGER,
        "al.settled_to_others::int",
        "1 when the land was settled to someone else",
        "to_others",
    ),
    col(
        "recipient_codes",
        TEXT,
        "rc.codes",
        "the recipients' pseudonymous member codes (never names)",
        "recipients",
        profile=STAFF,
        names=True,
    ),
)

# Cooperative land: cl = the plot, co = its cooperative, m/d = its mouza and district, cg =
# the cooperative's member groups (those the user may see). The cooperative's name is public
# (a registered body); the member groups' names need a profile and a role that read names.
COOPERATIVE_LAND_COLUMNS = (
    col("id", INTEGER, "cl.id", "land id"),
    col("cooperative_id", INTEGER, "co.id", "cooperative id", "coop_id"),
    col("cooperative", TEXT, "coalesce(nullif(co.name_en, ''), co.name_bn)", "cooperative"),
    col("cooperative_bn", TEXT, "co.name_bn", "cooperative (Bengali)", "coop_bn"),
    col("district", TEXT, "d.name_en", "district"),
    col("mouza", TEXT, "m.name_en", "mouza"),
    col("mouza_bn", TEXT, "m.name_bn", "mouza (Bengali)"),
    col("tenure", TEXT, "cl.tenure", "tenure (owned, leased, khas_settled, homestead)"),
    col("area_m2", REAL, "cl.area_m2::float8", "area in square metres", "area_m2"),
    col("from_on", DATE, "cl.from_on", "farmed from", "from_on"),
    col("to_on", DATE, "cl.to_on", "farmed until", "to_on"),
    col(
        "parcel_id", INTEGER, "cl.parcel_id", "khas parcel settled on", "parcel_id", profile=MONITOR
    ),
    col(
        "registration_no",
        TEXT,
        "nullif(co.registration_no, '')",
        "the cooperative's registration no.",
        "reg_no",
        profile=MONITOR,
    ),
    col(
        "lease_rent_poisha",
        INTEGER,
        "cl.lease_rent_poisha",
        "yearly rent of leased land, in poisha (100 to the taka)",
        "rent_psh",
        profile=MONITOR,
    ),
    col("member_groups", INTEGER, "coalesce(cg.groups, 0)", "member groups", "groups"),
    col(
        "group_names",
        TEXT,
        "cg.group_names",
        "names of the member groups (Bengali)",
        "grp_names",
        profile=STAFF,
        names=True,
    ),
    col(
        "description", TEXT, "nullif(cl.description, '')", "description", "descriptn", profile=STAFF
    ),
)

COLUMNS: dict[Layer, tuple[Column, ...]] = {
    Layer.PARCELS: PARCEL_COLUMNS,
    Layer.CLAIMS: CLAIM_COLUMNS,
    Layer.GROUPS: GROUP_LAYER_COLUMNS,
    Layer.CASES: CASE_COLUMNS,
    Layer.INCIDENTS: INCIDENT_COLUMNS,
    Layer.ADMIN_AREAS: ADMIN_AREA_COLUMNS,
    Layer.ALLOCATIONS: ALLOCATION_COLUMNS,
    Layer.COOPERATIVE_LAND: COOPERATIVE_LAND_COLUMNS,
}

GEOMETRY_TYPES: dict[Layer, str] = {
    Layer.PARCELS: "MultiPolygon",
    Layer.CLAIMS: "MultiPolygon",
    Layer.GROUPS: "Point",
    Layer.CASES: "MultiPolygon",
    Layer.INCIDENTS: "Point",
    Layer.ADMIN_AREAS: "MultiPolygon",
    Layer.ALLOCATIONS: "MultiPolygon",
    Layer.COOPERATIVE_LAND: "MultiPolygon",
}
