"""Settings of the case portal.

Every value that may differ between machines is read from the environment here, and only here.
With no variables at all the portal runs in development mode on an embedded SQLite file under
``var/``; production sets ``DEBUG=false``, ``SECRET_KEY``, ``ALLOWED_HOSTS`` and usually
``DATABASE_URL=postgres://...``.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def _development_secret_key() -> str:
    # A development key is generated once per checkout and kept out of the repository.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


DEBUG = envbool("DEBUG", default=True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = _development_secret_key()

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if "*" in ALLOWED_HOSTS and not DEBUG:
    raise ImproperlyConfigured("ALLOWED_HOSTS=* is not allowed in production: name the hosts")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # the form templates every form renders through (templates/django/forms/ overrides them)
    "django.forms",
    "csp",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "pilots",
    "search",
    "library",
    "rest_framework.authtoken",
    "simple_history",
    "axes",
    # who may do what: roles, memberships, the rights registry, login and account screens (issue 22)
    "accounts",
    # annual reform records (issue 5): the submission and review workflow
    "reports",
    # special issues compiled by the editors (issue 13)
    "editions",
    "dashboards",
    # the text importer (issue 22: its own app, under curation)
    "importing",
    "curation",
    # long work on a queue: django-tasks (Django's tasks framework), its database backend, our jobs
    "django_tasks",
    "django_tasks_db",
    "jobs",
    # the project itself: portal_backup, portal_restore (issue 11)
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response (django-csp; Django 5.2 has none of its own).
    "csp.middleware.CSPMiddleware",
    # Under make run (DEBUG) a 404 is the portal's own page, not Django's technical one.
    "portal.middleware.PortalNotFoundMiddleware",
    # Bodies larger than any the portal accepts are refused unread, with 413 (portal/middleware.py).
    "portal.middleware.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # In production, static files (collected with hashed names) are served by the portal itself,
    # with far-future caching; in development runserver serves them from the app directories.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins of one username from one
# address, that pair is locked out for AXES_COOLOFF_TIME hours; a success resets the count.
AUTHENTICATION_BACKENDS = [
    "accounts.auth_backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("LOGIN_COOLOFF_HOURS", "0.25"))
# Two counts: one username from one address (LOGIN_FAILURE_LIMIT), and one address over any
# usernames (LOGIN_ADDRESS_FAILURE_LIMIT): guesses spread over many usernames lock the address.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "accounts.auth_backends.AddressAwareAxesHandler"
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# The client address of throttles and lockouts (pilots/client_address.py): 0 = the connection's
# address; N = the N-th X-Forwarded-For entry from the right, for N proxies in front (make serve
# behind one TLS proxy: TRUSTED_PROXIES=1).
try:
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0") or 0)
except ValueError:
    raise ImproperlyConfigured("TRUSTED_PROXIES must be a whole number of proxies, 0 or more") from None
if TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured("TRUSTED_PROXIES must be a whole number of proxies, 0 or more")
AXES_CLIENT_IP_CALLABLE = "pilots.client_address.client_address"
# The job queue (jobs/services.py): django-tasks, the backport of Django 6's django.tasks. JOBS_BACKEND
# "database": jobs wait in the database and `manage.py run_jobs` runs them (production, CI);
# "thread": a job runs in a thread of the server process (`make run`: the request that asks answers at
# once, and nothing else needs running; jobs/backends.py); "immediate": a job runs inside the request
# that asks for it (the default in development and in tests: deterministic, done when the call returns).
JOBS_BACKEND = os.environ.get("JOBS_BACKEND", "immediate" if DEBUG else "database")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "thread": "jobs.backends.ThreadBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if JOBS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"JOBS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not {JOBS_BACKEND!r}")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[JOBS_BACKEND]}}
# Where jobs write their files (exports, backups), each renamed into place once complete.
JOBS_DIR = Path(os.environ.get("JOBS_DIR", VAR_DIR / "jobs"))
# A running job beats every JOBS_HEARTBEAT_SECONDS; one silent for JOBS_STALE_SECONDS lost its worker
# and is queued again, up to JOBS_MAX_ATTEMPTS runs in all. Workers check every JOBS_MAINTAIN_SECONDS.
JOBS_HEARTBEAT_SECONDS = float(os.environ.get("JOBS_HEARTBEAT_SECONDS", "5"))
JOBS_STALE_SECONDS = float(os.environ.get("JOBS_STALE_SECONDS", "60"))
JOBS_MAX_ATTEMPTS = int(os.environ.get("JOBS_MAX_ATTEMPTS", "3"))
JOBS_MAINTAIN_SECONDS = float(os.environ.get("JOBS_MAINTAIN_SECONDS", "10"))
# Daily jobs, at a local time ("HH:MM"; empty: not scheduled), queued by the workers.
JOBS_SCHEDULE = [
    {"kind": kind, "task": task, "at": at}
    for kind, task, at in [
        ("reminders", "reports.tasks.send_reminders", os.environ.get("REMINDERS_AT", "08:00")),
        ("backup", "portal.tasks.backup", os.environ.get("BACKUP_AT", "02:30")),
    ]
    if at
]

# Jobs a superuser may ask for in the admin (后台任务): kind -> (task, label).
JOBS_ON_DEMAND = {
    "search_rebuild": ("search.tasks.rebuild_search_index", _("重建检索索引")),
    "backup": ("portal.tasks.backup", _("备份数据库与附件")),
}

# Mail (reporting reminders): printed on the console unless a backend is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() in ("1", "true", "yes")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")
# The portal's address in e-mails (reminders link to it).
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:after-login"  # editors land on /editions/, others on their records
LOGOUT_REDIRECT_URL = "accounts:login"

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # the menu from the pages each app declared (accounts.permissions.declare_page)
                "accounts.context_processors.navigation",
                "portal.context_processors.site",
            ],
            # Proper names in every template without a {% load %}: |zh marks a unit's or a place's
            # name as Chinese on an English page (pilots/templatetags/proper_names.py).
            "builtins": ["pilots.templatetags.proper_names"],
        },
    },
]

# Every form renders through the project's templates (templates/django/forms/: a .field block with
# label, control, hint and errors), so the design system of static/css/portal.css reaches each form.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# The footer of every page: who runs the portal, how to reach them, and the ICP filing number
# (备案号) that a site served in China shows; set them for a deployment.
PORTAL_ORGANISER = os.environ.get("PORTAL_ORGANISER", "浙江省总工会")
PORTAL_CONTACT = os.environ.get("PORTAL_CONTACT", "浙江省总工会基层工作部")
PORTAL_CONTACT_EMAIL = os.environ.get("PORTAL_CONTACT_EMAIL", "")
# The demo's note stands in for a number and is translated; a real number is shown as it is written.
PORTAL_ICP = os.environ.get("PORTAL_ICP", _("（演示站点，未备案）") if DEBUG else "")

WSGI_APPLICATION = "portal.wsgi.application"

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "portal.sqlite3",
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache for every process: throttle counts, remembered search pages and facet counts, dashboard
# answers. CACHE_URL=redis://host:port/db puts it on Redis (Django's RedisCache, redis-py), shared by
# every gunicorn worker and every app server; without it each process keeps its own in memory (the
# embedded default: `make run` needs nothing else). Login lockouts (django-axes) and sessions live in
# the database and are shared either way.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"CACHE_URL must be a redis://, rediss:// or unix:// address, not {CACHE_URL!r}")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            # Several portals (or a test run) may share one Redis: their keys stay apart.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
            "TIMEOUT": 600,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
# In production, `collectstatic` writes hashed, compressed copies that WhiteNoise serves with
# far-future caching; development and tests serve the files as they are.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploaded attachments of annual records; never served by the web server directly (downloads are
# checked against the reader's scope), kept out of git under var/.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"
RECORD_ATTACHMENT_MAX_BYTES = int(os.environ.get("RECORD_ATTACHMENT_MAX_MB", "10")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# A text uploaded on the import list (imported by a job): at most this many bytes.
IMPORT_UPLOAD_MAX_BYTES = int(os.environ.get("IMPORT_UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))

# Editions' built exports (PDF/DOCX/HTML of frozen versions) are stored under MEDIA_ROOT/editions/
# and served by the portal after its permission check. Anonymous downloads per client address:
EDITION_ANONYMOUS_DOWNLOADS = os.environ.get("EDITION_ANONYMOUS_DOWNLOADS", "30/minute")

# Where the source documents live; articles loaded from fixtures take their full text from here.
SEEDS_DIR = Path(os.environ.get("SEEDS_DIR", BASE_DIR.parent / "shared" / "seeds"))

REST_FRAMEWORK = {
    # One handler gives the apps' own exceptions their answers (400, 409): portal/api_errors.py.
    "EXCEPTION_HANDLER": "portal.api_errors.handle",
    # Chinese written as is in every JSON answer, not as \uXXXX escapes (DRF's default, stated).
    "UNICODE_JSON": True,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["portal.renderers.PortalBrowsableAPIRenderer"] if DEBUG else []),
    # A JSON parser with a depth limit and no lone surrogates (portal/parsers.py); forms as usual.
    "DEFAULT_PARSER_CLASSES": [
        "portal.parsers.PortalJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # Sessions for the browser, tokens for scripts; no HTTP Basic (a password on every request,
    # guessable outside the login page's lockout).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "accounts.throttling.ThrottledTokenAuthentication",
    ],
    # Per address (anonymous), per account (authenticated), and invalid tokens per address;
    # see accounts/throttling.py. Rates as "N/second|minute|hour|day"; empty turns one off.
    "DEFAULT_THROTTLE_CLASSES": ["accounts.throttling.AddressRateThrottle", "accounts.throttling.AccountRateThrottle"],
    # DRF's own reading of the client address agrees with pilots.client_address (TRUSTED_PROXIES)
    # for any throttle that does not override get_ident.
    "NUM_PROXIES": TRUSTED_PROXIES,
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_RATE_ANONYMOUS", "300/minute") or None,
        "user": os.environ.get("API_RATE_ACCOUNT", "600/minute") or None,
        "token_failure": os.environ.get("API_RATE_TOKEN_FAILURES", "20/hour") or None,
    },
    # A new endpoint is closed until it says otherwise: the public read endpoints declare AllowAny
    # themselves, and tests/test_endpoint_permissions.py lists every endpoint with its permissions.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "library.api.pagination.PortalPagination",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_SCHEMA_CLASS": "portal.schema.PortalAutoSchema",
    # The browsable API names its pages in Chinese ("试点单位列表", not "Unit List").
    "VIEW_NAME_FUNCTION": "portal.api_names.view_name",
    "VIEW_DESCRIPTION_FUNCTION": "portal.api_names.view_description",
}

# OpenAPI 3 at /api/schema/, Swagger UI at /api/docs/ with its assets served by the portal itself.
SPECTACULAR_SETTINGS = {
    "TITLE": "浙江省基层工会改革试点案例库 API",
    "DESCRIPTION": (
        "试点单位、文章、做法与指标的只读接口，以及案例检索（/api/cases/）与导出。"
        "中文说明（取得令牌、调用示例、返回格式）见 [API 使用说明](/api/guide/)；[返回门户首页](/)。"
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portal.api_names.chinese_tags",
        "portal.schema.export_list_hook",
    ],
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "pilots.models.UnitKind.choices",
        "PositionKindEnum": "pilots.models.PositionKind.choices",
        "RecordStatusEnum": "reports.models.RecordStatus.choices",
        "MeasureStatusEnum": "reports.models.MeasureStatus.choices",
    },
}

# A strict Content-Security-Policy: scripts, styles, fonts and images only from the portal itself,
# no inline script or style attribute (pages pass data with json_script to static JS), no frames.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

if not DEBUG:
    # HTTPS, read from the environment (see the README's configuration table): behind a proxy that
    # terminates TLS, it sets X-Forwarded-Proto; without TLS at all (a closed intranet test), set
    # SECURE_SSL_REDIRECT=false, SECURE_COOKIES=false and SECURE_HSTS_SECONDS=0.
    SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
