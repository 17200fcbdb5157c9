"""Checkable documentation is checked: settings and commands are all documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = (ROOT / "landclaims" / "settings.py").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
ENV_EXAMPLE = (ROOT / ".env.example").read_text(encoding="utf-8")
ENV_VARS = sorted(set(re.findall(r'env_\w+\("([A-Z_]+)"', SETTINGS)) | {"GDAL_SKIP"})


@pytest.mark.parametrize("name", ENV_VARS)
def test_every_environment_variable_is_in_env_example(name: str) -> None:
    assert re.search(rf"^{name}=", ENV_EXAMPLE, re.MULTILINE)


@pytest.mark.parametrize("name", ENV_VARS)
def test_every_environment_variable_is_explained_in_the_readme(name: str) -> None:
    assert f"`{name}`" in README


def test_every_project_command_is_in_the_readme() -> None:
    ours = [name for name, app in get_commands().items() if app.startswith("landclaims")]
    assert ours
    for name in ours:
        assert f"manage.py {name}" in README


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in README


@pytest.mark.parametrize(
    "term",
    [
        "khas",
        "mouza",
        "JL",
        "dag",
        "khatian",
        "kabuliyat",
        "DCR",
        "AC (Land)",
        "UNO",
        "DC",
        "shalish",
    ],
)
def test_the_glossary_explains_each_local_term(term: str) -> None:
    glossary = README.split("## Glossary", 1)[1]
    assert re.search(rf"^\| {re.escape(term)}[ |/]", glossary, re.MULTILINE | re.IGNORECASE)
