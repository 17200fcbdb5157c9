"""Every URL pattern of the URLconf, for every persona, against tests/security/policy.py.

The patterns are read from the resolver, not listed by hand: a URL added without a rule
fails here by name. Each pattern's parameters are filled with a record of organisation A in
district A; record URLs are asked again with A's record in district B and with
organisation B's record. Writes are POSTed empty, so a refused cell proves the refusal and
an allowed one writes nothing (or writes inside the test's rolled-back savepoint).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from gis.tiles import tile_for
from landclaims.claims.models import Claim
from tests.security.conftest import Matrix, Records
from tests.security.policy import KNOWN_BUGS, PERSONAS, expected, rule_for

DETAIL_ZOOM = 12


@dataclass(frozen=True)
class Pattern:
    key: str  # the URL name, or the route for unnamed patterns
    route: str
    params: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.key}({','.join(self.params)})" if self.params else self.key


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[Pattern]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            joined = f"{namespace}:{inner}" if namespace and inner else namespace or inner
            yield from _walk(entry, prefix + str(entry.pattern), joined)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            params = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)
            names = tuple(a or b for a, b in params)
            yield Pattern(key=name or route, route=route, params=names)


def url_patterns() -> list[Pattern]:
    return list(_walk(get_resolver()))


def _record_for(key: str, records: Records, matrix: Matrix) -> Any:
    """The record a pattern's `pk` names."""
    by_key: list[tuple[str, Callable[[], Any]]] = [
        (
            r"claims:.*|dossier:claim"
            r"|api:claim-(detail|stage|possession|groups|parcels|remove-group|remove-parcel)",
            lambda: records.claim,
        ),
        (r"cases:lawyer_edit", lambda: records.lawyer),
        (r"cases:.*|api:case-(?!event-).*", lambda: records.case),
        (
            r"groups:(detail|edit|members)|api:group-detail|documents:upload_group"
            r"|savings:.*",
            lambda: records.group,
        ),
        (r"documents:download", lambda: records.document),
        (r"documents:upload_case", lambda: records.case),
        (r"documents:upload_claim", lambda: records.claim),
        (r"documents:upload_parcel", lambda: records.parcel),
        (r"groups:member(_edit|_leave)?|api:member-(detail|leave)", lambda: records.member),
        (r"maps:parcel_popup|parcels:(detail|edit)|api:parcel-detail", lambda: records.parcel),
        (r"api:claim-event-detail", lambda: records.claim_event),
        (r"api:hearing-detail", lambda: records.hearing),
        (r"api:interim-order-detail", lambda: records.order),
        (r"api:case-event-detail", lambda: records.case_event),
        (r"api:allocation-.*|allocations:.*", lambda: records.allocation),
        (r"api:incident-detail|incidents:.*|maps:incident_popup", lambda: records.incident),
        (r"api:savings-meeting-detail", lambda: records.savings_meeting),
        (r"api:savings-entry-detail", lambda: records.savings_entry),
        (r"api:training-(detail|attendance)|training:.*", lambda: records.training),
        (r"api:seat-detail|representation:.*", lambda: records.seat),
        (r"cooperatives:.*|api:cooperative-detail", lambda: records.cooperative),
        (r"api:cooperative-land-detail", lambda: records.cooperative_land),
        (r"api:cooperative-production-detail", lambda: records.production),
        (r"actions:(detail|edit)|api:action-detail", lambda: records.action),
        (
            r"actions:safety_net_(detail|edit)|api:safety-net-check-detail",
            lambda: records.safety_net_check,
        ),
        (r"odk_review:detail", lambda: records.submission),
        (r"places:detail|api:admin-area-detail", lambda: matrix.places.mouza_a),
        (r"maps:area_popup", lambda: matrix.places.mouza_a.parent),
        (
            r"admin:otp_totp_totpdevice_(config|qrcode)",
            lambda: TOTPDevice.objects.get(user=matrix.users["organiser"]),
        ),
    ]
    for pattern, record in by_key:
        if re.fullmatch(pattern, key):
            return record()
    raise AssertionError(f"test_url_matrix does not know which record {key}'s pk names")


def _admin_row(key: str) -> Any:
    """The first row of the model an admin URL is about (None when there is none)."""
    if key == "admin:auth_user_password_change":
        return get_user_model().objects.order_by("pk").first()
    name = key.removeprefix("admin:").rsplit("_", 1)[0]
    app_label, model_name = name.rsplit("_", 1)
    return apps.get_model(app_label, model_name).objects.order_by("pk").first()


