"""The claim dossier PDF: Bengali read back intact, scoped, no names for monitors or members."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from django.urls import reverse

from landclaims.allocations.services import allocation_record
from landclaims.cases.services import interim_order_record
from landclaims.claims.services import claim_advance, claim_create
from landclaims.dossier.models import DossierLog
from landclaims.dossier.pdf import LocalOnlyFetcher, allowed_roots
from landclaims.parcels.services import parcel_create
from landclaims.places.models import AdminArea
from tests import geoms
from tests.factories import log_in, make_case, make_group, make_parcel, make_user

pytestmark = pytest.mark.django_db

GROUP_BN = "বিলকুড়ালিয়া ভূমিহীন নারী সমিতি"
GROUP_EN = "Bil Kuralia landless women's group"
MOUZA_BN = "বিলকুড়ালিয়া"
KABULIYAT_NAMES = "রহিমা খাতুন ও করিম শেখ"  # members' names: never in a dossier


@pytest.fixture
def claim(org, places, organiser, frozen_today):
    mouza = places.mouza_a2
    # The mouza's outline, so the map shows the parcel inside it.
    AdminArea.objects.filter(pk=mouza.pk).update(geom=geoms.square(mouza.centre.coords, 900))
    mouza.refresh_from_db()
    group = make_group(
        organisation=org, village=places.village_a, name_bn=GROUP_BN, name_en=GROUP_EN
    )
    parcel = make_parcel(organisation=org, mouza=mouza, khatian_no="1", jl_no="৪২", area_value="50")
    claim = claim_create(
        organisation=org,
        groups=[group],
        parcels=[parcel],
        by=organiser,
        opened_on=date(2020, 1, 10),
    )
    claim = claim_advance(claim=claim, to="application_prepared", on=date(2020, 2, 1), by=None)
    claim = claim_advance(
        claim=claim, to="application_filed", on=date(2020, 3, 1), by=None, number="77"
    )
    case = make_case(organisation=org, district=places.district_a, claims=[claim])
    interim_order_record(case=case, kind="status_quo", made_on=date(2024, 5, 2), by=None)
    allocation_record(
        parcel=parcel,
        claim=claim,
        group=group,
        area_value="20",
        area_unit="decimal",
        title="joint",
        names_on_kabuliyat=KABULIYAT_NAMES,
        kabuliyat_no="9",
    )
    return claim


def poppler(program: str) -> str:
    """A poppler-utils program (Makefile APT_PACKAGES installs them)."""
    path = shutil.which(program)
    assert path, f"{program} is missing: install poppler-utils"
    return path


def pdf_text(content: bytes, tmp_path) -> str:
    """pdftotext's reading of the PDF, whitespace collapsed (table cells wrap lines)."""
    path = tmp_path / "dossier.pdf"
    path.write_bytes(content)
    out = subprocess.run(  # noqa: S603 - poppler's pdftotext on our own file
        [poppler("pdftotext"), "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return " ".join(out.stdout.decode("utf-8").split())


def fetch(client, user, claim, lang):
    log_in(client, user)
    return client.get(reverse("dossier:claim", args=[claim.pk]), {"lang": lang})


@pytest.mark.parametrize("lang", ["bn", "en"])
def test_bengali_names_come_back_intact(client, organiser, claim, lang, tmp_path) -> None:
    response = fetch(client, organiser, claim, lang)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert GROUP_BN in text
    assert MOUZA_BN in text
    assert "চরপাড়া" not in text  # another mouza of the union, not this claim's
    assert "ইউনিয়ন" in text  # the union's Bengali name, on the parcel's row
    assert "সদর" in text  # the upazila's


def test_english_keeps_both_spellings_and_ascii_digits(client, organiser, claim, tmp_path):
    text = pdf_text(fetch(client, organiser, claim, "en").content, tmp_path)
    assert f"Bil Kuralia ({MOUZA_BN})" in text
    assert f"{GROUP_BN} ({GROUP_EN})" not in text  # group: Bengali first, as on the paper
    assert f"Claim no. {claim.pk}" in text
    assert "Status quo" in text and "In force now" in text
    assert "Joint" in text  # the title (its cell wraps)
    assert "0.20" in text and "20.00" in text  # the allocation in acres and decimals
    assert "01/03/2020" in text  # the date the application was filed
    assert "Map of the claim's parcels" in text


def test_bengali_version_writes_bengali_digits(client, organiser, claim, tmp_path) -> None:
    text = pdf_text(fetch(client, organiser, claim, "bn").content, tmp_path)
    assert "০১/০৩/২০২০" in text
    assert "২০.০০" in text  # noqa: RUF001 - 20 decimals, in Bengali digits
    assert "৪২" in text  # JL no.
    assert "Bil Kuralia" not in text


def test_no_member_names_in_the_dossier(client, organiser, claim, tmp_path) -> None:
    text = pdf_text(fetch(client, organiser, claim, "bn").content, tmp_path)
    assert "রহিমা" not in text
    assert "করিম" not in text


def test_monitors_see_the_group_by_number_not_name(client, org, claim, tmp_path) -> None:
    monitor = make_user(organisation=org, role="monitor")
    text = pdf_text(fetch(client, monitor, claim, "en").content, tmp_path)
    group = claim.groups.get()
    assert GROUP_BN not in text
    assert GROUP_EN not in text
    assert f"Women's group, {group.village.name_en}" in text
    assert MOUZA_BN in text  # places are not personal


def test_another_organisation_gets_404_and_nothing_is_logged(client, outsider, claim) -> None:
    response = fetch(client, outsider, claim, "en")
    assert response.status_code == 404
    assert not DossierLog.objects.exists()


def test_anonymous_is_sent_to_log_in(client, claim) -> None:
    response = client.get(reverse("dossier:claim", args=[claim.pk]))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_each_dossier_is_logged(client, organiser, claim) -> None:
    fetch(client, organiser, claim, "bn")
    log = DossierLog.objects.get()
    assert (log.user, log.claim_ref, log.language) == (organiser, claim.pk, "bn")
    assert log.organisation_id == claim.organisation_id
    assert log.with_group_names is True
    assert log.size_bytes and log.size_bytes > 1000


def test_language_defaults_to_the_users_and_unknown_falls_back_to_english(
    client, organiser, claim
) -> None:
    log_in(client, organiser)
    url = reverse("dossier:claim", args=[claim.pk])
    client.get(url, headers={"accept-language": "bn"})
    client.get(url, {"lang": "xx"})
    assert list(DossierLog.objects.order_by("id").values_list("language", flat=True)) == [
        "bn",
        "en",
    ]


def test_the_map_is_drawn(client, organiser, claim, tmp_path) -> None:
    """The first page, rasterised, has the parcel's orange among its pixels."""
    (tmp_path / "d.pdf").write_bytes(fetch(client, organiser, claim, "en").content)
    page = [poppler("pdftoppm"), "-r", "40", "-f", "1", "-l", "1", str(tmp_path / "d.pdf")]
    subprocess.run([*page, str(tmp_path / "p")], check=True)  # noqa: S603 - poppler, our file
    assert parcel_pixels(next(tmp_path.glob("p*.ppm")).read_bytes()) > 20


def parcel_pixels(ppm: bytes) -> int:
    """Pixels of the parcels' fill (#d9822b at 75% over the mouza's cream) in a binary PPM."""
    magic, width, height, _max, pixels = ppm.split(maxsplit=4)
    assert magic == b"P6"
    count = 0
    for i in range(0, int(width) * int(height) * 3, 3):
        r, g, b = pixels[i], pixels[i + 1], pixels[i + 2]
        count += r > 190 and 110 < g < 170 and b < 110
    return count


def test_a_claim_without_mapped_parcels_says_so(client, org, places, organiser, tmp_path):
    group = make_group(organisation=org, village=places.village_a)
    parcel = parcel_create(
        organisation=org, mouza=places.mouza_a, survey="RS", dag_nos=["501"], land_class="char"
    ).parcel
    unmapped = claim_create(
        organisation=org, groups=[group], parcels=[parcel], by=None, opened_on=date(2021, 1, 1)
    )
    text = pdf_text(fetch(client, organiser, unmapped, "en").content, tmp_path)
    assert "No parcel of this claim has been mapped yet." in text


class TestFetcher:
    def test_network_urls_are_refused(self) -> None:
        fetcher = LocalOnlyFetcher(allowed_roots())
        for url in ("http://example.com/x.css", "https://example.com/f.ttf", "ftp://h/f"):
            with pytest.raises(ValueError):
                fetcher.fetch(url)

    def test_files_outside_the_fonts_and_static_are_refused(self) -> None:
        fetcher = LocalOnlyFetcher(allowed_roots())
        for url in ("file:///etc/passwd", "file:///usr/share/fonts/truetype/noto/../../../x"):
            with pytest.raises(ValueError):
                fetcher.fetch(url)

    def test_the_font_is_read(self) -> None:
        fetcher = LocalOnlyFetcher(allowed_roots())
        font = "file:///usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf"
        response = fetcher.fetch(font)
        try:
            assert len(response.read()) > 10_000
        finally:
            response.close()


def test_unmapped_parcels_are_counted_under_the_map(client, org, places, organiser, tmp_path):
    group = make_group(organisation=org, village=places.village_a)
    mapped = make_parcel(organisation=org, mouza=places.mouza_a)
    unmapped = parcel_create(
        organisation=org, mouza=places.mouza_a, survey="RS", dag_nos=["502"], land_class="char"
    ).parcel
    claim = claim_create(
        organisation=org,
        groups=[group],
        parcels=[mapped, unmapped],
        by=None,
        opened_on=date(2021, 1, 1),
    )
    text = pdf_text(fetch(client, organiser, claim, "en").content, tmp_path)
    assert "1 parcel has no mapped boundary." in text


def test_an_order_ended_by_the_judgment_says_so(client, organiser, claim, tmp_path) -> None:
    from landclaims.cases.services import case_record_judgment

    case = claim.cases.get()
    case_record_judgment(case=case, on=date(2024, 5, 20), outcome="in_our_favour", by=None)
    text = pdf_text(fetch(client, organiser, claim, "en").content, tmp_path)
    assert "Ended by the judgment of 20/05/2024" in text
    assert "In force now" not in text
