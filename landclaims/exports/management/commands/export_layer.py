"""manage.py export_layer: one layer to a GIS file, scoped to what --user may see, logged."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gis.crs import ACCEPTED_SRIDS
from gis.vector_write import ExportError
from landclaims.claims.stages import Possession, Stage
from landclaims.exports.models import ExportLog, FileFormat, Layer, Profile
from landclaims.exports.selectors import FilterRecordGone, export_filters_from_json
from landclaims.exports.services import export_layer


class Command(BaseCommand):
    help = (
        "Export a layer (parcels, claims, groups, cases, incidents, admin_areas) to a GIS file, "
        "with exactly what --user may see and the filters of the map; prints a JSON summary."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="username whose scope and role apply")
        parser.add_argument("--layer", choices=Layer.values, default=Layer.PARCELS)
        parser.add_argument("--format", choices=FileFormat.values, default=FileFormat.GPKG)
        parser.add_argument("--crs", type=int, choices=sorted(ACCEPTED_SRIDS), default=4326)
        parser.add_argument(
            "--profile",
            choices=Profile.values,
            help="default: the least revealing one the user's role allows",
        )
        parser.add_argument("--area", type=int, help="admin area id")
        parser.add_argument("--group", type=int, help="landless group id")
        parser.add_argument("--claim", type=int, help="claim id")
        parser.add_argument("--case", type=int, help="court case id")
        parser.add_argument("--stage", action="append", default=[], choices=Stage.values)
        parser.add_argument("--possession", action="append", default=[], choices=Possession.values)
        parser.add_argument("--date-from", type=date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--date-to", type=date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--output", type=Path, help="copy the file here as well")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['user']!r}.")
        try:
            result = export_layer(
                user=user,
                layer=options["layer"],
                file_format=options["format"],
                srid=options["crs"],
                profile=options["profile"],
                filters=self._filters(user, options),
                via=ExportLog.Via.COMMAND,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except ExportError as error:
            raise CommandError(str(error)) from error
        path = result.path
        if options["output"] is not None:
            path = Path(shutil.copyfile(result.path, options["output"]))
        summary = {"export": result.log.pk, "rows": result.rows, "path": str(path)}
        if result.notes:
            summary["notes"] = list(result.notes)
        self.stdout.write(json.dumps(summary, ensure_ascii=False))

    def _filters(self, user: Any, options: dict[str, Any]) -> Any:
        data = {name: options[name] for name in ("area", "group", "claim", "case")}
        data |= {"stages": options["stage"], "possessions": options["possession"]}
        for name in ("date_from", "date_to"):
            if options[name] is not None:
                data[name] = options[name].isoformat()
        try:
            return export_filters_from_json(user=user, data=data)
        except FilterRecordGone as gone:
            raise CommandError(f"No {gone.args[0]} with that id that {user} may see.") from gone