def _value(pattern: Pattern, param: str, records: Records, matrix: Matrix) -> Any:
    key = pattern.key
    if param == "pk":
        if key == "exports:download":
            return matrix.export_pk
        if key == "api:token-detail":
            return matrix.api_token_pk
        return _record_for(key, records, matrix).pk
    tile = tile_for(*matrix.places.mouza_a.centre.coords, DETAIL_ZOOM)
    values: dict[str, Any] = {
        "hearing_pk": records.hearing.pk,
        "order_pk": records.order.pk,
        "party_pk": records.party.pk,
        "group_pk": records.group.pk,
        "parcel_pk": records.parcel.pk,
        "task_pk": records.task.pk,
        "entry_pk": getattr(records, "savings_entry", None) and records.savings_entry.pk,
        "meeting_pk": getattr(records, "savings_meeting", None) and records.savings_meeting.pk,
        "token": matrix.import_token,
        "format": "json",
        "layer": "parcels",
        "z": tile.z,
        "x": tile.x,
        "y": tile.y,
        "collection_id": "parcels",
        "fid": records.parcel.pk,
        "app_label": "claims",
        "content_type_id": ContentType.objects.get_for_model(Claim).pk,
        "id": matrix.users["superuser"].pk,
        "url": "nothing-here/",
        "kind": "parcels",  # imports:template
        "fmt": "csv",
    }
    if param == "object_id":
        if key == "admin:view_on_site":
            return records.claim.pk
        row = _admin_row(key) if key.startswith("admin:") else None
        return row.pk if row is not None else 1
    return values[param]


def build_url(pattern: Pattern, records: Records, matrix: Matrix) -> str:
    kwargs = {p: _value(pattern, p, records, matrix) for p in pattern.params}
    if pattern.key == pattern.route:  # unnamed: fill the route by hand
        path = re.sub(r"\^|\$|\\", "", pattern.route)
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), path)
        path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m.group(1)]), path)
        url = "/" + path
        return url if url != "/api/v1/" else "/api/v1/nothing-here/"
    url = reverse(pattern.key, kwargs=kwargs)
    if pattern.key == "agenda:feed":
        url += "?" + urlencode({"token": matrix.calendar_token})
    return url


# Who asks for the other records: district B's record matters to the legal staff limited to
# district A (404) and to an organiser, who has no district limit (200); organisation B's to
# everyone with an account. The rest would repeat the cells of A's own record.
TARGET_PERSONAS = {
    "a": PERSONAS,
    "b": ("legal", "organiser"),
    "other": tuple(p for p in PERSONAS if p != "anonymous"),
}


# The admin site's only gate is is_staff, the same for every role: its pages are asked by
# the superuser, the strongest and the weakest non-staff roles, and nobody.
ADMIN_PERSONAS = ("superuser", "admin", "viewer", "anonymous")


def _askers(pattern: Pattern, target: str) -> tuple[str, ...]:
    if pattern.route.startswith("admin/") and pattern.key != "admin:login":
        return ADMIN_PERSONAS
    return TARGET_PERSONAS[target]


def _known_bug(cell_id: str, want: str) -> list[Any]:
    """A strict xfail for a cell KNOWN_BUGS names, unless a refusal comes before the bug."""
    if want in ("401", "403"):  # refused before the view runs
        return []
    for pattern, reason in KNOWN_BUGS.items():
        if re.fullmatch(pattern, cell_id):
            return [pytest.mark.xfail(strict=True, raises=TypeError, reason=reason)]
    return []


def _cells() -> Iterator[Any]:
    for pattern in url_patterns():
        rule = rule_for(pattern.key)
        if rule is None:
            yield pytest.param(pattern, "GET", "anonymous", "a", id=f"NO-POLICY:{pattern.id}")
            continue
        methods = ["GET"] + (["POST"] if rule.post is not None else [])
        targets = ["a", "b", "other"] if rule.per_target else ["a"]
        for method in methods:
            for target in targets:
                for persona in _askers(pattern, target):
                    cell_id = f"{pattern.id}|{method}|{target}|{persona}"
                    marks = _known_bug(
                        cell_id, expected(rule, pattern.key, method, persona, target)
                    )
                    yield pytest.param(pattern, method, persona, target, id=cell_id, marks=marks)


def _answer(response: Any) -> str:
    if response.status_code != 302:
        return str(response.status_code)
    location = response["Location"]
    if location.startswith(reverse("admin:login")):
        return "admin_login"
    if location.startswith(reverse("login")):
        return "login"
    return "302"


def test_every_url_pattern_has_a_policy() -> None:
    missing = sorted({p.key for p in url_patterns() if rule_for(p.key) is None})
    assert not missing, f"URL patterns without a rule in tests/security/policy.py: {missing}"


@pytest.mark.parametrize(("pattern", "method", "persona", "target"), list(_cells()))
def test_cell(
    matrix: Matrix, db: Any, pattern: Pattern, method: str, persona: str, target: str
) -> None:
    rule = rule_for(pattern.key)
    if rule is None:
        pytest.fail(f"{pattern.key} ({pattern.route}) has no rule in tests/security/policy.py")
    records = {"a": matrix.a, "b": matrix.b, "other": matrix.other}[target]
    url = build_url(pattern, records, matrix)
    want = expected(rule, pattern.key, method, persona, target)
    if rule.admin_object and persona == "superuser" and _admin_row(pattern.key) is None:
        want = "302"  # the admin sends a missing row back to its index
    client = Client()
    if persona != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = matrix.sessions[persona]
    response = client.get(url) if method == "GET" else client.post(url, {})
    got = _answer(response)
    assert got == want, f"{method} {url} as {persona}: got {got}, policy says {want} ({rule.why})"
