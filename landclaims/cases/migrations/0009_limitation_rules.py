"""The limitation table as it stands in Bangladesh (researched for issue 18), and the courts'
fixed-date national holidays of 2026 and 2027.

Each row: from a decision in a case of `case_type` (before `forum_level`; "" = any forum;
`decision` "" = any, or only a conviction / an acquittal), the `remedy` is filed as
`remedy_case_type` in `remedy_forum_level` within `days`. Periods run from the day after the
decision (Limitation Act 1908 s.12(1)); the time taken to obtain a certified copy is left
out where `copy_time_excluded` (s.12(2)); a last day on which the courts are closed runs to
the day they reopen (s.4). Condonation of delay (s.5) is for the court and is never computed.

Where the law sets no period (revisions), the row gives the period the courts apply in
practice and says so in its note: check such rows with the lawyer. Administrators correct
the table in the admin; this migration only seeds it.
"""

from datetime import date

from django.db import migrations

LA = "Limitation Act 1908, First Schedule"
AD_RULES = "Supreme Court of Bangladesh (Appellate Division) Rules, 1988"
REVISION_PRACTICE = (
    "No period is fixed by statute for a revision (Government of Bangladesh v. Md. Kobad "
    "Ali, 39 DLR (AD) 205: Art. 181 does not apply). By the Supreme Court's long practice a "
    "revision is filed within the period of the corresponding appeal (Siris Chandro Mondal "
    "v. Sunil Kumar Mondal, 67 DLR 432: 90 days for a civil revision); delay needs an "
    "application to condone it. Check with the lawyer."
)

# (case_type, forum_level, decision, remedy, remedy_case_type, remedy_forum_level, days,
#  copy_time_excluded, citation, note)
RULES = [
    (
        "civil_suit", "", "", "appeal", "civil_appeal", "district_judge", 30, True,
        f"{LA}, Art. 152; Code of Civil Procedure 1908, s.96; Civil Courts Act 1887, s.21",
        "Appeal from a decree of an Assistant, Senior Assistant or Joint District Judge to the "
        "District Judge. A Joint District Judge's decree above the District Judge's appellate "
        "limit goes to the High Court Division instead (next row).",
    ),
    (
        "civil_suit", "joint_district_judge", "", "appeal", "first_appeal",
        "high_court_division", 90, True,
        f"{LA}, Art. 156; Code of Civil Procedure 1908, s.96; Civil Courts Act 1887, s.21",
        "First appeal to the High Court Division when the suit's value is above the District "
        "Judge's appellate limit (Civil Courts Act s.21); otherwise the 30-day appeal to the "
        "District Judge applies.",
    ),
    (
        "civil_suit", "district_judge", "", "appeal", "first_appeal", "high_court_division",
        90, True,
        f"{LA}, Art. 156; Code of Civil Procedure 1908, s.96",
        "Appeal from an original decree of a District or Additional District Judge.",
    ),
    (
        "civil_appeal", "", "", "revision", "civil_revision", "high_court_division", 90, True,
        "Code of Civil Procedure 1908, s.115(1) (period by practice, see note)",
        REVISION_PRACTICE,
    ),
    (
        "misc_appeal", "", "", "revision", "civil_revision", "high_court_division", 90, True,
        "Code of Civil Procedure 1908, s.115(1) (period by practice, see note)",
        REVISION_PRACTICE,
    ),
    (
        "first_appeal", "", "", "leave_petition", "civil_leave_petition",
        "appellate_division", 60, True,
        f"Constitution of Bangladesh, art. 103; {AD_RULES}, Order XIII",
        "Civil petition for leave to appeal: 60 days from the High Court Division's judgment; "
        "the time to obtain its certified copy is excluded (Kalachand Sikdar v. Fazlur Karim "
        "Mian, 16 DLR (SC) 417, under the earlier rules).",
    ),
    (
        "civil_revision", "", "", "leave_petition", "civil_leave_petition",
        "appellate_division", 60, True,
        f"Constitution of Bangladesh, art. 103; {AD_RULES}, Order XIII",
        "Civil petition for leave to appeal against the High Court Division's judgment in "
        "the revision.",
    ),
    (
        "writ", "", "", "leave_petition", "civil_leave_petition", "appellate_division", 60,
        True,
        f"Constitution of Bangladesh, art. 103; {AD_RULES}, Order XIII",
        "A writ judgment (art. 102) is appealed by a civil petition for leave to appeal.",
    ),
    (
        "criminal_gr", "judicial_magistrate", "convicted", "appeal", "criminal_appeal",
        "sessions_judge", 30, True,
        f"{LA}, Art. 154; Code of Criminal Procedure 1898, s.408",
        "Appeal against a Magistrate's conviction to the Court of Session.",
    ),
    (
        "criminal_cr", "judicial_magistrate", "convicted", "appeal", "criminal_appeal",
        "sessions_judge", 30, True,
        f"{LA}, Art. 154; Code of Criminal Procedure 1898, s.408",
        "Appeal against a Magistrate's conviction to the Court of Session.",
    ),
    (
        "criminal_gr", "sessions_judge", "convicted", "appeal", "criminal_appeal",
        "high_court_division", 60, True,
        f"{LA}, Art. 155; Code of Criminal Procedure 1898, s.410",
        "Appeal against a conviction by a Sessions Judge to the High Court Division (some "
        "sentences of an Additional or Joint Sessions Judge go to the Sessions Judge under "
        "s.408 instead: 30 days, Art. 154).",
    ),
    (
        "criminal_cr", "sessions_judge", "convicted", "appeal", "criminal_appeal",
        "high_court_division", 60, True,
        f"{LA}, Art. 155; Code of Criminal Procedure 1898, s.410",
        "Appeal against a conviction by a Sessions Judge to the High Court Division.",
    ),
    (
        "criminal_gr", "", "acquitted", "appeal", "criminal_appeal", "high_court_division",
        180, True,
        f"{LA}, Art. 157; Code of Criminal Procedure 1898, s.417(1)",
        "The Government's appeal against an acquittal in a police case: six months (Dr. M. A. "
        "Mazed v. Bangladesh, 9 MLR (AD) 164). Counted here as 180 days, which never ends "
        "later than six calendar months. Our side can only ask the Public Prosecutor.",
    ),
    (
        "criminal_cr", "", "acquitted", "appeal", "criminal_appeal", "high_court_division",
        60, True,
        "Code of Criminal Procedure 1898, s.417(3)",
        "The complainant's appeal against an acquittal in a complaint case: no appeal is "
        "entertained after 60 days from the acquittal (Dr. M. A. Mazed v. Bangladesh, 9 MLR "
        "(AD) 164). Whether s.12(2) copy time is excluded from this special period is not "
        "settled: file within 60 days of the acquittal if at all possible.",
    ),
    (
        "criminal_appeal", "sessions_judge", "", "revision", "criminal_revision",
        "high_court_division", 60, True,
        "Code of Criminal Procedure 1898, s.439 (period by practice, see note)",
        "The Code sets no period for a revision; the High Court Division expects it within "
        "the period of an appeal to it (Art. 155, 60 days) and otherwise an explanation of "
        "the delay. Some petitions cite 90 days; 60 is the safer date. Check with the lawyer.",
    ),
    (
        "crpc_145", "", "", "revision", "criminal_revision", "sessions_judge", 30, True,
        "Code of Criminal Procedure 1898, s.439A (period by practice, see note)",
        "An order under s.145 is not appealable; it is revised by the Sessions Judge "
        "(s.439A) or the High Court Division (s.439). No statute fixes the period: courts "
        "apply that of the corresponding appeal (Art. 154, 30 days). Check with the lawyer.",
    ),
    (
        "criminal_appeal", "high_court_division", "", "leave_petition",
        "criminal_leave_petition", "appellate_division", 60, True,
        f"Constitution of Bangladesh, art. 103; {AD_RULES} (criminal petitions)",
        "Criminal petition for leave to appeal against the High Court Division's judgment: "
        "60 days, as for civil petitions; confirm the rule number in the current Rules.",
    ),
    (
        "criminal_revision", "high_court_division", "", "leave_petition",
        "criminal_leave_petition", "appellate_division", 60, True,
        f"Constitution of Bangladesh, art. 103; {AD_RULES} (criminal petitions)",
        "Criminal petition for leave to appeal against the High Court Division's judgment in "
        "the revision; confirm the rule number in the current Rules.",
    ),
]  # fmt: skip

