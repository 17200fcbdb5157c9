"""URL configuration: one include per app."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("", include("landclaims.core.urls")),
    path("", include("landclaims.dashboard.home_urls")),
    path("claims/", include("landclaims.records.urls.claims")),
    path("", include("landclaims.dossier.urls")),
    path("cases/", include("landclaims.records.urls.cases")),
    path("groups/", include("landclaims.records.urls.groups")),
    path("groups/", include("landclaims.records.urls.savings")),
    path("places/", include("landclaims.records.urls.places")),
    path("parcels/", include("landclaims.records.urls.parcels")),
    path("calendar/", include("landclaims.agenda.urls")),
    path("exports/", include("landclaims.exports.urls")),
    path("dashboard/", include("landclaims.dashboard.urls")),
    path("imports/", include("landclaims.imports.urls")),
    path("odk/", include("landclaims.odk.urls")),
    path("privacy/", include("landclaims.privacy.urls")),
    path("documents/", include("landclaims.records.urls.documents")),
    path("allocations/", include("landclaims.records.urls.allocations")),
    path("incidents/", include("landclaims.records.urls.incidents")),
    path("cooperatives/", include("landclaims.records.urls.cooperatives")),
    path("trainings/", include("landclaims.records.urls.training")),
    path("representatives/", include("landclaims.records.urls.representation")),
    path("actions/", include("landclaims.records.urls.actions")),
    path("", include("landclaims.maps.urls")),
    path("api/", include("landclaims.api.urls")),
    path("", include("landclaims.ogc.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", include("landclaims.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
# Nothing is served from MEDIA_URL, in development either: documents are downloaded only
# through documents:download, which checks who may read each one.
