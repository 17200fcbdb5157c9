"""The map's side list as JSON: the parcels in view, in the reader's language, with group
names only for the roles that read them (anyone else reads groups.selectors.group_label)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from landclaims.claims.stages import phase_of
from landclaims.core.templatetags.lc_format import day, format_number
from landclaims.groups.models import LandlessGroup
from landclaims.groups.selectors import group_label
from landclaims.maps.colours import group_colour
from landclaims.maps.embed import PHASE_COLOURS
from landclaims.maps.selectors import InView, ParcelInView, local_name


def _group_name(group: LandlessGroup, *, show_names: bool) -> str:
    """A group as the map names it: its Bengali name to roles that read names, else the
    label every page uses (kind and village, never its database id)."""
    return group.name_bn if show_names else group_label(group)


def _row(row: ParcelInView, show_names: bool) -> dict[str, Any]:
    parcel, claim = row.parcel, row.claim
    stage = claim.stage if claim else ""
    centre = parcel.geom.point_on_surface
    return {
        "id": parcel.pk,
        "place": local_name(parcel.mouza),
        "dag": _("dag %(dag)s") % {"dag": parcel.dag_display},
        "stage": claim.get_stage_display() if claim else _("No claim yet"),
        "stageColour": PHASE_COLOURS[phase_of(stage)],
        "possession": claim.get_possession_display() if claim else "",
        "groups": [
            {"name": _group_name(g, show_names=show_names), "colour": group_colour(g.pk)}
            for g in row.groups
        ],
        "hearing": day(row.next_hearing) if row.next_hearing else "",
        "centre": [centre.y, centre.x],
        "bounds": list(parcel.geom.extent),
    }


def in_view_document(found: InView, *, show_names: bool) -> dict[str, Any]:
    more = found.more
    return {
        "rows": [_row(row, show_names) for row in found.rows],
        "total": found.total,
        "more": more,
        "moreText": ngettext(
            "%(n)s more parcel: zoom in to list it.",
            "%(n)s more parcels: zoom in to list them.",
            more,
        )
        % {"n": format_number(more)}
        if more
        else "",
        "countText": _("Zoom in to list the parcels in view.")
        if found.too_wide
        else ngettext("%(n)s parcel in view", "%(n)s parcels in view", found.total)
        % {"n": format_number(found.total)},
    }
