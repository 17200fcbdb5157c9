"""What every page must pass in a real browser (issue 20): no horizontal scrolling at the
width it is shown at, and axe-core finding no accessibility violation of any impact. Each
check also leaves a screenshot under artefacts/screenshots/ (git-ignored; CI keeps it)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artefacts" / "screenshots"
PHONE = {"width": 390, "height": 844}

# WCAG 2.1 A and AA, and axe's best practices: the rules Lighthouse's accessibility audit
# also runs.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def horizontal_overflow(page: Any) -> int:
    """How many pixels the page is wider than its window (0 when it fits)."""
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it stands, each with the elements it names.

    The script is evaluated through the browser's debugging protocol, which the page's
    Content-Security-Policy does not govern, so the page is tested with its real policy."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
        "resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
    ]


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / (re.sub(r"[^\w.-]+", "-", name) + ".png")
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_page_fits_and_passes_axe(page: Any, name: str) -> None:
    """The page as shown now fits its window and axe finds nothing; a screenshot is kept."""
    screenshot(page, name)
    overflow = horizontal_overflow(page)
    assert overflow <= 0, f"{name}: {overflow} px wider than the window"
    violations = axe_violations(page)
    assert violations == [], f"{name}: " + json.dumps(violations, ensure_ascii=False, indent=1)
