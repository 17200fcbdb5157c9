from django.urls import path

from landclaims.records.views import representation as views

app_name = "representation"
urlpatterns = [
    path("", views.seat_list_view, name="list"),
    path("new/", views.seat_new, name="new"),
    path("<int:pk>/edit/", views.seat_edit, name="edit"),
]
