"""Draw the PNG icons (favicon, home-screen icons) from the same shapes as static/icons/icon.svg.

Run once when the icon changes: `.venv/bin/python scripts/make_icons.py`; the PNGs are committed.
"""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "static" / "icons"
GREEN, PALE, WHITE = "#1f6f50", "#cfe3c4", "#ffffff"


def draw(size: int, *, maskable: bool = False) -> Image.Image:
    scale = size / 64
    image = Image.new(
        "RGB" if maskable else "RGBA", (size, size), GREEN if maskable else (0, 0, 0, 0)
    )
    pen = ImageDraw.Draw(image)
    if not maskable:  # a maskable icon fills its square: the launcher cuts the shape
        pen.rounded_rectangle((0, 0, size - 1, size - 1), radius=12 * scale, fill=GREEN)
    # A maskable icon keeps its picture inside the central 80 % safe zone.
    inset, shrink = (6.4, 0.8) if maskable else (0, 1)

    def at(x: float, y: float) -> tuple[float, float]:
        return ((inset + x * shrink) * scale, (inset + y * shrink) * scale)

    pen.polygon([at(10, 46), at(26, 22), at(38, 34), at(46, 26), at(56, 46)], fill=PALE)
    pen.line([at(8, 52), at(56, 52)], fill=WHITE, width=max(1, round(4 * scale * shrink)))
    return image


for size in (32, 180, 192, 512):
    draw(size).save(OUT / f"icon-{size}.png", optimize=True)
draw(512, maskable=True).save(OUT / "icon-maskable-512.png", optimize=True)
