from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from landclaims.api import (
    pages,
    views,
    work_actions,
    work_cooperatives,
    work_savings,
    work_training,
)

router = DefaultRouter()
# JSON only: no `.json` variants of every route (DRF's actions would also need a `format`
# argument for them).
router.include_format_suffixes = False
router.register("admin-areas", views.AdminAreaViewSet, basename="admin-area")
router.register("parcels", views.ParcelViewSet, basename="parcel")
router.register("groups", views.GroupViewSet, basename="group")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("claim-events", views.ClaimEventViewSet, basename="claim-event")
router.register("cases", views.CaseViewSet, basename="case")
router.register("hearings", views.HearingViewSet, basename="hearing")
router.register("interim-orders", views.InterimOrderViewSet, basename="interim-order")
router.register("case-events", views.CaseEventViewSet, basename="case-event")
router.register("allocations", views.AllocationViewSet, basename="allocation")
router.register("incidents", views.IncidentViewSet, basename="incident")
router.register("tokens", views.TokenViewSet, basename="token")
router.register("members", views.MemberViewSet, basename="member")
router.register("cooperatives", work_cooperatives.CooperativeViewSet, basename="cooperative")
router.register(
    "cooperative-land", work_cooperatives.CooperativeLandViewSet, basename="cooperative-land"
)
router.register(
    "cooperative-production",
    work_cooperatives.CooperativeProductionViewSet,
    basename="cooperative-production",
)
router.register("savings-meetings", work_savings.SavingsMeetingViewSet, basename="savings-meeting")
router.register("savings-entries", work_savings.SavingsEntryViewSet, basename="savings-entry")
router.register("trainings", work_training.TrainingViewSet, basename="training")
router.register("seats", work_training.SeatViewSet, basename="seat")
router.register("actions", work_actions.ActionViewSet, basename="action")
router.register(
    "safety-net-checks", work_actions.SafetyNetCheckViewSet, basename="safety-net-check"
)

app_name = "api"
urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("tokens/", pages.token_page, name="tokens"),
    # Anything else under /api/v1/ (an id that is not a number, a mistyped path) is a JSON 404
    # like the API's own, not the site's HTML page.
    re_path(r"^v1/", views.not_found),
]
