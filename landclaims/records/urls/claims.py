from django.urls import path

from landclaims.records.views import claims as views

app_name = "claims"
urlpatterns = [
    path("", views.claim_list_view, name="list"),
    path("new/", views.claim_new, name="new"),
    path("<int:pk>/", views.claim_detail_view, name="detail"),
    path("<int:pk>/stage/", views.claim_change_stage_view, name="change_stage"),
    path("<int:pk>/possession/", views.claim_change_possession_view, name="change_possession"),
    path("<int:pk>/groups/add/", views.claim_add_group_view, name="add_group"),
    path("<int:pk>/groups/remove/", views.claim_remove_group_view, name="remove_group"),
    path("<int:pk>/parcels/add/", views.claim_add_parcel_view, name="add_parcel"),
    path("<int:pk>/parcels/remove/", views.claim_remove_parcel_view, name="remove_parcel"),
]
