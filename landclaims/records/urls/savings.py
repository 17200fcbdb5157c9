"""A group's savings, under its page: /groups/<id>/savings/…"""

from django.urls import path

from landclaims.records.views import savings as views

app_name = "savings"
urlpatterns = [
    path("<int:pk>/savings/", views.savings_page, name="group"),
    path("<int:pk>/savings/new/", views.savings_meeting_new, name="new"),
    path(
        "<int:pk>/savings/entries/<int:entry_pk>/correct/",
        views.savings_entry_correct,
        name="correct",
    ),
    path(
        "<int:pk>/savings/meetings/<int:meeting_pk>/edit/",
        views.savings_meeting_edit,
        name="meeting_edit",
    ),
]
