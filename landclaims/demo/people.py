"""Demo organisations (with ALRD's partner network) and the five demo users, one per role."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from landclaims.core.models import Membership, Organisation, Role
from landclaims.core.services import organisation_update
from landclaims.places.models import AdminArea

ORGANISATIONS = {
    "nijera-kori": ("Nijera Kori", "নিজেরা করি"),
    "alrd-partners": ("ALRD's local partners", "এএলআরডি-র স্থানীয় সহযোগী সংগঠন"),
}
# ALRD (Association for Land Reform and Development) works through local partner NGOs: a
# network whose staff count its partners' records on the dashboard, never see them. The demo
# groups of the ALRD districts belong to "alrd-partners"; SUSTAIN (Chirirbandar, Dinajpur)
# monitors people's cooperatives. slug -> (English name, Bengali name).
NETWORK = ("alrd", "ALRD", "এএলআরডি")
NETWORK_PARTNERS = {
    "alrd-partners": ORGANISATIONS["alrd-partners"],
    "sustain": ("SUSTAIN", "সাসটেইন"),
}
# Where each organisation works in the demo (district English names).
ALRD_DISTRICTS = {"Pabna", "Sirajganj", "Naogaon", "Khulna", "Noakhali"}
# username -> (role, districts they are limited to; empty = all of the organisation's)
DEMO_USERS: dict[str, tuple[str, list[str]]] = {
    "admin": (Role.ADMIN, []),
    "legal": (Role.LEGAL, ["Tangail", "Gaibandha"]),
    "organiser": (Role.ORGANISER, []),
    "monitor": (Role.MONITOR, []),
    "viewer": (Role.VIEWER, ["Dinajpur"]),
}


def ensure_organisations() -> dict[str, Organisation]:
    """The two organisations whose records the demo seeds, ALRD's network around them."""
    result = {}
    for slug, (name_en, name_bn) in ORGANISATIONS.items():
        result[slug], _ = Organisation.objects.get_or_create(
            slug=slug, defaults={"name_en": name_en, "name_bn": name_bn}
        )
    ensure_network()
    return result


def ensure_network() -> Organisation:
    """ALRD and its partners: the existing "alrd-partners" and SUSTAIN."""
    slug, name_en, name_bn = NETWORK
    network, _ = Organisation.objects.get_or_create(
        slug=slug, defaults={"name_en": name_en, "name_bn": name_bn}
    )
    for partner_slug, (partner_en, partner_bn) in NETWORK_PARTNERS.items():
        partner, _ = Organisation.objects.get_or_create(
            slug=partner_slug, defaults={"name_en": partner_en, "name_bn": partner_bn}
        )
        if partner.network_id != network.pk:
            organisation_update(organisation=partner, changes={"network": network})
    return network


@transaction.atomic
def ensure_demo_users(organisation: Organisation) -> list[str]:
    """Create or reset the demo users; running it again changes nothing else."""
    user_model = get_user_model()
    for username, (role, district_names) in DEMO_USERS.items():
        user, _ = user_model.objects.get_or_create(username=username)
        user.set_password(settings.DEMO_PASSWORD)
        user.is_staff = user.is_superuser = role == Role.ADMIN
        user.save()
        membership, _ = Membership.objects.update_or_create(
            user=user, defaults={"organisation": organisation, "role": role}
        )
        districts = AdminArea.objects.filter(level="district", name_en__in=district_names)
        membership.districts.set(districts)
    return list(DEMO_USERS)
