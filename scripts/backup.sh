#!/usr/bin/env bash
# Backups of the landclaims database, and restores proven complete.
#
#   scripts/backup.sh backup          (make backup)
#     pg_dump -Fc into BACKUP_DIR/<database>-<UTC time>.dump, plus <that>.manifest.json:
#     each table's row count and checksum, taken from the same snapshot as the dump.
#   scripts/backup.sh restore FILE    (make restore FILE=...)
#     pg_restore FILE into RESTORE_INTO (default: the database of DATABASE_URL), then
#     recount and re-checksum every table and fail loudly on any difference.
#     A database that already holds tables is never overwritten unless FORCE=1.
#
# DATABASE_URL names the server and database (unset: the private cluster of scripts/pg.sh);
# BACKUP_DIR defaults to backups/ in the checkout.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)

# Row text must not depend on the session: the checksums are compared across servers.
export PGOPTIONS="-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=postgres \
-c extra_float_digits=1 -c bytea_output=hex -c client_min_messages=warning"

die() {
  echo "ERROR: $*" >&2
  exit 1
}

# DATABASE_URL as libpq understands it (Django's postgis:// scheme is libpq's postgresql://).
database_uri() {
  local url=${DATABASE_URL:-}
  [ -n "$url" ] || url=$("$here/pg.sh" url)
  echo "postgresql://${url#*://}"
}

# The same server and credentials, another database.
with_database() {
  local uri=$1 name=$2 rest query=""
  rest=${uri#*://}
  if [[ $rest == *\?* ]]; then
    query="?${rest#*\?}"
    rest=${rest%%\?*}
  fi
  echo "postgresql://${rest%%/*}/$name$query"
}

psql_at() {
  local uri=$1
  shift
  psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$uri" "$@"
}

# SQL that writes one SQL statement per table; psql's \gexec runs each, and each prints
# `"schema.table": {"rows": N, "md5": "..."}`. The checksum is the md5 of the sorted md5s of
# the rows' text (geometries print as hex EWKB), so it needs no primary key and never builds
# one huge string, even for a million parcels. The schema's own triggers, indexes,
# constraints, functions, views and sequences are counted and their names checksummed the
# same way (as "objects:<kind>"): a restore that lost an audit trigger is not complete.
CHECKSUMS_SQL=$(
  cat <<'SQL'
WITH ours(nspname) AS (
  SELECT nspname FROM pg_namespace
  WHERE nspname <> 'information_schema' AND nspname NOT LIKE 'pg\_%'
), objects(label, names) AS (VALUES
  ('objects:triggers', $o$SELECT n.nspname || '.' || c.relname || '.' || t.tgname
     FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal$o$),
  ('objects:indexes_views_sequences', $o$SELECT n.nspname || '.' || c.relname || ':' || c.relkind::text
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('i', 'I', 'v', 'm', 'S')
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                       AND d.objid = c.oid AND d.deptype = 'e')$o$),
  ('objects:constraints', $o$SELECT n.nspname || '.' || c.relname || '.' || k.conname
     FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace$o$),
  ('objects:functions', $o$SELECT n.nspname || '.' || p.proname || '('
     || pg_get_function_identity_arguments(p.oid) || ')'
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                       AND d.objid = p.oid AND d.deptype = 'e')$o$)
)
SELECT statement FROM (
  SELECT n.nspname || '.' || c.relname AS label, format(
    $q$SELECT format('%%s: {"rows": %%s, "md5": "%%s"}', to_json(%L::text), count(*),
       coalesce(md5(string_agg(h, '' ORDER BY h)), md5('')))
       FROM (SELECT md5(t::text) AS h FROM ONLY %I.%I t) s$q$,
    n.nspname || '.' || c.relname, n.nspname, c.relname) AS statement
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'r' AND n.nspname IN (SELECT nspname FROM ours)
  UNION ALL
  SELECT label, format(
    $q$SELECT format('%%s: {"rows": %%s, "md5": "%%s"}', to_json(%L::text), count(*),
       md5(coalesce(string_agg(x, ',' ORDER BY x), '')))
       FROM (%s) AS s(x) WHERE split_part(x, '.', 1) IN (SELECT nspname FROM pg_namespace
         WHERE nspname <> 'information_schema' AND nspname NOT LIKE 'pg\_%%')$q$,
    label, names)
  FROM objects
) generated ORDER BY label
SQL
)

table_checksums() {
  printf '%s\n' "$CHECKSUMS_SQL" '\gexec' | psql_at "$1" -f -
}

