"""Who may reach which URL: the intended answer for every URL pattern and persona.

Personas: `superuser`; organisation A's `admin`, `legal` (legal staff limited to district
A), `organiser`, `monitor` and `viewer`; `outsider` (the admin of organisation B); and
`anonymous`. A rule gives the answer for A's people on A's own records in district A;
the answers for other records follow from it (see `expected`):

- a `scoped` URL names a record by its id; someone who may not see that record gets 404
  wherever they would have reached it (same as a record that does not exist, so ids do not
  tell who has what). That covers the outsider on A's records, A's people on B's records,
  and the legal staff of district A on A's records in district B.
- the outsider, on organisation B's records, gets what A's admin gets on A's.

Answers: "200", "400" (empty form, refused), "401", "403", "404", "405", "428" (API write
without If-Match), "302" (a redirect that is not a login), "login" (302 to /login/),
"admin_login" (302 to /admin/login/).

Every URL pattern must match exactly one rule (test_url_matrix checks it): a new URL
without one fails the test until someone decides who may reach it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OWN = ("superuser", "admin", "legal", "organiser", "monitor", "viewer")
PERSONAS = (*OWN, "outsider", "anonymous")
# Answers that mean the view found the record (a POST that acted redirects: 302): a person
# who may not see it must get 404.
REACHED = frozenset({"200", "302", "400", "428"})

Answers = dict[str, str]


def everyone(code: str, anonymous: str = "login") -> Answers:
    return {**dict.fromkeys(OWN, code), "anonymous": anonymous}


def roles(yes: str, no: str, writers: set[str], anonymous: str = "login") -> Answers:
    """`yes` for the roles in `writers` (the superuser writes as an admin), `no` for the
    other roles."""
    answers = {p: yes if p in writers or p == "superuser" else no for p in OWN}
    return {**answers, "anonymous": anonymous}


CLAIM_WRITERS = {"admin", "legal", "organiser"}
CASE_WRITERS = {"admin", "legal"}
# Admin models (app_model) whose rows only the application writes.
NO_DELETE = (
    "exports_exportlog|imports_importbatch|agenda_hearingreminder"
    "|agenda_orderreminder|agenda_taskreminder|agenda_deadlinereminder|agenda_calendartoken"
    "|django_tasks_database_dbtaskresult"
)
# Failed-login records are django-axes's: deleting one is how an admin lifts a lockout early.
NO_ADD = f"{NO_DELETE}|api_apitoken|cases_hearing|axes_accessattempt|axes_accesslog"
NO_ADD += "|axes_accessfailurelog"
# Every write goes through a service and none deletes, so the admin deletes none of
# landclaims' own records (an API key is revoked, not deleted).
NO_DELETE += (
    "|core_organisation|core_membership|places_adminarea|places_village|parcels_parcel"
    "|groups_landlessgroup|groups_member|claims_claim|cases_legalcase|cases_hearing"
    "|cases_lawyer|allocations_allocation|incidents_incident|documents_document|api_apitoken"
    "|training_trainingevent|representation_seat"
    # A limitation rule is switched off (`active`), never deleted: its reminders point at it.
    "|cases_limitationrule"
)
# Savings (issue 21) are written on the group's pages and over the API: the admin lists them.
NO_ADD += "|savings_savingsmeeting|savings_savingsentry"
NO_DELETE += "|savings_savingsmeeting|savings_savingsentry"
NO_DELETE += "|actions_action|actions_safetynetcheck"  # issue 21: no delete service either
NO_DELETE += "|cooperatives_cooperative|cooperatives_cooperativeland|cooperatives_production"
# Field phones (issue 22): keys, submissions and their files are written by the odk services.
NO_ADD += "|odk_fielddevice|odk_submission|odk_submissionattachment"
NO_DELETE += "|odk_fielddevice|odk_submission|odk_submissionattachment"
ADMIN_ONLY = {**dict.fromkeys(OWN, "admin_login"), "anonymous": "admin_login", "superuser": "200"}


@dataclass(frozen=True)
class Rule:
    why: str
    pattern: str  # regex, full match against the URL name (or the route for unnamed ones)
    get: Answers
    post: Answers | None = None  # None: the view writes nothing, only GET is requested
    scoped: bool = False  # the URL names a record of an organisation (see module doc)
    per_target: bool = False  # also request it with district B's and organisation B's record
    outsider: str | None = None  # the outsider's answer when not derived from the admin's
    # Admin pages naming one row: 302 to the admin index when the model has no row yet.
    admin_object: bool = False
    # URL name (without "api:") -> roles that write; other roles' POSTs are 403.
    post_refused: dict[str, set[str]] | None = None


READ = everyone("200")
API_READ = everyone("200", anonymous="401")
API_LIST_POST = everyone("405", anonymous="401")
NOT_POST = everyone("405")

RULES: tuple[Rule, ...] = (
    # --- pages: reading goes by visible_to(); every role reads, nobody reads anonymously.
    Rule(
        "Lists, counts, calendars and maps: every role, each sees only its own scope "
        "(what they hold is checked in test_cross_scope).",
        r"home|claims:list|cases:list|groups:list|agenda:calendar|agenda:cause_list|maps:map"
        r"|incidents:list|maps:in_view|training:list|representation:list",
        READ,
    ),
    Rule(
        "The dashboard and its tables as XLSX/CSV: every role, figures from its own scope "
        "(test_dashboard checks what each counts).",
        r"dashboard:index|dashboard:xlsx|dashboard:csv",
        READ,
    ),
    Rule(
        "One record's page or popup: whoever may see the record; 404 otherwise.",
        r"claims:detail|cases:detail|groups:detail|parcels:detail|maps:parcel_popup"
        r"|incidents:detail|maps:incident_popup|training:detail",
        READ,
        scoped=True,
        per_target=True,
    ),
    Rule(
        "Field submissions (issue 22): the people who write what the phones' forms make "
        "(organisers, legal staff, admins), each seeing the forms they write in their scope; "
        "monitors and viewers 403.",
        r"odk_review:list",
        roles("200", "403", CLAIM_WRITERS),
    ),
    Rule(
        "A field submission's review page: its form's writers, on the submissions they may "
        "see (404 otherwise); a POST that neither corrects nor rejects comes back (400).",
        r"odk_review:detail",
        roles("200", "403", CLAIM_WRITERS),
        post=roles("400", "403", CLAIM_WRITERS),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "A claim's dossier PDF: whoever may see the claim (monitors and viewers get it with "
        "groups by number, test_dossier); 404 otherwise.",
        r"dossier:claim",
        READ,
        scoped=True,
        per_target=True,
    ),
    Rule(
        "A member's page: only roles that see people (admin, legal, organiser), on members "
        "they may see; monitors and viewers get 404 like a missing member. An empty purpose "
        "form is refused (400).",
        r"groups:member",
        roles("200", "404", {"admin", "legal", "organiser"}),
        post=roles("400", "404", {"admin", "legal", "organiser"}),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "The read log of members' personal data: the organisation's admins only.",
        r"privacy:reads",
        roles("200", "403", {"admin"}),
    ),
    Rule(
        "Administrative areas are public geography; the counts on them are the user's own.",
        r"places:detail|maps:area_popup",
        READ,
    ),
    Rule(
        "Vector tiles: logged-in users or an API key, like the API (a 401 asks for either, "
        "no login page); the features are filtered per user (test_cross_scope).",
        r"maps:tile",
        API_READ,
    ),
    # --- writes from pages: the role decides first (403), then the record (404).
    Rule(
        "Claim stage and possession changes: organisers, legal staff and admins; an empty "
        "form comes back with its errors (400).",
        r"claims:change_stage|claims:change_possession",
        NOT_POST,
        post=roles("400", "403", CLAIM_WRITERS),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "A claim's groups and parcels added or removed: organisers, legal staff and admins; "
        "an empty form comes back with its errors (400).",
        r"claims:(add_group|remove_group|add_parcel|remove_parcel)",
        NOT_POST,
        post=roles("400", "403", CLAIM_WRITERS),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "Opening a claim: organisers, legal staff and admins; an empty form comes back with "
        "its errors (400). The superuser belongs to no organisation to open one for.",
        r"claims:new",
        {**roles("200", "403", CLAIM_WRITERS), "superuser": "403"},
        post={**roles("400", "403", CLAIM_WRITERS), "superuser": "403"},
    ),
    Rule(
        "Case writes (hearings, orders, judgment): legal staff and admins only; an empty form "
        "re-renders the case page with its errors.",
        r"cases:(hearing_schedule|hearing_held|hearing_adjourn|hearing_move|order_record"
        r"|judgment_record|party_add|party_remove|order_vacate|order_extend|order_modify"
        r"|order_compliance|note_add|task_add|task_done)",
        NOT_POST,
        post=roles("200", "403", CASE_WRITERS),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "Opening a case: legal staff and admins; an empty form comes back with its errors "
        "(400). The superuser belongs to no organisation to open one for.",
        r"cases:new",
        {**roles("200", "403", CASE_WRITERS), "superuser": "403"},
        post={**roles("400", "403", CASE_WRITERS), "superuser": "403"},
    ),
    Rule(
        "Registering a group: organisers, legal staff and admins; monitors and viewers 403; "
        "an empty form comes back with its errors (400). The superuser belongs to no "
        "organisation to register one for.",
        r"groups:new",
        {**roles("200", "403", CLAIM_WRITERS), "superuser": "403"},
        post={**roles("400", "403", CLAIM_WRITERS), "superuser": "403"},
    ),
    Rule(
        "Recording an incident: organisers, legal staff and admins; an empty form comes back "
        "with its errors (400). The superuser belongs to no organisation to record one for.",
        r"incidents:new",
        {**roles("200", "403", CLAIM_WRITERS), "superuser": "403"},
        post={**roles("400", "403", CLAIM_WRITERS), "superuser": "403"},
    ),
    Rule(
        "Recording a training: organisers, legal staff and admins; an empty form comes back "
        "with its errors (400). The superuser belongs to no organisation to record one for.",
        r"training:new",
        {**roles("200", "403", CLAIM_WRITERS), "superuser": "403"},
        post={**roles("400", "403", CLAIM_WRITERS), "superuser": "403"},
    ),
    Rule(
        "Adding a seat on a public body: organisers, legal staff and admins, for the members "
        "they may see; an empty form comes back with its errors (400).",
        r"representation:new",
        roles("200", "403", CLAIM_WRITERS),
        post=roles("400", "403", CLAIM_WRITERS),
    ),
    Rule(
        "Correcting a training, setting its attendance, correcting or ending a seat: "
        "organisers, legal staff and admins, on the records they may see; an empty form "
        "comes back with its errors (400).",
        r"training:(edit|attendance)|representation:edit",
        roles("200", "403", CLAIM_WRITERS),
        post=roles("400", "403", CLAIM_WRITERS),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "Correcting a group, its members page (with the add form) and correcting a member: "
        "organisers, legal staff and admins, on the records they may see; monitors and "
        "viewers 403; an empty form comes back with its errors (400).",
        r"groups:(edit|members|member_edit)",
        roles("200", "403", CLAIM_WRITERS),
        post=roles("400", "403", CLAIM_WRITERS),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "Correcting an incident: organisers, legal staff and admins, on the incidents they "
        "may see; an empty form comes back with its errors (400).",
        r"incidents:edit",
        roles("200", "403", CLAIM_WRITERS),
        post=roles("400", "403", CLAIM_WRITERS),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "Marking a member as left: a POST by organisers, legal staff and admins; monitors "
        "and viewers 403; an empty form comes back with its errors (400).",
        r"groups:member_leave",
        NOT_POST,
        post=roles("400", "403", CLAIM_WRITERS),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "Adding a lawyer to the directory: legal staff and admins (the superuser chooses the "
        "organisation); an empty form comes back with its errors (400).",
        r"cases:lawyer_new",
        roles("200", "403", CASE_WRITERS),
        post=roles("400", "403", CASE_WRITERS),
    ),
    Rule(
        "Editing a case and filing an appeal from it: legal staff and admins, on the cases "
        "they may see; an empty form comes back with its errors (400).",
        r"cases:(edit|appeal)",
        roles("200", "403", CASE_WRITERS),
        post=roles("400", "403", CASE_WRITERS),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "Editing a lawyer of the directory: legal staff and admins of the lawyer's "
        "organisation, and the superuser.",
        r"cases:lawyer_edit",
        roles("200", "403", CASE_WRITERS),
        post=roles("400", "403", CASE_WRITERS),
        scoped=True,
    ),
    Rule(
        "The lawyer directory: every role reads its organisation's lawyers.",
        r"cases:lawyers",
        READ,
    ),
    Rule(
        "A document's file: whoever may see the record it is attached to (404 otherwise); "
        "here an internal one, so every role (restricted and confidential ones: "
        "tests/documents/test_download.py).",
        r"documents:download",
        READ,
        scoped=True,
        per_target=True,
    ),
    Rule(
        "Attaching a document to a case: legal staff and admins; an empty form is refused "
        "with its errors (400).",
        r"documents:upload_case",
        NOT_POST,
        post=roles("400", "403", CASE_WRITERS),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "Attaching a document to a claim, parcel or group: claim writers; an empty form is "
        "refused with its errors (400).",
        r"documents:upload_(claim|parcel|group)",
        NOT_POST,
        post=roles("400", "403", CLAIM_WRITERS),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "The exports page: every role exports, in the profiles its role allows (an empty "
        "POST is an unbound form: the page again, nothing exported).",
        r"exports:index",
        READ,
        post=everyone("200"),
    ),
    Rule(
        "An export's file: only the person who made it (here the organiser); anybody else "
        "gets 404, as if it did not exist.",
        r"exports:download",
        {**dict.fromkeys(OWN, "404"), "organiser": "200", "anonymous": "login"},
        outsider="404",
    ),
    Rule(
        "Imports write claims and parcels: claim writers only.",
        r"imports:list",
        roles("200", "403", CLAIM_WRITERS),
        post=roles("400", "403", CLAIM_WRITERS),
    ),
    Rule(
        "A pending import: the organisation's claim writers see it; the preview and the "
        "repairs are the uploader's.",
        r"imports:detail",
        roles("200", "403", CLAIM_WRITERS),
        scoped=True,
    ),
    Rule(
        "Committing or discarding an import: only its uploader (the organiser; it commits "
        "and is redirected); other claim writers are refused.",
        r"imports:(commit|discard)",
        NOT_POST,
        post={**roles("403", "403", CLAIM_WRITERS), "organiser": "302"},
        scoped=True,
        outsider="404",  # another organisation's import is not found at all
    ),
    Rule(
        "The suggested repairs of an import, for its uploader.",
        r"imports:repairs",
        {**roles("403", "403", CLAIM_WRITERS), "organiser": "200"},
        scoped=True,
        outsider="404",
    ),
    Rule(
        "The rows of a pending import as GeoJSON, for the preview map: its uploader's, like "
        "the preview itself.",
        r"imports:rows",
        {**roles("403", "403", CLAIM_WRITERS), "organiser": "200"},
        scoped=True,
        outsider="404",
    ),
    Rule(
        "An import template file (columns and an example row from the user's own places): "
        "the roles that may import that kind of file.",
        r"imports:template",
        roles("200", "403", CLAIM_WRITERS),
    ),
    Rule(
        "The calendar feed: no session, the secret token in the URL is the credential (the "
        "organiser's here), so anyone holding it gets that person's hearings.",
        r"agenda:feed",
        everyone("200", anonymous="200"),
    ),
    Rule(
        "A person's own calendar link: every logged-in user, for themselves; the form "
        "always goes back to the page.",
        r"agenda:feed_settings",
        READ,
        post=everyone("302"),
    ),
    Rule(
        "A person's own API keys page: every logged-in user; an empty name is refused.",
        r"api:tokens",
        READ,
        post=everyone("400"),
    ),
    # --- the REST API: 401 without credentials, the same scoping and roles as the pages.
    Rule(
        "API lists and the API root: every role, filtered by visible_to(); writes are not "
        "made on lists.",
        r"api:(api-root|admin-area-list|claim-event-list"
        r"|hearing-list|interim-order-list|case-event-list)",
        API_READ,
        post=API_LIST_POST,
    ),
    Rule(
        "The claim list: read by every role; organisers, legal staff and admins open claims "
        "by POSTing to it (an empty body is refused naming the fields, 400); other roles get "
        "403.",
        r"api:claim-list",
        API_READ,
        post=roles("400", "403", CLAIM_WRITERS, anonymous="401"),
    ),
    Rule(
        "The case list: read by every role; legal staff and admins open cases by POSTing to "
        "it (an empty body is refused naming the fields, 400); other roles get 403.",
        r"api:case-list",
        API_READ,
        post=roles("400", "403", CASE_WRITERS, anonymous="401"),
    ),
    Rule(
        "The group list: read by every role; organisers, legal staff and admins register "
        "groups by POSTing to it (an empty body is refused naming the fields, 400).",
        r"api:group-list",
        API_READ,
        post=roles("400", "403", CLAIM_WRITERS, anonymous="401"),
    ),
    Rule(
        "The incident list: read by every role; organisers, legal staff and admins record "
        "incidents by POSTing to it (an empty body is refused naming the fields, 400); other "
        "roles get 403.",
        r"api:incident-list",
        API_READ,
        post=roles("400", "403", CLAIM_WRITERS, anonymous="401"),
    ),
    Rule(
        "Trainings and seats over the API: read by every role; organisers, legal staff and "
        "admins record them by POSTing (an empty body is refused naming the fields, 400).",
        r"api:(training|seat)-list",
        API_READ,
        post=roles("400", "403", CLAIM_WRITERS, anonymous="401"),
    ),
    Rule(
        "A training's attendance over the API is PUT (with If-Match): GET and POST are not "
        "its methods (405), once the role is checked (403 for monitors' and viewers' POST).",
        r"api:training-attendance",
        everyone("405", anonymous="401"),
        post=roles("405", "403", CLAIM_WRITERS, anonymous="401"),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "Members over the API: only the roles that read names (organisers, legal staff, "
        "admins), to read or to add; monitors and viewers get 403.",
        r"api:member-list",
        roles("200", "403", {"admin", "legal", "organiser"}, anonymous="401"),
        post=roles("400", "403", {"admin", "legal", "organiser"}, anonymous="401"),
    ),
    Rule(
        "One member over the API: the roles that read names, on members they may see (404 "
        "otherwise); monitors and viewers get 403.",
        r"api:member-detail",
        roles("200", "403", {"admin", "legal", "organiser"}, anonymous="401"),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "Marking a member as left over the API: the roles that read names; the role is "
        "checked first (403, even for a GET), then the record (404), then If-Match (428).",
        r"api:member-leave",
        roles("405", "403", {"admin", "legal", "organiser"}, anonymous="401"),
        post=roles("428", "403", {"admin", "legal", "organiser"}, anonymous="401"),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "API records: whoever may see the record; 404 otherwise.",
        r"api:(parcel|group|claim|claim-event|case|hearing|interim-order|case-event"
        r"|allocation|incident|training|seat)-detail",
        API_READ,
        scoped=True,
        per_target=True,
    ),
    Rule(
        "Administrative areas over the API: public geography, for every logged-in caller.",
        r"api:admin-area-detail",
        API_READ,
    ),
    Rule(
        "API claim writes: claim writers; the role is checked before the If-Match (428).",
        r"api:claim-(stage|possession|groups|parcels|remove-group|remove-parcel)",
        everyone("405", anonymous="401"),
        post=roles("428", "403", CLAIM_WRITERS, anonymous="401"),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "API case writes: legal staff and admins.",
        r"api:case-(hearings|adjourn|reschedule|held|orders|events|judgment|parties|vacate"
        r"|extend|modify|compliance|notes|tasks|task-done)",
        everyone("405", anonymous="401"),
        post=roles("428", "403", CASE_WRITERS, anonymous="401"),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "Your own API keys: everyone lists theirs; an empty creation is refused.",
        r"api:token-list",
        API_READ,
        post=everyone("400", anonymous="401"),
    ),
    Rule(
        "One API key: only its owner (the organiser here).",
        r"api:token-detail",
        {**dict.fromkeys(OWN, "404"), "organiser": "200", "anonymous": "401"},
        outsider="404",
    ),
    Rule(
        "The OpenAPI schema and its browser describe the API and hold no records; "
        "drf-spectacular serves them to anyone (SERVE_PERMISSIONS left at AllowAny).",
        r"api:schema|api:docs",
        everyone("200", anonymous="200"),
    ),
    Rule(
        "Anything else under /api/v1/ is a JSON 404 for everyone.",
        r"api/\^v1/",
        everyone("404", anonymous="404"),
    ),
    # --- OGC API - Features: 401 without a session or key, scoped like the API.
    Rule(
        "OGC landing, conformance, definition, collections and item lists (items filtered "
        "per user: test_cross_scope).",
        r"ogc:(landing|conformance|openapi|collections|collection|items)",
        everyone("200", anonymous="401"),
    ),
    Rule(
        "One OGC feature (a parcel): whoever may see it; 404 otherwise.",
        r"ogc:item",
        everyone("200", anonymous="401"),
        scoped=True,
        per_target=True,
    ),
    # --- accounts and language.
    Rule(
        "The login page is for everyone; an empty form comes back with its errors.",
        r"login",
        everyone("200", anonymous="200"),
        post=everyone("200", anonymous="200"),
    ),
    Rule(
        "Logging out is a POST (a GET could be forced by an image tag); it ends on the login page.",
        r"logout",
        everyone("405", anonymous="405"),
        post=everyone("login", anonymous="login"),
    ),
    Rule(
        "Setting up an authenticator: every logged-in user, for themselves (two-factor "
        "sign-in is optional for monitors and viewers); a wrong or empty first code is refused.",
        r"accounts:enrol",
        READ,
        post=everyone("400"),
    ),
    Rule(
        "The second sign-in step: for people with an authenticator (every role that sees "
        "people); monitors and viewers without one are sent to set one up.",
        r"accounts:verify",
        roles("200", "302", {"admin", "legal", "organiser"}),
        post=roles("400", "302", {"admin", "legal", "organiser"}),
    ),
    Rule(
        "One's own backup codes: how many are left; a verified session may make new ones.",
        r"accounts:backup_codes",
        READ,
        post=everyone("200"),
    ),
    Rule(
        "Changing one's own password: every logged-in user; an empty form comes back.",
        r"accounts:password_change",
        READ,
        post=everyone("200"),
    ),
    Rule(
        "Choosing the language: anyone; it sets a cookie and goes back.",
        r"set_language",
        everyone("302", anonymous="302"),
        post=everyone("302", anonymous="302"),
    ),
    Rule(
        "The header's language switch: anyone; a logged-in user's choice is also saved.",
        r"choose_language",
        everyone("302", anonymous="302"),
        post=everyone("302", anonymous="302"),
    ),
    Rule(
        "The web app manifest: anyone (the login page links it too).",
        r"manifest",
        everyone("200", anonymous="200"),
    ),
    Rule(
        "The favicon: anyone; a permanent redirect to the static icon.",
        r"favicon",
        everyone("301", anonymous="301"),
    ),
    Rule(
        "One's own preferences (language, area unit, Bangla dates): every logged-in user; "
        "an empty form comes back with its errors.",
        r"preferences",
        everyone("200"),
        post=everyone("200"),
    ),
    Rule(
        "The Bangla calendar date of a typed date, for the date picker: every logged-in "
        "user; it reads no record.",
        r"bangla_date",
        everyone("200"),
    ),
    # --- the Django admin: staff only; only the superuser is staff here.
    Rule(
        "The admin login page: shown to everyone (it tells a logged-in non-staff user they "
        "may not enter); the superuser goes straight in.",
        r"admin:login",
        {**everyone("200", anonymous="200"), "superuser": "302"},
    ),
    Rule(
        "Admin logout is a POST; the admin sends a non-staff visitor to its index (and from "
        "there to its login).",
        r"admin:logout",
        {**everyone("302", anonymous="302"), "superuser": "405"},
    ),
    Rule(
        "Admin pages: staff only (the superuser); every other persona is sent to the admin login.",
        r"admin:(index|password_change|password_change_done|jsi18n|app_list"
        rf"|\w+_changelist|(?!({NO_ADD})_add)\w+_add)",
        ADMIN_ONLY,
    ),
    Rule(
        "Records that only the application makes (exports, imports, keys, reminders, "
        "calendar links, task results): the admin may look, not add or delete; API keys "
        "and hearings are not added there either (keys by their owner, hearings on the case "
        "page). No landclaims record is deleted in the admin: no service deletes.",
        rf"admin:({NO_ADD})_add|admin:({NO_DELETE})_delete",
        {**ADMIN_ONLY, "superuser": "403"},
    ),
    Rule(
        "Admin autocomplete without its parameters.",
        r"admin:autocomplete",
        {**ADMIN_ONLY, "superuser": "403"},
    ),
    Rule(
        "Admin pages of one row: staff only.",
        rf"admin:(?!password_change$)(?!({NO_DELETE})_delete)"
        r"(\w+_(change|history|delete)|auth_user_password_change)",
        ADMIN_ONLY,
        admin_object=True,
    ),
    Rule(
        "An authenticator's secret as a setup link or QR code in the admin: never shown "
        "(OTP_ADMIN_HIDE_SENSITIVE_DATA), so an admin cannot copy someone's authenticator.",
        r"admin:otp_totp_totpdevice_(config|qrcode)",
        {**ADMIN_ONLY, "superuser": "403"},
    ),
    Rule(
        "The admin's 'view on site' shortcut: staff only.",
        r"admin:view_on_site",
        {**ADMIN_ONLY, "superuser": "404"},
    ),
    Rule(
        "Old admin row links redirect to the change page: staff only.",
        r"admin/[\w/]+/<path:object_id>/",
        {**ADMIN_ONLY, "superuser": "302"},
    ),
    Rule(
        "Unknown admin paths: staff get 404; others the admin login.",
        r"admin/\(\?P<url>\.\*\)\$",
        {**ADMIN_ONLY, "superuser": "404"},
    ),
    # --- allocations (issue 19).
    Rule(
        "The allocations list: every role, each sees only its own scope.",
        r"allocations:list",
        READ,
    ),
    Rule(
        "One allocation's page: whoever may see it; 404 otherwise.",
        r"allocations:detail",
        READ,
        scoped=True,
        per_target=True,
    ),
    Rule(
        "Recording an allocation: claim writers; without a claim the page asks for its "
        "number (a POST without one shows that question again).",
        r"allocations:new",
        roles("200", "403", CLAIM_WRITERS),
        post=roles("200", "403", CLAIM_WRITERS),
    ),
    Rule(
        "Correcting an allocation and changing who holds its land: claim writers, on the "
        "allocations they may see; an empty form comes back with its errors (400).",
        r"allocations:(edit|holder)",
        roles("200", "403", CLAIM_WRITERS),
        post=roles("400", "403", CLAIM_WRITERS),
        scoped=True,
        per_target=True,
    ),
    # --- issue 19, parcels: recorded and corrected by claim writers.
    Rule(
        "Recording a parcel: organisers, legal staff and admins; an empty form comes back "
        "with its errors (400). The superuser belongs to no organisation to record it for.",
        r"parcels:new",
        {**roles("200", "403", CLAIM_WRITERS), "superuser": "403"},
        post={**roles("400", "403", CLAIM_WRITERS), "superuser": "403"},
    ),
    Rule(
        "Correcting a parcel (its boundary, area and reference): claim writers, on the "
        "parcels they may see; an empty form comes back with its errors (400).",
        r"parcels:edit",
        roles("200", "403", CLAIM_WRITERS),
        post=roles("400", "403", CLAIM_WRITERS),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "The allocation list: read by every role; claim writers record allocations by "
        "POSTing to it (an empty body is refused naming the fields, 400); others get 403.",
        r"api:allocation-list",
        API_READ,
        post=roles("400", "403", CLAIM_WRITERS, anonymous="401"),
    ),
    Rule(
        "Who holds an allocation's land, over the API: claim writers; the role is checked "
        "before the If-Match (428).",
        r"api:allocation-holder",
        everyone("405", anonymous="401"),
        post=roles("428", "403", CLAIM_WRITERS, anonymous="401"),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "Neighbouring boundaries to snap to: every role, its own scope, geometry only; "
        "without a bbox the request is refused (400).",
        r"parcels:near",
        everyone("400"),
    ),
    Rule(
        "The parcel list over the API: read by every role; claim writers record parcels by "
        "POSTing to it (an empty body is refused naming the fields, 400); others get 403.",
        r"api:parcel-list",
        API_READ,
        post=roles("400", "403", CLAIM_WRITERS, anonymous="401"),
    ),
    # --- savings (issue 21).
    Rule(
        "A group's savings page: whoever may see the group; 404 otherwise.",
        r"savings:group",
        READ,
        scoped=True,
        per_target=True,
    ),
    Rule(
        "Recording a meeting, correcting an entry, editing a meeting: organisers, legal "
        "staff and admins, on the groups they may see; monitors and viewers 403; an empty "
        "form comes back with its errors (400).",
        r"savings:(new|correct|meeting_edit)",
        roles("200", "403", CLAIM_WRITERS),
        post=roles("400", "403", CLAIM_WRITERS),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "Savings meetings and entries over the API: read by every role; organisers, legal "
        "staff and admins record them by POSTing (an empty body is refused, 400).",
        r"api:savings-(meeting|entry)-list",
        API_READ,
        post=roles("400", "403", CLAIM_WRITERS, anonymous="401"),
    ),
    Rule(
        "One savings meeting or entry over the API: whoever may see it; 404 otherwise. "
        "Nothing is POSTed to it (405; 403 for roles that do not write).",
        r"api:savings-(meeting|entry)-detail",
        API_READ,
        post=roles("405", "403", CLAIM_WRITERS, anonymous="401"),
        scoped=True,
        per_target=True,
    ),
    # --- the groups' actions and safety-net checks (issue 21).
    Rule(
        "The actions list and the safety-net checks by union and programme: every role, "
        "each sees only its own scope.",
        r"actions:list|actions:safety_nets",
        READ,
    ),
    Rule(
        "One action's or check's page: whoever may see it; 404 otherwise.",
        r"actions:detail|actions:safety_net_detail",
        READ,
        scoped=True,
        per_target=True,
    ),
    Rule(
        "Recording an action or a check: organisers, legal staff and admins; an empty form "
        "comes back with its errors (400). The superuser belongs to no organisation.",
        r"actions:new|actions:safety_net_new",
        {**roles("200", "403", CLAIM_WRITERS), "superuser": "403"},
        post={**roles("400", "403", CLAIM_WRITERS), "superuser": "403"},
    ),
    Rule(
        "Correcting an action or a check: organisers, legal staff and admins, on the records "
        "they may see; an empty form comes back with its errors (400).",
        r"actions:edit|actions:safety_net_edit",
        roles("200", "403", CLAIM_WRITERS),
        post=roles("400", "403", CLAIM_WRITERS),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "The actions and checks over the API: read by every role; organisers, legal staff "
        "and admins record them by POSTing (an empty body is refused naming the fields, 400).",
        r"api:action-list|api:safety-net-check-list",
        API_READ,
        post=roles("400", "403", CLAIM_WRITERS, anonymous="401"),
    ),
    Rule(
        "One action or check over the API: whoever may see it; 404 otherwise.",
        r"api:action-detail|api:safety-net-check-detail",
        API_READ,
        scoped=True,
        per_target=True,
    ),
    # --- people's cooperatives (issue 21).
    Rule(
        "The cooperatives list: every role, each sees only its own scope.",
        r"cooperatives:list",
        READ,
    ),
    Rule(
        "One cooperative's page: whoever may see it; 404 otherwise.",
        r"cooperatives:detail",
        READ,
        scoped=True,
        per_target=True,
    ),
    Rule(
        "Registering a cooperative: organisers, legal staff and admins; an empty form comes "
        "back with its errors (400). The superuser belongs to no organisation.",
        r"cooperatives:new",
        {**roles("200", "403", CLAIM_WRITERS), "superuser": "403"},
        post={**roles("400", "403", CLAIM_WRITERS), "superuser": "403"},
    ),
    Rule(
        "Correcting a cooperative, adding a group, land or a harvest: organisers, legal staff "
        "and admins, on the cooperatives they may see; an empty form comes back with its "
        "errors (400).",
        r"cooperatives:(edit|group_add|land_add|production_new)",
        roles("200", "403", CLAIM_WRITERS),
        post=roles("400", "403", CLAIM_WRITERS),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "A group leaving a cooperative is a POST (405 otherwise) by organisers, legal staff "
        "and admins, back to the cooperative's page.",
        r"cooperatives:group_remove",
        roles("405", "403", CLAIM_WRITERS),
        post=roles("302", "403", CLAIM_WRITERS),
        scoped=True,
        per_target=True,
    ),
    Rule(
        "Cooperatives, their land and harvests over the API: read by every role; organisers, "
        "legal staff and admins record them by POSTing (an empty body is refused, 400).",
        r"api:cooperative(-land|-production)?-list",
        API_READ,
        post=roles("400", "403", CLAIM_WRITERS, anonymous="401"),
    ),
    Rule(
        "One cooperative, plot or harvest over the API: whoever may see it; 404 otherwise. "
        "Nothing is POSTed to it (405; 403 for roles that do not write).",
        r"api:cooperative(-land|-production)?-detail",
        API_READ,
        post=roles("405", "403", CLAIM_WRITERS, anonymous="401"),
        scoped=True,
        per_target=True,
    ),
)


def rule_for(key: str) -> Rule | None:
    """The one rule matching a URL name (or route, for unnamed patterns)."""
    found = [rule for rule in RULES if re.fullmatch(rule.pattern, key)]
    if len(found) > 1:
        raise AssertionError(f"{key} matches {len(found)} rules: {[r.why for r in found]}")
    return found[0] if found else None


def expected(rule: Rule, key: str, method: str, persona: str, target: str) -> str:
    """The answer for `persona` asking for `target`'s record ("a": A's in district A, "b":
    A's in district B, "other": organisation B's)."""
    answers = rule.get if method == "GET" else rule.post
    assert answers is not None
    if persona == "outsider" and rule.outsider is not None and answers["admin"] != "405":
        return rule.outsider
    # The outsider is organisation B's admin: what A's admin gets on A's records.
    code = answers["admin" if persona == "outsider" else persona]
    writers = (rule.post_refused or {}).get(key.removeprefix("api:"))
    if method == "POST" and writers is not None and persona in OWN[1:] and persona not in writers:
        code = "403"  # OWN[1:]: the superuser writes as an admin
    if not rule.scoped or persona in ("superuser", "anonymous"):
        return code
    owns = (persona == "outsider") == (target == "other")
    if persona == "legal" and target == "b":
        owns = False  # legal staff see district A only
    return code if owns or code not in REACHED else "404"


# Cells where the code does not do what the policy says yet: strict xfail, so the test
# turns red (XPASS) once fixed and the entry must go. Keyed by a regex on the cell id.
KNOWN_BUGS: dict[str, str] = {}
