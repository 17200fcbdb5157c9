"""The analysis notebooks: stored without outputs, and run end to end on the demo data.

The notebooks run in a Jupyter kernel, another process, so the demo data is committed to
the test database (seeded once for the module, flushed after) and the kernel is pointed at
it through DATABASE_URL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import nbformat
import pytest
from django.core.management import call_command
from django.db import connection
from nbclient import NotebookClient

from tests.demo_data import seed_demo

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
# Each notebook's key table (its cell tagged "key-output") and words it must show.
KEY_OUTPUT = {
    "01_settlement_funnel.ipynb": ["identified", "settled", "median_days"],
    "02_case_outcomes_by_court.ipynb": ["adjournment_rate", "High Court Division"],
    "03_possession_by_upazila.ipynb": ["in_possession_acres", "settled_acres"],
}


def notebook_paths() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def test_every_notebook_is_checked() -> None:
    assert [p.name for p in notebook_paths()] == sorted(KEY_OUTPUT)


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_stored_without_outputs(path: Path) -> None:
    """Outputs could carry names or figures out of the database into git: none are kept."""
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: a cell has outputs"
            assert cell.execution_count is None, f"{path.name}: a cell has an execution count"
        assert "execution" not in cell.metadata


def database_url(settings: dict[str, Any]) -> str:
    auth = quote(settings["USER"] or "", safe="")
    if settings.get("PASSWORD"):
        auth += ":" + quote(settings["PASSWORD"], safe="")
    host = quote(str(settings.get("HOST") or ""), safe="")
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"postgis://{auth}@{host}{port}/{settings['NAME']}"


@pytest.fixture(scope="module")
def demo_database(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with django_db_blocker.unblock():
        seed_demo()
        yield database_url(connection.settings_dict)
        call_command("flush", interactive=False, verbosity=0)


# The mark makes pytest-django create the test database (it sets up only the databases
# that marked tests use); the data itself is committed by `demo_database`.
@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(KEY_OUTPUT))
def test_notebook_runs_on_the_demo_data(
    name: str, demo_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", demo_database)
    monkeypatch.setenv("LANDCLAIMS_NOTEBOOK_USER", "admin")
    monkeypatch.setenv("LANDCLAIMS_NOTEBOOK_OUT", str(tmp_path))
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    # A failing cell raises CellExecutionError, with the cell's traceback.
    NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": NOTEBOOKS}}
    ).execute()
    key = [c for c in notebook.cells if "key-output" in c.metadata.get("tags", [])]
    assert len(key) == 1
    shown = "".join(o.get("data", {}).get("text/plain", "") for o in key[0].outputs)
    for word in KEY_OUTPUT[name]:
        assert word in shown, f"{name}: {word!r} missing from the key table"
    assert "Empty DataFrame" not in shown
    if name.startswith("03_"):
        # The folium map is written beside the notebook's run and loads nothing remote.
        html = (tmp_path / "possession_by_upazila.html").read_text()
        assert "leaflet.js" in html
        assert "http://" not in html and "https://" not in html
