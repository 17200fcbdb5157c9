from django.urls import path

from landclaims.records.views import case_intake as intake
from landclaims.records.views import case_orders
from landclaims.records.views import cases as views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", intake.case_new, name="new"),
    path("lawyers/", intake.lawyer_list, name="lawyers"),
    path("lawyers/new/", intake.lawyer_new, name="lawyer_new"),
    path("lawyers/<int:pk>/edit/", intake.lawyer_edit, name="lawyer_edit"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/edit/", intake.case_edit, name="edit"),
    path("<int:pk>/parties/", intake.party_add, name="party_add"),
    path("<int:pk>/parties/<int:party_pk>/remove/", intake.party_remove, name="party_remove"),
    path("<int:pk>/appeal/", intake.case_appeal, name="appeal"),
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
    path("<int:pk>/orders/<int:order_pk>/vacate/", case_orders.order_vacate, name="order_vacate"),
    path("<int:pk>/orders/<int:order_pk>/extend/", case_orders.order_extend, name="order_extend"),
    path("<int:pk>/orders/<int:order_pk>/modify/", case_orders.order_modify, name="order_modify"),
    path(
        "<int:pk>/orders/<int:order_pk>/compliance/",
        case_orders.order_compliance,
        name="order_compliance",
    ),
    path("<int:pk>/notes/", case_orders.note_add, name="note_add"),
    path("<int:pk>/tasks/", case_orders.task_add, name="task_add"),
    path("<int:pk>/tasks/<int:task_pk>/done/", case_orders.task_done, name="task_done"),
]