# Fixed-date public holidays on which the courts close. Lunar holidays (the Eids, Shab-e-Barat,
# Ashura, Durga Puja, Buddha Purnima...) and the courts' vacations move every year:
# administrators add them as court closures.
FIXED_HOLIDAYS = [
    (2, 21, "Shaheed Day and International Mother Language Day"),
    (3, 26, "Independence Day"),
    (4, 14, "Bengali New Year (Pohela Boishakh)"),
    (5, 1, "May Day"),
    (12, 16, "Victory Day"),
    (12, 25, "Christmas Day"),
]
HOLIDAY_YEARS = (2026, 2027)


def seed(apps, schema_editor):
    LimitationRule = apps.get_model("cases", "LimitationRule")
    CourtClosure = apps.get_model("cases", "CourtClosure")
    for row in RULES:
        (case_type, forum, decision, remedy, remedy_type, remedy_forum, days, copy, cite, note) = (
            row
        )
        LimitationRule.objects.update_or_create(
            case_type=case_type,
            forum_level=forum,
            decision=decision,
            remedy=remedy,
            remedy_forum_level=remedy_forum,
            defaults={
                "remedy_case_type": remedy_type,
                "days": days,
                "copy_time_excluded": copy,
                "citation": cite,
                "note": note,
                "active": True,
            },
        )
    for year in HOLIDAY_YEARS:
        for month, day, name in FIXED_HOLIDAYS:
            CourtClosure.objects.get_or_create(on=date(year, month, day), defaults={"name": name})


def unseed(apps, schema_editor):
    LimitationRule = apps.get_model("cases", "LimitationRule")
    CourtClosure = apps.get_model("cases", "CourtClosure")
    for case_type, forum, decision, remedy, _type, remedy_forum, *_rest in RULES:
        LimitationRule.objects.filter(
            case_type=case_type,
            forum_level=forum,
            decision=decision,
            remedy=remedy,
            remedy_forum_level=remedy_forum,
        ).delete()
    days = [date(y, m, d) for y in HOLIDAY_YEARS for m, d, _name in FIXED_HOLIDAYS]
    CourtClosure.objects.filter(on__in=days).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_limitation_rule_decision"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
