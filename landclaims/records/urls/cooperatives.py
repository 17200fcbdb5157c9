from django.urls import path

from landclaims.records.views import cooperatives as views

app_name = "cooperatives"
urlpatterns = [
    path("", views.cooperative_list_view, name="list"),
    path("new/", views.cooperative_new, name="new"),
    path("<int:pk>/", views.cooperative_detail_view, name="detail"),
    path("<int:pk>/edit/", views.cooperative_edit, name="edit"),
    path("<int:pk>/groups/add/", views.cooperative_group_add, name="group_add"),
    path(
        "<int:pk>/groups/<int:group_pk>/remove/",
        views.cooperative_group_remove,
        name="group_remove",
    ),
    path("<int:pk>/land/new/", views.cooperative_land_add, name="land_add"),
    path("<int:pk>/production/new/", views.production_new, name="production_new"),
]
