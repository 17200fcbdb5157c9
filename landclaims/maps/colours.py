"""What colours a parcel on the map, kept in `ParcelColour` by database triggers.

A tile must not look up each parcel's leading claim and freezing orders (that lookup cost
more than the rest of the tile), so every write that can change them recomputes the
parcels it touched, in the same statement, whichever door it came through: services, the
admin, imports, `QuerySet.update`, psql. The rules are not restated here: the leading claim
is `claims.leading.leading_claim_join` (made from LEADING_ORDER) and "in force" stays
`cases.models.order_in_force`, compared by the tile with today's date against the stored
spans, so nothing stored goes stale at midnight. tests/maps/test_colours.py checks the
stored rows against both rules after every kind of write.

Scoping. The stored values are the same for every user who may see the parcel except where
a record lies outside the parcel's own organisation and district (a user limited to some
districts may not see it): `claims_elsewhere` and `frozen_elsewhere` flag those parcels,
and the tile falls back to the per-user rule for them (maps.selectors).

The SQL is installed by migrations (maps 0005); after a change to the rules, add a
migration that runs INSTALL again (CREATE OR REPLACE).
"""

from __future__ import annotations

from landclaims.cases.models import FREEZING_ORDER_KINDS
from landclaims.claims.leading import (
    ALL_CLAIMS_SQL,
    leading_claim_join,
    leading_claim_per_parcel_sql,
)
from landclaims.core.db import code_literal

# Set (SET LOCAL) by a bulk load that recomputes every parcel once at its end
# (maps.services.parcel_colours_deferred); read with missing_ok, so no exception block.
DEFERRED_SETTING = "landclaims.colours_deferred"

_FREEZING = ", ".join(code_literal(kind) for kind in FREEZING_ORDER_KINDS)

# The days an order is in force, as a range, by order_in_force: from `in_force_from`, up to
# and including `in_force_until`, and up to but not including `vacated_on`.
_SPAN = """
CASE WHEN least(o.in_force_until + 1, o.vacated_on) <= o.in_force_from THEN 'empty'::daterange
     ELSE daterange(o.in_force_from, least(o.in_force_until + 1, o.vacated_on), '[)') END
"""

# One row per parcel in `{where}`. "Here" means a record every user who may see the parcel
# may see too: of the parcel's organisation and filed under the parcel's district.
_COMPUTE = f"""
SELECT p.id AS parcel_id, lc.id AS claim_id, coalesce(lc.stage, '') AS stage,
       coalesce(lc.possession, '') AS possession,
       (SELECT min(g.landlessgroup_id) FROM claims_claim_groups g WHERE g.claim_id = lc.id)
           AS group_id,
       EXISTS (
           SELECT 1 FROM claims_claim_parcels l JOIN claims_claim c ON c.id = l.claim_id
           WHERE l.parcel_id = p.id AND c.organisation_id = p.organisation_id
             AND c.district_id IS DISTINCT FROM m.district_id
       ) AS claims_elsewhere,
       coalesce(fz.here, '{{{{}}}}'::datemultirange) AS frozen_on,
       coalesce(fz.elsewhere, false) AS frozen_elsewhere
FROM parcels_parcel p
JOIN places_adminarea m ON m.id = p.mouza_id
{leading_claim_join(ALL_CLAIMS_SQL)}
LEFT JOIN LATERAL (
    SELECT range_agg(x.span) FILTER (WHERE x.here) AS here, bool_or(NOT x.here) AS elsewhere
    FROM (
        SELECT {_SPAN} AS span,
               coalesce(cs.organisation_id = p.organisation_id
                        AND cs.district_id = m.district_id, false) AS here
        FROM cases_legalcase_parcels cp
        JOIN cases_legalcase cs ON cs.id = cp.legalcase_id
        JOIN cases_interimorder o ON o.case_id = cs.id
        WHERE cp.parcel_id = p.id AND o.kind IN ({_FREEZING})
        UNION ALL
        SELECT {_SPAN},
               coalesce(cs.organisation_id = p.organisation_id AND cs.district_id = m.district_id
                        AND k.organisation_id = p.organisation_id
                        AND k.district_id = m.district_id, false)
        FROM claims_claim_parcels kp
        JOIN claims_claim k ON k.id = kp.claim_id
        JOIN cases_legalcase_claims cc ON cc.claim_id = k.id
        JOIN cases_legalcase cs ON cs.id = cc.legalcase_id
        JOIN cases_interimorder o ON o.case_id = cs.id
        WHERE kp.parcel_id = p.id AND o.kind IN ({_FREEZING})
    ) x
) fz ON true
WHERE {{where}}
"""

