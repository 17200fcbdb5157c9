"""python manage.py import_layer PATH --kind parcels|admin-areas|claims --user NAME
[--organisation SLUG] [--crs EPSG] [--layer NAME] [--geometry-column NAME] [--dry-run] [--json]
[--repairs-out FILE]"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import shapely
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from landclaims.core.models import Organisation
from landclaims.imports.models import ImportKind
from landclaims.imports.problems import ImportReport
from landclaims.imports.services import layer_import

SHOWN_PROBLEMS = 50


class Command(BaseCommand):
    help = (
        "Import a GIS file (shapefile as zip or folder, GeoPackage, GeoJSON, KML, CSV with WKT "
        "or latitude/longitude, Kobo/ODK GeoJSON) as parcels, admin areas or claims. Every "
        "row is checked first; nothing is written unless every row passes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--kind", required=True, choices=ImportKind.values)
        parser.add_argument("--user", required=True, help="Username the import acts as.")
        parser.add_argument(
            "--organisation", help="Organisation slug (needed only for superusers)."
        )
        parser.add_argument(
            "--crs", type=int, help="EPSG code, for files that do not state their CRS."
        )
        parser.add_argument("--layer", help="Layer name, for files with several layers.")
        parser.add_argument(
            "--geometry-column",
            help="The column to read geometries from (WKT or ODK geo answers), for files with "
            "several location columns, such as a Kobo/ODK form's point and boundary.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")
        parser.add_argument(
            "--repairs-out",
            type=Path,
            help="Write suggested repairs of invalid boundaries to this GeoJSON file, for "
            "review (they are never applied).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = _user(options["user"])
        organisation = _organisation(options["organisation"])
        try:
            report = layer_import(
                user=user,
                source=options["path"],
                kind=options["kind"],
                organisation=organisation,
                srid=options["crs"],
                layer_name=options["layer"],
                dry_run=options["dry_run"],
                geometry_column=options["geometry_column"],
            )
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(_text(error)) from error
        if options["repairs_out"] and report.repairs:
            _write_repairs(report, options["repairs_out"])
        if options["json"]:
            self.stdout.write(json.dumps(_as_dict(report), ensure_ascii=False))
        else:
            self._print(report, dry_run=options["dry_run"])
        if not report.ok:
            raise CommandError(
                f"{len(report.problems)} problems in {report.problem_rows()} rows; "
                "nothing was written."
            )

    def _print(self, report: ImportReport, *, dry_run: bool) -> None:
        srid = f"EPSG:{report.source_srid}" if report.source_srid else "no geometry"
        self.stdout.write(f"{report.rows} rows read ({report.file_format}, {srid}).")
        for note in report.notes:
            self.stdout.write(f"Note: {note}")
        for match in report.matched_by_name:
            within = f" in {match.within}" if match.within else ""
            self.stdout.write(
                f"Row {match.row} matched by name, not by code: {match.area}{within}."
            )
        for problem in report.problems[:SHOWN_PROBLEMS]:
            self.stdout.write(f"Row {problem.row}, {problem.field}: {problem.message}")
        if len(report.problems) > SHOWN_PROBLEMS:
            self.stdout.write(f"... and {len(report.problems) - SHOWN_PROBLEMS} more problems.")
        if report.repairs:
            self.stdout.write(
                f"{len(report.repairs)} invalid boundaries have a suggested repair; write them "
                "with --repairs-out FILE to review them."
            )
        if report.ok:
            verb = "would create" if dry_run else "created"
            self.stdout.write(
                self.style.SUCCESS(
                    f"{verb} {report.to_create}, updated {report.to_update}, skipped "
                    f"{report.to_skip} already recorded."
                    + (" Dry run: nothing was written." if dry_run else "")
                )
            )


def _user(username: str) -> Any:
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist as exc:
        raise CommandError(f"No user {username!r}.") from exc


def _organisation(slug: str | None) -> Organisation | None:
    if not slug:
        return None
    try:
        return Organisation.objects.get(slug=slug)
    except Organisation.DoesNotExist as exc:
        raise CommandError(f"No organisation {slug!r}.") from exc


def _text(error: ValidationError | PermissionDenied) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def _as_dict(report: ImportReport) -> dict[str, Any]:
    return {
        "kind": report.kind,
        "format": report.file_format,
        "rows": report.rows,
        "source_srid": report.source_srid,
        "committed": report.committed,
        "created": report.to_create,
        "updated": report.to_update,
        "skipped": report.to_skip,
        "problems": [p.__dict__ for p in report.problems],
        "matched_by_name": [m.__dict__ for m in report.matched_by_name],
        "notes": report.notes,
        "seconds": report.seconds,
    }


def _write_repairs(report: ImportReport, path: Path) -> None:
    features = [
        {
            "type": "Feature",
            "properties": {"row": row, "kind": "suggested_repair"},
            "geometry": json.loads(shapely.to_geojson(geom)),
        }
        for row, geom in sorted(report.repairs.items())
    ]
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )
