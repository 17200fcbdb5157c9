from django.urls import path

from landclaims.records.views import cases as views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/hearings/", views.hearing_schedule, name="hearing_schedule"),
    path("<int:pk>/hearings/<int:hearing_pk>/held/", views.hearing_held, name="hearing_held"),
    path(
        "<int:pk>/hearings/<int:hearing_pk>/adjourn/",
        views.hearing_adjourn,
        name="hearing_adjourn",
    ),
    path("<int:pk>/hearings/<int:hearing_pk>/move/", views.hearing_move, name="hearing_move"),
    path("<int:pk>/orders/", views.order_record, name="order_record"),
    path("<int:pk>/judgment/", views.judgment_record, name="judgment_record"),
]
