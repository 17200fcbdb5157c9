from django.urls import path

from landclaims.records.views import claims as views

app_name = "claims"
urlpatterns = [
    path("", views.claim_list_view, name="list"),
    path("<int:pk>/", views.claim_detail_view, name="detail"),
    path("<int:pk>/stage/", views.claim_change_stage_view, name="change_stage"),
    path("<int:pk>/possession/", views.claim_change_possession_view, name="change_possession"),
]
