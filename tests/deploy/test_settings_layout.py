"""settings.py reads as one document: headed sections, and each setting assigned once (a
second assignment further down silently wins over the one a reader finds first)."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

SETTINGS = Path(__file__).resolve().parents[2] / "landclaims" / "settings.py"


def assigned_settings(body: list[ast.stmt]) -> list[tuple[str, int]]:
    """Every UPPER_CASE name assigned at module level (in `if` blocks too, not in functions),
    with its line."""
    found: list[tuple[str, int]] = []
    for node in body:
        if isinstance(node, ast.If):
            found += assigned_settings(node.body) + assigned_settings(node.orelse)
            continue
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        else:
            continue
        found += [
            (t.id, node.lineno) for t in targets if isinstance(t, ast.Name) and t.id.isupper()
        ]
    return found


def test_no_setting_is_assigned_twice() -> None:
    names = assigned_settings(ast.parse(SETTINGS.read_text(encoding="utf-8")).body)
    assert len(names) > 50
    twice = {name for name, count in Counter(name for name, _ in names).items() if count > 1}
    assert twice == set(), [(name, line) for name, line in names if name in twice]


def test_settings_are_in_headed_sections() -> None:
    lines = SETTINGS.read_text(encoding="utf-8").splitlines()
    headings = [i for i, line in enumerate(lines) if line.startswith("# --- ")]
    assert len(headings) >= 10
    names = assigned_settings(ast.parse("\n".join(lines)).body)
    # Nothing is set before the first heading (only imports and the docstring).
    assert min(line for _, line in names) > headings[0] + 1
