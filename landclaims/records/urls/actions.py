from django.urls import path

from landclaims.records.views import actions as views

app_name = "actions"
urlpatterns = [
    path("", views.action_list_view, name="list"),
    path("new/", views.action_new, name="new"),
    path("<int:pk>/", views.action_detail_view, name="detail"),
    path("<int:pk>/edit/", views.action_edit, name="edit"),
    path("safety-nets/", views.safety_net_list_view, name="safety_nets"),
    path("safety-nets/new/", views.safety_net_new, name="safety_net_new"),
    path("safety-nets/<int:pk>/", views.safety_net_detail_view, name="safety_net_detail"),
    path("safety-nets/<int:pk>/edit/", views.safety_net_edit, name="safety_net_edit"),
]
