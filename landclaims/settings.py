"""Settings for landclaims, all read from environment variables (see .env.example)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

# --- Paths and environment ----------------------------------------------------------------

BASE_DIR = Path(__file__).resolve().parent.parent

# GDAL picks drivers by content, not extension: a VRT disguised as .shp can read any
# local file or fetch URLs. These must be set before GDAL is first loaded.
os.environ.setdefault("GDAL_SKIP", "OGR_VRT VRT GTI WFS OAPIF WMS WMTS HTTP")
os.environ.setdefault("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", ".none")


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from exc


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_days_by_stage(name: str, default: str) -> dict[str, int]:
    """ "stage=days,stage=days" pairs, e.g. "case_record_sent=90,field_inquiry=45"."""
    pairs = [item.split("=", 1) for item in env_list(name, default)]
    try:
        return {stage.strip(): int(days) for stage, days in pairs}
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must look like stage=days,stage=days") from exc


# --- Deployment switches, secret key and hosts --------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG", False)
# DJANGO_PRODUCTION=1 is the one switch a deployment sets: it turns on everything that needs
# HTTPS (see the security block below) and refuses to start with the development key.
PRODUCTION = env_bool("DJANGO_PRODUCTION", False)
# Good only for a laptop: refused in production.
DEVELOPMENT_SECRET_KEY = "django-insecure-landclaims-development-key-only"  # noqa: S105
SECRET_KEY = env_str("DJANGO_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if PRODUCTION and (SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "DJANGO_PRODUCTION=1 needs DJANGO_SECRET_KEY: 50 or more random characters "
        '(python -c "import secrets; print(secrets.token_urlsafe(50))")'
    )
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured(
        "DJANGO_DEBUG=1 shows settings and data on error pages: never in production"
    )
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
# Fernet keys for members' personal data, newest first (landclaims/privacy/crypto.py).
# Empty: the public development key, which `check --deploy` reports (privacy.W001).
FIELD_ENCRYPTION_KEYS = env_list("LANDCLAIMS_FIELD_KEYS", "")
if PRODUCTION and not FIELD_ENCRYPTION_KEYS:
    raise ImproperlyConfigured(
        "DJANGO_PRODUCTION=1 needs LANDCLAIMS_FIELD_KEYS: members' names, NID and phone "
        "numbers must not be encrypted with the public development key (README: Personal data)"
    )


# --- Applications, middleware and templates -----------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django.contrib.gis",
    "django.contrib.postgres",
    "django_tasks_db",
    "landclaims.core",
    "landclaims.places",
    "landclaims.parcels",
    "landclaims.groups",
    "landclaims.claims",
    "landclaims.cases",
    "landclaims.allocations",
    "landclaims.incidents",
    "landclaims.savings",
    "landclaims.cooperatives",
    "landclaims.training",
    "landclaims.representation",
    "landclaims.actions",
    "landclaims.documents",
    "landclaims.agenda",
    "landclaims.maps",
    "landclaims.exports",
    "landclaims.imports",
    "landclaims.odk",
    "landclaims.dossier",
    "landclaims.privacy",
    "rest_framework",
    "rest_framework_gis",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "landclaims.api",
    "landclaims.ogc",
    "pgtrigger",
    "pghistory",
    "landclaims.audit",
    "landclaims.dashboard",
    "landclaims.records",
    "landclaims.demo",
    "landclaims.ops",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "landclaims.accounts",
]

MIDDLEWARE = [
    # First: raw UTF-8 in a query string percent-encoded, so links built from it round-trip.
    "landclaims.core.middleware.QueryStringMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy header, with a fresh nonce per response (SECURE_CSP below).
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A logged-in user's saved language and area unit win over LocaleMiddleware's guess.
    "landclaims.core.middleware.UserPreferenceMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Attaches the user and URL to every audit event the request's writes cause.
    "pghistory.middleware.HistoryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Both need the user and the messages; the timeout runs first, so an expired session
    # is logged out before the two-factor gate looks at it.
    "landclaims.accounts.middleware.SessionTimeoutMiddleware",
    "landclaims.accounts.middleware.TwoFactorMiddleware",
    # Last, as django-axes asks: turns a lockout found during login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "landclaims.urls"
WSGI_APPLICATION = "landclaims.wsgi.application"

# Form widgets render through the project's templates (templates/django/forms/widgets/), so
# every field carries the design system's classes without a class per form.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "landclaims" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                # csp_nonce for the few <script>/<style> elements written in the page.
                "django.template.context_processors.csp",
            ],
        },
    },
]


# --- Background tasks and audit trail -----------------------------------------------------

# Background jobs (hearing reminders) on Django's tasks framework, queued in the database;
# `manage.py db_worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Audit events carry the moment of the change, not of the transaction's start, so the changes
# one request makes keep their order on the history pages.
PGHISTORY_CREATED_AT_FUNCTION = "clock_timestamp()"


# --- Database -----------------------------------------------------------------------------


def private_cluster() -> dict[str, object]:
    """The PostGIS cluster that `make demo` / `make test` start in .pgdata/."""
    return {
        "ENGINE": "django.contrib.gis.db.backends.postgis",
        "NAME": "landclaims",
        "USER": "landclaims",
        "HOST": str(BASE_DIR / ".pgdata" / "run"),
    }


DATABASE_URL = env_str("DATABASE_URL")
DATABASES = {
    "default": (
        dj_database_url.parse(
            DATABASE_URL, engine="django.contrib.gis.db.backends.postgis", conn_max_age=60
        )
        if DATABASE_URL
        else private_cluster()
    )
}
# PostgreSQL's JIT compiler spends most of a second compiling each map tile query that then
# runs in milliseconds; these are short queries, so it stays off.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# --- Passwords, sign-in and sessions (README "Accounts and sign-in") ----------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# django-axes counts failed logins first; a locked-out username never reaches the password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lockout: AXES_FAILURE_LIMIT wrong passwords for one username from one address pause that
# pair for AXES_COOLOFF_MINUTES. Counting the pair, not the username alone, means a stranger
# cannot lock legal staff out before a hearing by guessing at their username; counting the
# pair, not the address alone, means one office behind a shared address is not locked out
# by one person's typos. Never permanent: the cool-off always ends.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Guesses during a lockout do not extend it: the pause ends when the page says it will.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "landclaims.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "landclaims.accounts.ip.client_ip"
# An overlong username is cut to the 255 characters axes' table holds (accounts/attempts.py).
AXES_USERNAME_CALLABLE = "landclaims.accounts.attempts.attempt_username"
# How many reverse proxies in front of Django append to X-Forwarded-For. 0 (the default)
# trusts no header and uses the connection's address; behind one nginx, set 1.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Two-factor sign-in (django-otp): required for admins, organisers and legal staff.
OTP_TOTP_ISSUER = "landclaims"
# The admin may remove a person's authenticator, never read its secret (and so copy it).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Sessions: logged out after this long without a request, and this long after login.
SESSION_IDLE_TIMEOUT_MINUTES = env_int("SESSION_IDLE_TIMEOUT_MINUTES", 30)
SESSION_ABSOLUTE_TIMEOUT_HOURS = env_int("SESSION_ABSOLUTE_TIMEOUT_HOURS", 12)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT_HOURS * 3600


# --- Language and time --------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("bn", "বাংলা")]
LOCALE_PATHS = [BASE_DIR / "landclaims" / "locale"]
TIME_ZONE = "Asia/Dhaka"
USE_I18N = True
USE_TZ = True


# --- Static and media files ---------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))


# --- Documents (README "Documents") -------------------------------------------------------

# Uploaded documents live here, outside anything a URL serves: they are read only through
# /documents/<id>/download/, which checks who may read each one. Never under MEDIA_ROOT or
# STATIC_ROOT, nor a directory the web server serves.
DOCUMENT_ROOT = Path(env_str("DOCUMENT_ROOT", str(BASE_DIR / "private" / "documents")))
# The largest document accepted, in bytes (20 MB: a scanned order or a phone's photo).
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)
# The most one field phone POST may carry (a submission's XML and photos, README "Field
# phones"), told to phones as X-OpenRosa-Accept-Content-Length: ODK Collect splits a larger
# submission over several POSTs. Each file is still held to DOCUMENT_MAX_BYTES.
ODK_SUBMISSION_MAX_BYTES = env_int("ODK_SUBMISSION_MAX_BYTES", 50 * 1024 * 1024)
# A virus scanner: the dotted path of a callable(file) raising ValidationError to refuse
# the file; empty scans nothing. "landclaims.documents.scanning.clamd_scan" uses ClamAV's
# daemon through DOCUMENT_CLAMDSCAN, waiting at most DOCUMENT_SCAN_TIMEOUT seconds.
DOCUMENT_SCANNER = env_str("DOCUMENT_SCANNER", "")
DOCUMENT_CLAMDSCAN = env_str("DOCUMENT_CLAMDSCAN", "clamdscan")
DOCUMENT_SCAN_TIMEOUT = env_int("DOCUMENT_SCAN_TIMEOUT", 60)


# --- Maps ---------------------------------------------------------------------------------

# The map's background. The parcels and boundaries are drawn without it, so an office
# with no route to the tile server still sees its land; '' draws no basemap at all.
MAP_BASEMAP_URL = env_str("MAP_BASEMAP_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_BASEMAP_ATTRIBUTION = env_str("MAP_BASEMAP_ATTRIBUTION", "&copy; OpenStreetMap contributors")


def basemap_source(url: str) -> list[str]:
    """The CSP source the basemap's tiles come from: scheme, host and port of MAP_BASEMAP_URL
    ("{s}" subdomains become "*."); nothing when there is no basemap or it is our own."""
    if not url or url.startswith("/"):
        return []
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host.startswith("{s}."):
        host = "*." + host.removeprefix("{s}.")
    if parts.scheme not in ("https", "http") or not host or "{" in host or "}" in host:
        raise ImproperlyConfigured(
            f"MAP_BASEMAP_URL must be https://host/...{{z}}/{{x}}/{{y}}..., not {url!r}"
        )
    port = f":{parts.port}" if parts.port else ""
    return [f"{parts.scheme}://{host}{port}"]


# --- Security headers and cookies (README "Deploying") ------------------------------------

# Those that need nothing from the deployment are on in every environment (so tests and
# development see what production sends); those that need HTTPS come with
# DJANGO_PRODUCTION=1. README "Deploying" explains each.
#
# Content-Security-Policy, enforced everywhere: scripts only from our own static files or
# carrying the response's nonce (the folium map's generated code; Django's admin), never
# inline handlers, eval or another host. Styles likewise: the nonce covers the map's and the
# admin's <style> elements, and no page writes style="" attributes (Leaflet sets its styles
# through the DOM, which CSP does not govern), so style-src needs no 'unsafe-inline'.
# Images may also come from the basemap's tile host, and data:/blob: (Leaflet's icons and
# empty tiles).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", "blob:", *basemap_source(MAP_BASEMAP_URL)],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
# No Referer leaves the site: a claim's or case's URL must not reach the tile host.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Lax, not Strict: a link in a hearing reminder email must open the case logged in.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# The CSRF cookie stays readable by scripts (Django's default): the API docs page sends it
# back as a header; an attacker able to read it could read the page's form token anyway.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", PRODUCTION)
# Behind a proxy that terminates TLS, the header it sets (e.g. X-Forwarded-Proto) tells
# Django the request came over https. Only name it when the proxy always overwrites it:
# a client could otherwise send it.
if env_str("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + env_str("DJANGO_SECURE_PROXY_SSL_HEADER").upper().replace("-", "_"),
        "https",
    )
# A year of HSTS for the host and its subdomains. Preloading (browsers shipping the domain
# as https-only) is hard to undo and binds every subdomain: opt in with DJANGO_HSTS_PRELOAD.
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 3600) if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)


# --- Claims and parcels -------------------------------------------------------------------

# Days a claim may stay in a stage before it counts as stuck: the service standards of the
# citizen charters where they exist (21 days for the AC (Land) and the UNO, 60-90 for the
# DC), CLAIM_STAGE_STANDARD_DAYS for any stage not listed.
CLAIM_STAGE_STANDARD_DAYS = env_int("CLAIM_STAGE_STANDARD_DAYS", 90)
CLAIM_STAGE_STANDARDS = env_days_by_stage(
    "CLAIM_STAGE_STANDARDS",
    "application_filed=30,field_inquiry=45,landless_verification=30,upazila_recommended=21,"
    "case_record_sent=90,dc_approved=60,kabuliyat_executed=30,kabuliyat_registered=60,"
    "mutated=45,dcr_issued=30,possession_handed_over=60,returned_for_correction=30",
)
# A new parcel overlapping an existing one by more than this share of its area is flagged.
PARCEL_OVERLAP_WARNING_RATIO = 0.05


# --- Imports and exports ------------------------------------------------------------------

# GIS imports (/imports/, import_layer): the largest file accepted, and where uploads wait
# between preview and commit (private: never under MEDIA_ROOT).
IMPORT_MAX_UPLOAD_MB = env_int("IMPORT_MAX_UPLOAD_MB", 50)
IMPORT_DIR = Path(env_str("IMPORT_DIR", str(BASE_DIR / ".imports")))
# GIS exports (/exports/, export_layer): where files are kept (private, like IMPORT_DIR), and
# the row count above which the page hands an export to the worker (manage.py db_worker).
EXPORT_DIR = Path(env_str("EXPORT_DIR", str(BASE_DIR / ".exports")))
EXPORT_BACKGROUND_ROWS = env_int("EXPORT_BACKGROUND_ROWS", 20000)
# `manage.py prune_files` (run daily) deletes export files after EXPORT_KEEP_DAYS, fails
# exports a dead worker left unfinished after EXPORT_STALE_HOURS, and discards uploads left
# unconfirmed after IMPORT_PENDING_KEEP_HOURS.
EXPORT_KEEP_DAYS = env_int("EXPORT_KEEP_DAYS", 7)
EXPORT_STALE_HOURS = env_int("EXPORT_STALE_HOURS", 6)
IMPORT_PENDING_KEEP_HOURS = env_int("IMPORT_PENDING_KEEP_HOURS", 48)


# --- Demo data ----------------------------------------------------------------------------

DEMO_PASSWORD = env_str("DEMO_PASSWORD", "landclaims-demo")


# --- Email --------------------------------------------------------------------------------

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# Development prints mail; production sends it (reminders of hearings must not vanish).
EMAIL_BACKEND_PATH = env_str("EMAIL_BACKEND") or (
    SMTP_BACKEND if PRODUCTION else "django.core.mail.backends.console.EmailBackend"
)
MAILERS = {
    "default": {
        "BACKEND": EMAIL_BACKEND_PATH,
        "OPTIONS": (
            {
                "host": env_str("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 25),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
            }
            if EMAIL_BACKEND_PATH == SMTP_BACKEND
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "landclaims@localhost")


# --- GDAL and system checks ---------------------------------------------------------------

if env_str("GDAL_LIBRARY_PATH"):
    GDAL_LIBRARY_PATH = env_str("GDAL_LIBRARY_PATH")

# GDAL 3.6 (Debian 12) cannot block file and network access from spatial references;
# the GDAL_SKIP and CPL_VSIL_CURL_ALLOWED_EXTENSIONS settings above close that door
# instead, and imports take a CRS only as an EPSG code from gis.crs.ACCEPTED_SRIDS.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]
# HSTS preload is an opt-in (see the security block): `check --deploy` should not demand it.
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS.append("security.W021")


# --- REST API -----------------------------------------------------------------------------

# /api/v1/: tokens for scripts, the session (with CSRF) in the browser; every
# queryset comes from visible_to(user). Errors name the field and the reason (api/errors.py).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "landclaims.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # DRF's three, with a JSON body nested too deep answered as a 400 (api/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "landclaims.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "landclaims.api.pagination.PagePagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "landclaims.api.errors.exception_handler",
    # JSON only: /api/docs/ is the page for trying the API. DRF's browsable pages would build
    # forms listing every organisation and admin area.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
# The schema at /api/schema/, docs at /api/docs/ from drf-spectacular-sidecar's own files.
SPECTACULAR_SETTINGS = {
    "TITLE": "landclaims API",
    "DESCRIPTION": "Khas land parcels, landless groups, claims, court cases, allocations and "
    "incidents, scoped to what the caller may see. Send `Authorization: Token <key>`.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "StageEnum": "landclaims.claims.stages.Stage",
        "PossessionEnum": "landclaims.claims.stages.Possession",
        "ClaimEventKindEnum": "landclaims.claims.models.ClaimEvent.Kind",
        "CaseEventKindEnum": "landclaims.cases.models.CaseEvent.Kind",
        "InterimOrderKindEnum": "landclaims.cases.models.InterimOrder.Kind",
        "IncidentKindEnum": "landclaims.incidents.models.Incident.Kind",
        "PartyRoleEnum": "landclaims.cases.models.CaseParty.PartyRole",
        "MemberRoleEnum": "landclaims.groups.models.Member.Role",
        "GroupSexEnum": "landclaims.groups.models.LandlessGroup.Sex",
        "MemberSexEnum": "landclaims.groups.models.Member.Sex",
        "ActionKindEnum": "landclaims.actions.models.Action.Kind",
        "ActionOutcomeEnum": "landclaims.actions.models.Action.Outcome",
        "SavingsEntryKindEnum": "landclaims.savings.models.SavingsEntry.Kind",
        "NewSavingsEntryKindEnum": "landclaims.savings.services.NEW_ENTRY_KINDS",
        # The case outcome keeps its name beside the actions' (the schema's users know it).
        "OutcomeEnum": "landclaims.cases.models.LegalCase.Outcome",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "landclaims.api.schema.complete_schema",
    ],
}