# --- backup ------------------------------------------------------------------------------

backup() {
  local uri dir name stamp dump
  uri=$(database_uri)
  dir=${BACKUP_DIR:-$here/../backups}
  mkdir -p "$dir"
  chmod 700 "$dir" # a dump holds members' names: the owner only
  umask 077
  name=$(psql_at "$uri" -c "SELECT current_database()")
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  dump="$dir/$name-$stamp.dump"
  # shellcheck disable=SC2064 # the names are fixed now
  trap "rm -f '$dump.partial' '$dump.manifest.json.partial'" EXIT # no half-written backup
  snapshot_backup "$uri" "$dump.partial" "$dump.manifest.json.partial"
  pg_restore --list "$dump.partial" >/dev/null || die "the new dump does not read back"
  mv "$dump.partial" "$dump"
  mv "$dump.manifest.json.partial" "$dump.manifest.json"
  trap - EXIT
  echo "Backup written: $dump"
  echo "Manifest:       $dump.manifest.json"
}

# pg_dump and the checksums must see the same rows while the site keeps writing: one
# REPEATABLE READ transaction exports its snapshot, pg_dump reads through it, and the
# checksums are computed in that transaction before it ends.
snapshot_backup() {
  local uri=$1 dump=$2 manifest=$3 snapshot="" line="" tables="" sep=""
  coproc SNAP { psql_at "$uri" -f -; }
  local to=${SNAP[1]} from=${SNAP[0]} pid=$SNAP_PID
  printf '%s\n' "BEGIN ISOLATION LEVEL REPEATABLE READ;" "SELECT pg_export_snapshot();" >&"$to"
  read -r snapshot <&"$from" || die "could not open a snapshot of the database"
  pg_dump -Fc --snapshot="$snapshot" --file="$dump" -d "$uri" || die "pg_dump failed"
  printf '%s\n' "$CHECKSUMS_SQL" '\gexec' '\echo __end__' >&"$to"
  while read -r line <&"$from"; do
    [ "$line" = __end__ ] && break
    tables+="$sep    $line"
    sep=$',\n'
  done
  [ "$line" = __end__ ] || die "computing the checksums failed (see above); no backup written"
  printf '%s\n' "COMMIT;" '\q' >&"$to"
  wait "$pid" || die "the snapshot transaction failed; no backup written"
  [ -n "$tables" ] || die "the database has no tables"
  write_manifest "$uri" "$dump" "$tables" >"$manifest"
}

write_manifest() {
  local uri=$1 dump=$2 tables=$3
  cat <<EOF
{
  "format": 1,
  "database": $(psql_at "$uri" -c "SELECT to_json(current_database())"),
  "created_at": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "dump_file": "$(basename "${dump%.partial}")",
  "dump_sha256": "$(sha256sum "$dump" | cut -d' ' -f1)",
  "server_version": $(psql_at "$uri" -c "SELECT to_json(current_setting('server_version'))"),
  "postgis_version": $(psql_at "$uri" -c \
    "SELECT to_json(extversion) FROM pg_extension WHERE extname = 'postgis'"),
  "tables": {
$tables
  }
}
EOF
}

# --- restore -----------------------------------------------------------------------------

restore() {
  local file=${1:-} manifest uri target into
  [ -n "$file" ] || die "name the dump: make restore FILE=backups/<name>.dump"
  [ -f "$file" ] || die "no such file: $file"
  manifest="$file.manifest.json"
  [ -f "$manifest" ] || die "no manifest $manifest: the restore could not be verified, so it is refused"
  check_archive "$file" "$manifest"
  uri=$(database_uri)
  target=${RESTORE_INTO:-$(psql_at "$uri" -c "SELECT current_database()")}
  [[ $target =~ ^[A-Za-z0-9_]+$ ]] || die "database names here are letters, digits and _: '$target'"
  into=$(prepare_target "$uri" "$target")
  [ "$into" = "$target" ] || REPLACING=1
  echo "Restoring $file into database $into ..."
  if ! pg_restore --exit-on-error --single-transaction -d "$(with_database "$uri" "$into")" "$file"; then
    drop_database "$uri" "$into"
    die "pg_restore failed (see above); nothing was restored${REPLACING:+, and $target was left as it was}"
  fi
  verify "$(with_database "$uri" "$into")" "$into" "$manifest"
  if [ -n "$REPLACING" ]; then
    swap "$uri" "$target" "$into"
  fi
}

