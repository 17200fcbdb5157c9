"""GDAL's OGC API - Features driver reads the service as QGIS does, with an API key."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.gis.gdal import DataSource

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="gdal-bin is not installed"),
]


def gdal_env(**config: str) -> dict[str, str]:
    """The environment for GDAL's tools: settings.py's GDAL_SKIP (which switches the OAPIF
    driver off inside the site) is the site's, not the client's."""
    env = {k: v for k, v in os.environ.items() if k not in ("GDAL_SKIP", "http_proxy")}
    env.update({"NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1", **config})
    return env


def run(args: list[str], **config: str) -> str:
    done = subprocess.run(  # noqa: S603
        args, env=gdal_env(**config), capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def feature_counts(summary: str) -> dict[str, int]:
    layers = re.findall(r"^Layer name: (\S+)$", summary, re.MULTILINE)
    counts = [int(n) for n in re.findall(r"^Feature Count: (\d+)$", summary, re.MULTILINE)]
    return dict(zip(layers, counts, strict=True))


def test_ogrinfo_lists_the_collections_with_the_users_counts(live_server, records, monitor_key):
    summary = run(
        ["ogrinfo", "-ro", "-so", "-al", f"OAPIF:{live_server.url}/ogc"],
        GDAL_HTTP_HEADERS=f"X-API-Key: {monitor_key}",
    )
    counts = feature_counts(summary)
    # Four parcels and two cases of the organisation; the other organisation's are not there.
    assert counts["parcels"] == 4
    assert counts["cases"] == 2
    assert counts["groups"] == 3
    assert counts["admin-areas"] == 10


def test_ogrinfo_with_the_key_in_the_url(live_server, records, monitor_key):
    summary = run(
        [
            "ogrinfo",
            "-ro",
            "-so",
            f"OAPIF:{live_server.url}/ogc?api_key={monitor_key}",
            "parcels",
        ]
    )
    assert feature_counts(summary) == {"parcels": 4}


def test_without_a_key_gdal_gets_nothing(live_server, records):
    done = subprocess.run(  # noqa: S603
        ["ogrinfo", "-ro", "-so", f"OAPIF:{live_server.url}/ogc"],  # noqa: S607
        env=gdal_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert "401" in done.stderr


def test_ogr2ogr_copies_a_collection_to_a_geopackage(live_server, records, monitor_key, tmp_path):
    target = tmp_path / "parcels.gpkg"
    run(
        [
            "ogr2ogr",
            "-f",
            "GPKG",
            str(target),
            f"OAPIF:{live_server.url}/ogc",
            "parcels",
        ],
        GDAL_HTTP_HEADERS=f"X-API-Key: {monitor_key}",
    )
    layer = DataSource(str(target))[0]
    stages = sorted(str(feature.get("stage")) for feature in layer)
    assert len(layer) == 4
    assert stages == ["", "identified", "identified", "identified"]
    assert layer.srs.srid == 4326
    assert Path(target).stat().st_size > 0
