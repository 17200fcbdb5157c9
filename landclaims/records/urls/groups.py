from django.urls import path

from landclaims.records.views import groups as views

app_name = "groups"
urlpatterns = [
    path("", views.group_list_view, name="list"),
    path("<int:pk>/", views.group_detail_view, name="detail"),
    path("members/<int:pk>/", views.member_detail_view, name="member"),
]
