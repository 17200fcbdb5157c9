from django.urls import path

from landclaims.agenda import views

app_name = "agenda"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("cause-list/", views.cause_list, name="cause_list"),
    path("hearings.ics", views.feed, name="feed"),
    path("feed/", views.feed_settings, name="feed_settings"),
]