# The same for every parcel at once, set-based (a bulk load's end, a migration, TRUNCATE):
# the lookups above, per parcel, would take minutes on a million parcels.
_ORDERS_BY_PARCEL = f"""
SELECT cp.parcel_id, {_SPAN} AS span, cs.organisation_id AS case_org,
       cs.district_id AS case_district, NULL::bigint AS claim_org, NULL::bigint AS claim_district
FROM cases_legalcase_parcels cp
JOIN cases_legalcase cs ON cs.id = cp.legalcase_id
JOIN cases_interimorder o ON o.case_id = cs.id
WHERE o.kind IN ({_FREEZING})
UNION ALL
SELECT kp.parcel_id, {_SPAN}, cs.organisation_id, cs.district_id, k.organisation_id, k.district_id
FROM cases_interimorder o
JOIN cases_legalcase cs ON cs.id = o.case_id
JOIN cases_legalcase_claims cc ON cc.legalcase_id = cs.id
JOIN claims_claim k ON k.id = cc.claim_id
JOIN claims_claim_parcels kp ON kp.claim_id = k.id
WHERE o.kind IN ({_FREEZING})
"""

_COMPUTE_ALL = f"""
SELECT p.id, lc.id, coalesce(lc.stage, ''), coalesce(lc.possession, ''), fg.group_id,
       coalesce(ce.yes, false), coalesce(fz.here, '{{}}'::datemultirange),
       coalesce(fz.elsewhere, false)
FROM parcels_parcel p
JOIN places_adminarea m ON m.id = p.mouza_id
LEFT JOIN ({leading_claim_per_parcel_sql()}) lc ON lc.parcel_id = p.id
LEFT JOIN (
    SELECT claim_id, min(landlessgroup_id) AS group_id FROM claims_claim_groups GROUP BY 1
) fg ON fg.claim_id = lc.id
LEFT JOIN (
    SELECT DISTINCT l.parcel_id, true AS yes
    FROM claims_claim_parcels l
    JOIN claims_claim c ON c.id = l.claim_id
    JOIN parcels_parcel lp ON lp.id = l.parcel_id AND lp.organisation_id = c.organisation_id
    JOIN places_adminarea lm ON lm.id = lp.mouza_id
    WHERE c.district_id IS DISTINCT FROM lm.district_id
) ce ON ce.parcel_id = p.id
LEFT JOIN (
    SELECT x.parcel_id,
           range_agg(x.span) FILTER (WHERE x.here) AS here, bool_or(NOT x.here) AS elsewhere
    FROM (
        SELECT o.parcel_id, o.span,
               coalesce(o.case_org = op.organisation_id AND o.case_district = om.district_id
                        AND (o.claim_org IS NULL OR (o.claim_org = op.organisation_id
                                                     AND o.claim_district = om.district_id)),
                        false) AS here
        FROM ({_ORDERS_BY_PARCEL}) o
        JOIN parcels_parcel op ON op.id = o.parcel_id
        JOIN places_adminarea om ON om.id = op.mouza_id
    ) x
    GROUP BY x.parcel_id
) fz ON fz.parcel_id = p.id
"""

_COLUMNS = (
    "parcel_id, claim_id, stage, possession, group_id, claims_elsewhere, frozen_on, "
    "frozen_elsewhere"
)
_VALUES = _COLUMNS.split(", ")[1:]
_UPDATES = ", ".join(f"{c} = EXCLUDED.{c}" for c in _VALUES)
_STORED = ", ".join(f"maps_parcelcolour.{c}" for c in _VALUES)
_INCOMING = ", ".join(f"EXCLUDED.{c}" for c in _VALUES)

FUNCTIONS = f"""
-- Most writes recolour no parcel (a case's version bump, a hearing): they return at once,
-- where planning the statements below cost ~4 ms on every audited case write. The rest is
-- planned for each call's own ids (1 to 100,000 of them), as a generic plan would not be.
CREATE OR REPLACE FUNCTION maps_colour_parcels(ids bigint[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan AS $$
BEGIN
    IF cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    DELETE FROM maps_parcelcolour c
    WHERE c.parcel_id = ANY(ids)
      AND NOT EXISTS (SELECT 1 FROM parcels_parcel p WHERE p.id = c.parcel_id);
    INSERT INTO maps_parcelcolour ({_COLUMNS})
    {_COMPUTE.format(where="p.id = ANY(ids)")}
    ON CONFLICT (parcel_id) DO UPDATE SET {_UPDATES}
    -- Unchanged rows are not rewritten (no dead tuples for a no-op).
    WHERE ({_STORED}) IS DISTINCT FROM ({_INCOMING});
END $$;

CREATE OR REPLACE FUNCTION maps_colour_all() RETURNS void LANGUAGE sql AS $$
    DELETE FROM maps_parcelcolour;
    INSERT INTO maps_parcelcolour ({_COLUMNS}) {_COMPUTE_ALL};
$$;

CREATE OR REPLACE FUNCTION maps_colours_deferred() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('{DEFERRED_SETTING}', true), '') = 'on';
$$;
"""

