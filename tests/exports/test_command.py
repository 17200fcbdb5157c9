"""manage.py export_layer."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from landclaims.exports.models import ExportLog
from tests.exports.helpers import read_back


def test_the_command_exports_what_the_user_may_see_and_prints_a_summary(
    data, organiser, tmp_path, capsys
) -> None:
    out = tmp_path / "parcels.zip"
    call_command(
        "export_layer",
        "--user", organiser.username,
        "--layer", "parcels",
        "--format", "shp",
        "--crs", "9678",
        "--area", str(data.world.places.mouza_a.pk),
        "--stage", "identified",
        "--stage", "application_filed",
        "--output", str(out),
    )  # fmt: skip
    summary = json.loads(capsys.readouterr().out)
    assert summary["rows"] == 2 and summary["path"] == str(out)
    frame = read_back(out, "shp")
    assert {int(i) for i in frame["id"]} == {data.world.p_identified.pk, data.world.p_filed.pk}
    log = ExportLog.objects.get(pk=summary["export"])
    assert (log.via, log.profile, log.srid) == ("command", "public", 9678)


def test_the_command_refuses_an_unknown_user(db) -> None:
    with pytest.raises(CommandError, match="nobody"):
        call_command("export_layer", "--user", "nobody")


def test_the_command_refuses_geojson_in_a_projected_crs(data, organiser) -> None:
    with pytest.raises(CommandError, match="EPSG:4326"):
        call_command(
            "export_layer", "--user", organiser.username, "--format", "geojson", "--crs", "9678"
        )


def test_the_command_refuses_a_filter_the_user_may_not_see(data, organiser) -> None:
    other = data.world.other_group.pk
    with pytest.raises(CommandError, match="group"):
        call_command("export_layer", "--user", organiser.username, "--group", str(other))


def test_the_command_refuses_a_profile_the_role_does_not_allow(data, monitor) -> None:
    with pytest.raises(CommandError, match="profile"):
        call_command("export_layer", "--user", monitor.username, "--profile", "staff")
