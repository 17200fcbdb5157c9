"""Demo cooperative: ALRD partner groups who pooled their rice savings into a registered
people's cooperative, monitored by a local partner (SUSTAIN, as in Chirirbandar, Dinajpur).

The demo's ALRD districts do not include Dinajpur, so the cooperative is filed in an ALRD
district that has a mapped ALRD parcel (Naogaon first: the nearest to Dinajpur). Everything
is written through cooperatives/services.py with by=None (the system)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from landclaims.cooperatives.models import Cooperative
from landclaims.cooperatives.services import (
    MemberGroup,
    cooperative_create,
    cooperative_land_add,
    production_record,
)
from landclaims.core.models import Organisation
from landclaims.demo.people import ALRD_DISTRICTS
from landclaims.groups.models import LandlessGroup
from landclaims.parcels.models import Parcel

# Nearest to Dinajpur first.
DISTRICT_PREFERENCE = ("Naogaon", "Sirajganj", "Pabna", "Khulna", "Noakhali")
assert set(DISTRICT_PREFERENCE) == ALRD_DISTRICTS


def seed_cooperatives(*, organisations: dict[str, Organisation], today: date) -> int:
    """A registered cooperative of ALRD partner groups, monitored by SUSTAIN, and a young
    unregistered one of Nijera Kori women's groups (so the demo users see one), each with
    owned, leased and settled khas land and two years of paddy, vegetables, fish and
    vermicompost. Returns how many it made (none where no mapped parcel can be settled)."""
    made = 0
    alrd = organisations["alrd-partners"]
    parcel = _settled_parcel(alrd, DISTRICT_PREFERENCE)
    if parcel is not None:
        fields = {
            "name_bn": "আলোর পথে গণ সমবায় সমিতি লিমিটেড",
            "name_en": "Alor Pothe Gono Samabay Samity Ltd",
            "registration_no": "নওগাঁ/সমবায়/১৪৭",
            "registered_on": today - timedelta(days=2 * 365),
            "animator": "মোছাঃ শাহানাজ পারভীন",
            "monitoring_partner": _sustain(),
        }
        made += _cooperative(alrd, parcel, today, **fields)
    nijera_kori = organisations["nijera-kori"]
    parcel = _settled_parcel(nijera_kori, ("Tangail", "Gaibandha", "Dinajpur"))
    if parcel is not None:
        fields = {"name_bn": "নারী ভূমিহীন গণ সমবায়", "name_en": "Nari Bhumihin Gono Samabay"}
        made += _cooperative(nijera_kori, parcel, today, **fields)
    return made


def _cooperative(organisation: Organisation, parcel: Parcel, today: date, **fields: Any) -> int:
    district = parcel.mouza.district
    groups = LandlessGroup.objects.filter(
        organisation=organisation, village__union__district=district
    ).order_by("pk")[:3]
    cooperative = cooperative_create(
        organisation=organisation,
        district=district,
        formed_on=today - timedelta(days=3 * 365),
        members=[
            MemberGroup(
                group=group,
                shares=10 + 5 * i,
                contribution_taka=Decimal(15000 + 7500 * i),
                joined_on=today - timedelta(days=3 * 365 - 30 * i),
            )
            for i, group in enumerate(groups)
        ],
        **fields,
    )
    _land_and_production(cooperative, parcel, today)
    return 1


def _settled_parcel(organisation: Organisation, districts: tuple[str, ...]) -> Parcel | None:
    """The organisation's first mapped parcel in the first of `districts` that has one."""
    parcels = Parcel.objects.filter(organisation=organisation, geom__isnull=False)
    parcels = parcels.select_related("mouza__district")
    for name in districts:
        found = parcels.filter(mouza__district__name_en=name).order_by("pk").first()
        if found is not None:
            return found
    return None


def _sustain() -> Organisation:
    """SUSTAIN, ALRD's partner in Chirirbandar that monitors the cooperative (demo/people.py
    makes it a partner of the ALRD network)."""
    return Organisation.objects.get(slug="sustain")


def _land_and_production(cooperative: Cooperative, parcel: Parcel, today: date) -> None:
    started = today - timedelta(days=2 * 365)
    settled = cooperative_land_add(
        cooperative=cooperative,
        tenure="khas_settled",
        parcel=parcel,
        description="বন্দোবস্ত পাওয়া খাস জমি",
        from_on=started,
    )
    leased = cooperative_land_add(
        cooperative=cooperative,
        tenure="leased",
        description="পুকুর (লিজ)",
        mouza=parcel.mouza,
        area_value="33",
        area_unit="decimal",
        from_on=started + timedelta(days=60),
        lease_rent_taka="18000",
    )
    owned = cooperative_land_add(
        cooperative=cooperative,
        tenure="owned",
        description="কেঁচো সার ঘর ও সবজি বাগান",
        mouza=parcel.mouza,
        area_value="12",
        area_unit="decimal",
        from_on=started + timedelta(days=120),
    )
    for year in (today.year - 2, today.year - 1):
        _a_year(cooperative, year, settled=settled, leased=leased, owned=owned)


def _a_year(cooperative: Cooperative, year: int, **land: object) -> None:
    """A year's harvests, sales and costs in taka (paddy at about 30 taka/kg)."""
    rows = (
        ("paddy", "আমন ধান (ব্রি ধান ৪৯)", "aman", "settled", "2100", "kg", "63000", "24000"),
        ("paddy", "বোরো ধান", "boro", "settled", "2600", "kg", "78000", "36000"),
        ("vegetables", "লাউ, শিম, বেগুন", "rabi", "owned", "850", "kg", "25500", "9000"),
        ("fish", "রুই, কাতলা, তেলাপিয়া", "year_round", "leased", "640", "kg", "96000", "41000"),
        ("vermicompost", "কেঁচো সার", "year_round", "owned", "1200", "kg", "18000", "5000"),
    )
    for activity, detail, season, plot, output, unit, sales, costs in rows:
        production_record(
            cooperative=cooperative,
            land=land[plot],  # type: ignore[arg-type]
            activity=activity,
            detail=detail,
            season=season,
            year=year,
            output_quantity=Decimal(output) + (year % 3) * 40,
            output_unit=unit,
            sales_taka=sales,
            costs_taka=costs,
        )