# Which parcels a statement on each table may have recoloured, from its transition tables
# (`rows`: old_rows, new_rows or both, as one relation named r).
_PARCELS_OF_CLAIMS = (
    "SELECT l.parcel_id FROM claims_claim_parcels l WHERE l.claim_id IN (SELECT {col} FROM {rows})"
)
_PARCELS_OF_CASES = (
    "SELECT cp.parcel_id FROM cases_legalcase_parcels cp "
    "WHERE cp.legalcase_id IN (SELECT {col} FROM {rows}) "
    "UNION SELECT l.parcel_id FROM cases_legalcase_claims cc "
    "JOIN claims_claim_parcels l ON l.claim_id = cc.claim_id "
    "WHERE cc.legalcase_id IN (SELECT {col} FROM {rows})"
)
_AFFECTED: dict[str, tuple[str, str]] = {
    # table: (parcel ids from a relation of its rows, which rows count on UPDATE)
    "parcels_parcel": ("SELECT id FROM {rows}", "organisation_id, mouza_id"),
    "claims_claim": (
        _PARCELS_OF_CLAIMS.format(col="id", rows="{rows}"),
        "organisation_id, district_id, stage, stage_since, possession",
    ),
    "claims_claim_parcels": ("SELECT parcel_id FROM {rows}", "claim_id, parcel_id"),
    "claims_claim_groups": (
        _PARCELS_OF_CLAIMS.format(col="claim_id", rows="{rows}"),
        "claim_id, landlessgroup_id",
    ),
    "cases_legalcase": (
        _PARCELS_OF_CASES.format(col="id", rows="{rows}"),
        "organisation_id, district_id",
    ),
    "cases_legalcase_parcels": ("SELECT parcel_id FROM {rows}", "legalcase_id, parcel_id"),
    "cases_legalcase_claims": (
        _PARCELS_OF_CLAIMS.format(col="claim_id", rows="{rows}"),
        "legalcase_id, claim_id",
    ),
    "cases_interimorder": (
        _PARCELS_OF_CASES.format(col="case_id", rows="{rows}"),
        "case_id, kind, in_force_from, in_force_until, vacated_on",
    ),
    # A mouza moved to another district changes what is "here" for its parcels.
    "places_adminarea": (
        "SELECT p.id FROM parcels_parcel p WHERE p.mouza_id IN (SELECT id FROM {rows})",
        "district_id",
    ),
}


def _trigger_function(table: str, event: str) -> str:
    parcels, watched = _AFFECTED[table]
    if event == "insert":
        rows = "new_rows"
    elif event == "delete":
        rows = "old_rows"
    else:
        # Only rows whose watched columns changed; old and new values both count (a link
        # moved from one parcel to another recolours both).
        rows = (
            f"(SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id "
            f"WHERE (n.{watched.replace(', ', ', n.')}) IS DISTINCT FROM "
            f"(o.{watched.replace(', ', ', o.')}) "
            f"UNION ALL SELECT o.* FROM new_rows n JOIN old_rows o ON o.id = n.id "
            f"WHERE (n.{watched.replace(', ', ', n.')}) IS DISTINCT FROM "
            f"(o.{watched.replace(', ', ', o.')}))"
        )
    name = f"maps_colour_{event}_{table}"
    affected = f"SELECT DISTINCT x.id FROM ({parcels.format(rows=f'{rows} r')}) x(id)"
    body = f"PERFORM maps_colour_parcels(ARRAY({affected}));"
    if (table, event) == ("parcels_parcel", "insert"):
        # New parcels have no claim and no case yet (their links come after them), unless
        # a link was written first under deferred keys: an import of 100,000 parcels then
        # costs one plain INSERT here instead of 100,000 lookups.
        body = """
        INSERT INTO maps_parcelcolour (parcel_id, stage, possession, claims_elsewhere,
                                       frozen_on, frozen_elsewhere)
        SELECT id, '', '', false, '{}', false FROM new_rows ON CONFLICT DO NOTHING;
        PERFORM maps_colour_parcels(ARRAY(
            SELECT n.id FROM new_rows n
            WHERE EXISTS (SELECT 1 FROM claims_claim_parcels l WHERE l.parcel_id = n.id)
               OR EXISTS (SELECT 1 FROM cases_legalcase_parcels l WHERE l.parcel_id = n.id)));"""
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT maps_colours_deferred() THEN
        {body}
    END IF;
    RETURN NULL;
