from csp.decorators import csp_update
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from dashboards import urls as dashboard_urls
from portal import views as portal_views

admin.site.site_header = _("浙江省基层工会改革试点案例库")
admin.site.site_title = _("试点案例库管理")
admin.site.index_title = _("数据管理")


def favicon(request):
    # Resolved per request: in production the hashed name comes from collectstatic's manifest.
    return redirect(static("favicon.svg"), permanent=True)


urlpatterns = [
    path("", include("library.urls")),
    path("admin/", admin.site.urls),
    path("api/dashboards/", include(dashboard_urls.api_urlpatterns)),
    path("api/", include("reports.api.urls")),
    path("api/guide/", portal_views.api_guide, name="api-guide"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script (CSP). Swagger
    # UI sets inline styles from its script; that page alone allows them (scripts stay 'self').
    path(
        "api/docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    path("api/", include("library.api.urls")),
    path("", include("accounts.urls")),
    path("", include("reports.urls")),
    path("editions/", include("editions.urls")),
    path("", include("dashboards.urls")),
    path("", include("curation.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The words the front end's scripts build (locale/en/LC_MESSAGES/djangojs.po), as a script served by
    # the portal: gettext() for static/dashboards/dashboards.js.
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    # Browsers ask for /favicon.ico whatever the page says: the portal's own icon.
    path("favicon.ico", favicon),
]

handler400 = "portal.errors.bad_request"
handler403 = "portal.errors.permission_denied"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
