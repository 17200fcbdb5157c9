from django.urls import path

from landclaims.records.views import groups as views

app_name = "groups"
urlpatterns = [
    path("", views.group_list_view, name="list"),
    path("new/", views.group_new, name="new"),
    path("<int:pk>/", views.group_detail_view, name="detail"),
    path("<int:pk>/edit/", views.group_edit, name="edit"),
    path("<int:pk>/members/", views.group_members, name="members"),
    path("members/<int:pk>/", views.member_detail_view, name="member"),
    path("members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("members/<int:pk>/leave/", views.member_leave, name="member_leave"),
]
