"""What a valid number, box or coordinate system in a query string or header is: one home.

The API, the OGC service, tiles, exports and pages parse their parameters here. A value that
is not valid raises ParameterError(name, reason), which each of them answers as a 400 naming
the parameter and the reason, never a 500 from int(), float() or a coordinate transform.

Digits are ASCII or Bengali (people type both); no other script's digits, no superscripts
("²".isdigit() is True, yet int("²") fails), no signs on whole numbers, nothing that is not
finite.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from django.contrib.gis.geos import Polygon
from django.utils.translation import gettext as _

from gis.crs import STORAGE_SRID, area_of_use, bounds_to_lonlat
from landclaims.core.text import ascii_digits

# 18 digits fit PostgreSQL's bigint, the widest id column.
_WHOLE = re.compile(r"[0-9]{1,18}")
# A plain decimal number; the exponent is bounded so float() never sees 1e999999.
_NUMBER = re.compile(
    r"[+-]?(?:[0-9]{1,30}(?:\.[0-9]{0,30})?|\.[0-9]{1,30})(?:[eE][+-]?[0-9]{1,3})?"
)
# Longer than any name or number a filter matches against (the widest such column holds 200).
MAX_TEXT = 200
# A box in a projected CRS may reach this far (degrees) past the CRS's area of use: a map
# window around the country is wider than the country.
AREA_MARGIN_DEG = 2.0


class ParameterError(ValueError):
    """A query parameter or header that cannot be used; `name` is the parameter's name."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


def whole(text: str, *, bengali: bool = True) -> int | None:
    """`text` as a whole number when it is one (digits only, at most 18), else None."""
    text = ascii_digits(text) if bengali else text.strip()
    return int(text) if _WHOLE.fullmatch(text) else None


def whole_number(
    query: Mapping[str, str], name: str, default: int, *, minimum: int = 0, maximum: int
) -> int:
    """The parameter `name` as a whole number in minimum..maximum; `default` when absent."""
    raw = query.get(name, "")
    if not raw.strip():
        return default
    value = whole(raw)
    if value is None:
        raise ParameterError(name, _("Give a whole number, e.g. 10."))
    if not minimum <= value <= maximum:
        raise ParameterError(name, _("Give %(min)s to %(max)s.") % {"min": minimum, "max": maximum})
    return value


def finite_number(text: str, name: str) -> float:
    """`text` as a finite decimal number (not nan, not inf, not 1e999)."""
    text = ascii_digits(text)
    value = float(text) if _NUMBER.fullmatch(text) else math.nan
    if not math.isfinite(value):
        raise ParameterError(name, _("Give a finite number, e.g. 90.41."))
    return value


def plain_text(text: str, name: str, *, max_length: int = MAX_TEXT) -> str:
    """A text parameter matched against the database: no NUL, which PostgreSQL cannot take in
    a string (psycopg raises, a 500), and no longer than `max_length` characters."""
    if "\x00" in text:
        raise ParameterError(name, _("Remove the NUL character."))
    if len(text) > max_length:
        raise ParameterError(name, _("Give at most %(max)s characters.") % {"max": max_length})
    return text


def bbox(text: str, name: str, *, srid: int = STORAGE_SRID, lat_first: bool = False) -> Polygon:
    """A box "min x,min y,max x,max y" given in `srid` (six numbers: with heights, dropped),
    as a lon/lat polygon in EPSG:4326. Refused unless finite, ordered and inside the area
    where the CRS is used; a box in another CRS becomes the lon/lat box enclosing it."""
    parts = text.split(",")
    if len(parts) not in (4, 6):
        raise ParameterError(name, _("Give four numbers: min x, min y, max x, max y."))
    numbers = [finite_number(part, name) for part in parts]
    if len(numbers) == 6:
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    x1, y1, x2, y2 = numbers
    if lat_first:
        x1, y1, x2, y2 = y1, x1, y2, x2
    if x1 > x2 or y1 > y2:
        raise ParameterError(name, _("The minimum comes before the maximum on each axis."))
    west, south, east, north = bounds_to_lonlat((x1, y1, x2, y2), srid)
    area = area_of_use(srid)
    margin = 0.0 if srid == STORAGE_SRID else AREA_MARGIN_DEG
    inside = (
        area[0] - margin <= west <= east <= area[2] + margin
        and area[1] - margin <= south <= north <= area[3] + margin
    )  # NaN compares False: a box PROJ could not transform is not inside
    if not inside:
        raise ParameterError(
            name,
            _("The box lies outside where EPSG:%(srid)s is used (%(w)s..%(e)s, %(s)s..%(n)s).")
            % {"srid": srid, "w": area[0], "s": area[1], "e": area[2], "n": area[3]},
        )
    box = Polygon.from_bbox((west, south, east, north))
    box.srid = STORAGE_SRID
    return box
