"""Triggers that tell the map tiles what changed.

Statement-level, so a bulk load of a million rows costs one trigger call per statement.
They hold no rule about claims or stages: they only bump the layer version and list the
mouzas to recount (maps.services.stage_counts_refresh does the counting).
"""

from django.db import migrations

# Tables whose changes can change a tile: any write bumps the version (the ETag).
TOUCHED_BY = [
    "parcels_parcel",
    "claims_claim",
    "claims_claim_parcels",
    "claims_claim_groups",
    "cases_legalcase",
    "cases_legalcase_parcels",
    "cases_legalcase_claims",
    "cases_interimorder",
    "places_adminarea",
]

FUNCTIONS = """
CREATE FUNCTION maps_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO maps_layerversion (id, version) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET version = maps_layerversion.version + 1;
    RETURN NULL;
END $$;

CREATE FUNCTION maps_stale_everything() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO maps_stalemouza (mouza_id) VALUES (0) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE FUNCTION maps_stale_parcel_mouzas() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO maps_stalemouza (mouza_id)
        SELECT DISTINCT mouza_id FROM new_rows ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        INSERT INTO maps_stalemouza (mouza_id)
        SELECT DISTINCT mouza_id FROM old_rows ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION maps_stale_link_mouzas() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO maps_stalemouza (mouza_id)
        SELECT DISTINCT p.mouza_id FROM new_rows l JOIN parcels_parcel p ON p.id = l.parcel_id
        ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        INSERT INTO maps_stalemouza (mouza_id)
        SELECT DISTINCT p.mouza_id FROM old_rows l JOIN parcels_parcel p ON p.id = l.parcel_id
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION maps_stale_claim_mouzas() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO maps_stalemouza (mouza_id)
    SELECT DISTINCT p.mouza_id
    FROM new_rows c
    JOIN claims_claim_parcels l ON l.claim_id = c.id
    JOIN parcels_parcel p ON p.id = l.parcel_id
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
"""


def _stale_triggers(table: str, function: str, *, update_only: bool = False) -> str:
    # A trigger with transition tables may name only one event, hence one per event.
    events = {
        "insert": "REFERENCING NEW TABLE AS new_rows",
        "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "delete": "REFERENCING OLD TABLE AS old_rows",
    }
    if update_only:
        events = {"update": events["update"]}
    statements = [
        f"CREATE TRIGGER maps_stale_{event}_{table} AFTER {event.upper()} ON {table} "
        f"{referencing} FOR EACH STATEMENT EXECUTE FUNCTION {function}();"
        for event, referencing in events.items()
    ]
    statements.append(
        f"CREATE TRIGGER maps_stale_truncate_{table} AFTER TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION maps_stale_everything();"
    )
    return "\n".join(statements)


TRIGGERS = "\n".join(
    [
        *(
            f"CREATE TRIGGER maps_touch_{table} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION maps_touch();"
            for table in TOUCHED_BY
        ),
        _stale_triggers("parcels_parcel", "maps_stale_parcel_mouzas"),
        _stale_triggers("claims_claim_parcels", "maps_stale_link_mouzas"),
        _stale_triggers("claims_claim", "maps_stale_claim_mouzas", update_only=True),
        # Counts carry each union's path and upazila: an admin area edit recounts them all.
        "CREATE TRIGGER maps_stale_update_places_adminarea AFTER UPDATE OR TRUNCATE "
        "ON places_adminarea FOR EACH STATEMENT EXECUTE FUNCTION maps_stale_everything();",
        # Whatever is already in the database is counted on the first refresh.
        "INSERT INTO maps_stalemouza (mouza_id) VALUES (0);",
    ]
)

DROP = """
DROP FUNCTION maps_touch() CASCADE;
DROP FUNCTION maps_stale_everything() CASCADE;
DROP FUNCTION maps_stale_parcel_mouzas() CASCADE;
DROP FUNCTION maps_stale_link_mouzas() CASCADE;
DROP FUNCTION maps_stale_claim_mouzas() CASCADE;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("maps", "0001_initial"),
        ("parcels", "0001_initial"),
        ("claims", "0001_initial"),
        ("cases", "0001_initial"),
        ("places", "0001_initial"),
    ]

    operations = [migrations.RunSQL(FUNCTIONS + TRIGGERS, DROP)]