END $$;
"""


_REFERENCING = {
    "insert": "REFERENCING NEW TABLE AS new_rows",
    "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "REFERENCING OLD TABLE AS old_rows",
}


def _triggers(table: str) -> str:
    referencing = _REFERENCING
    events = ("update",) if table == "places_adminarea" else ("insert", "update", "delete")
    parts = []
    for event in events:
        parts.append(_trigger_function(table, event))
        # A trigger with transition tables may name only one event, hence one per event.
        parts.append(
            f"CREATE TRIGGER maps_colour_{event}_{table} AFTER {event.upper()} ON {table} "
            f"{referencing[event]} FOR EACH STATEMENT EXECUTE FUNCTION "
            f"maps_colour_{event}_{table}();"
        )
    return "\n".join(parts)


TABLES = tuple(_AFFECTED)
# Every table a colour is computed from.
COLOUR_INPUTS = TABLES

# A TRUNCATE (tests' flush, psql) recomputes everything still there.
_TRUNCATE = """
CREATE OR REPLACE FUNCTION maps_colour_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT maps_colours_deferred() THEN
        PERFORM maps_colour_all();
    END IF;
    RETURN NULL;
END $$;
"""

INSTALL = "\n".join(
    [
        FUNCTIONS,
        _TRUNCATE,
        *(_triggers(table) for table in TABLES),
        *(
            f"CREATE TRIGGER maps_colour_truncate_{table} AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION maps_colour_truncate();"
            for table in TABLES
            if table != "places_adminarea"
        ),
        # The stage counts read the colours: a colour written marks its mouza to recount
        # (maps_stale_link_mouzas reads `parcel_id` from the rows, as for claim links).
        *(
            f"CREATE TRIGGER maps_stale_{event}_maps_parcelcolour AFTER {event.upper()} "
            f"ON maps_parcelcolour {referencing} FOR EACH STATEMENT "
            "EXECUTE FUNCTION maps_stale_link_mouzas();"
            for event, referencing in _REFERENCING.items()
        ),
        "CREATE TRIGGER maps_stale_truncate_maps_parcelcolour AFTER TRUNCATE "
        "ON maps_parcelcolour FOR EACH STATEMENT EXECUTE FUNCTION maps_stale_everything();",
        # Whatever is already in the database.
        "SELECT maps_colour_all();",
    ]
)

UNINSTALL = "\n".join(
    [
        *(
            f"DROP FUNCTION IF EXISTS maps_colour_{event}_{table}() CASCADE;"
            for table in TABLES
            for event in ("insert", "update", "delete")
        ),
        "DROP FUNCTION IF EXISTS maps_colour_truncate() CASCADE;",
        "DROP FUNCTION IF EXISTS maps_colour_parcels(bigint[]);",
        "DROP FUNCTION IF EXISTS maps_colour_all();",
        "DROP FUNCTION IF EXISTS maps_colours_deferred();",
    ]
)


# Colour by group -------------------------------------------------------------------------

# Twelve colours told apart side by side (ColorBrewer "Paired", reordered so that groups with
# neighbouring ids get unlike hues), none of them the grey of a parcel without a claim.
GROUP_PALETTE = (
    "#1f78b4",
    "#e31a1c",
    "#33a02c",
    "#ff7f00",
    "#6a3d9a",
    "#b15928",
    "#a6cee3",
    "#fb9a99",
    "#b2df8a",
    "#fdbf6f",
    "#cab2d6",
    "#ffff99",
)
# A parcel with no claim (or a claim with no group) when colouring by group.
NO_GROUP_COLOUR = "#bdbdbd"


def group_colour(group_id: int | None) -> str:
    """A group's colour on the map, the same on every page and every day: its id picks one of
    GROUP_PALETTE. A parcel takes the colour of its leading claim's first group (the lowest
    id, `ParcelColour.group_id`); landmap.js applies this same rule to the palette it is
    handed (maps.embed), and the browser test compares the two."""
    if group_id is None:
        return NO_GROUP_COLOUR
    return GROUP_PALETTE[group_id % len(GROUP_PALETTE)]
