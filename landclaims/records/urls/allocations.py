from django.urls import path

from landclaims.records.views import allocations as views

app_name = "allocations"
urlpatterns = [
    path("", views.allocation_list_view, name="list"),
    path("new/", views.allocation_new, name="new"),
    path("<int:pk>/", views.allocation_detail_view, name="detail"),
    path("<int:pk>/edit/", views.allocation_edit, name="edit"),
    path("<int:pk>/holder/", views.allocation_holder, name="holder"),
]