check_archive() {
  local file=$1 manifest=$2 expected actual
  expected=$(grep -o '"dump_sha256": "[0-9a-f]*"' "$manifest" | cut -d'"' -f4)
  actual=$(sha256sum "$file" | cut -d' ' -f1)
  [ "$expected" = "$actual" ] ||
    die "$file is damaged or truncated: its SHA-256 is $actual, the manifest says ${expected:-nothing}. Nothing was restored."
  pg_restore --list "$file" >/dev/null || die "pg_restore cannot read $file. Nothing was restored."
}

# Never restore over data by accident: a database holding any table, view or sequence of
# its own (PostGIS's spatial_ref_sys does not count) is replaced only with FORCE=1, and even
# then only once the restore beside it has been verified. Prints the database to restore
# into, which it has created empty.
REPLACING=""
prepare_target() {
  local uri=$1 target=$2 objects
  if [ -z "$(psql_at "$(with_database "$uri" postgres)" -c \
    "SELECT 1 FROM pg_database WHERE datname = '$target'")" ]; then
    create_database "$uri" "$target"
    echo "$target"
    return
  fi
  objects=$(psql_at "$(with_database "$uri" "$target")" -c "
    SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
      AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                      AND d.objid = c.oid AND d.deptype = 'e')")
  if [ "$objects" = 0 ]; then
    echo "$target"
    return
  fi
  [ "${FORCE:-0}" = 1 ] || die "database $target is not empty ($objects tables, views or sequences); refusing to overwrite it.
  Restore into a new database:  make restore FILE=$FILE_ARG RESTORE_INTO=<new name>
  or replace $target:           make restore FILE=$FILE_ARG FORCE=1
  (FORCE=1 restores beside it, verifies, then renames; the old database is kept.)"
  echo "FORCE=1: $target holds data; restoring into ${target}_restoring first, and replacing $target only once that is verified." >&2
  drop_database "$uri" "${target}_restoring" # left over from an earlier failed attempt
  create_database "$uri" "${target}_restoring"
  echo "${target}_restoring"
}

create_database() {
  psql_at "$(with_database "$1" postgres)" -c "CREATE DATABASE \"$2\" TEMPLATE template0 ENCODING 'UTF8'"
}

drop_database() {
  psql_at "$(with_database "$1" postgres)" -c "DROP DATABASE IF EXISTS \"$2\" WITH (FORCE)"
}

# Rename the verified restore into place; the replaced database is kept under another name.
# Sessions still open on the old database are ended (stop the site first).
swap() {
  local uri=$1 target=$2 restored=$3 kept attempt
  kept="${target}_before_$(date -u +%Y%m%d%H%M%S)"
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    if psql_at "$(with_database "$uri" postgres)" >/dev/null 2>&1 <<SQL; then
SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '$target';
SELECT pg_sleep(0.2 * $attempt);
BEGIN;
ALTER DATABASE "$target" RENAME TO "$kept";
ALTER DATABASE "$restored" RENAME TO "$target";
COMMIT;
SQL
      echo "Replaced database $target with the verified restore; the previous one is kept as $kept (drop it when satisfied)."
      return
    fi
  done
  die "could not rename $target (sessions keep connecting: stop the site); the verified restore is in $restored, $target is unchanged"
}

# Every table in the manifest, and no other, with the same rows and checksum.
verify() {
  local uri=$1 target=$2 manifest=$3 expected actual
  expected=$(sed -n '/^  "tables": {$/,/^  }$/p' "$manifest" | sed '1d;$d;s/^ *//;s/,$//' | sort)
  actual=$(table_checksums "$uri" | sort)
  if [ "$expected" != "$actual" ]; then
    echo "VERIFICATION FAILED: database $target does not match $manifest." >&2
    echo "Tables that differ (- in the manifest, + in the restored database):" >&2
    diff <(echo "$expected") <(echo "$actual") | grep '^[<>]' | sed 's/^< /- /;s/^> /+ /' >&2 || true
    die "do not use database $target; it was kept for inspection (drop it, or restore again with FORCE=1)"
  fi
  echo "Restored into $target and verified against the manifest: the rows of" \
    "$(grep -vc '^"objects:' <<<"$actual") tables, and the triggers, indexes, constraints" \
    "and functions."
}

case "${1:-}" in
  backup) backup ;;
  restore)
    FILE_ARG=${2:-}
    restore "${2:-}"
    ;;
  *) die "usage: $0 backup | restore FILE" ;;
esac
