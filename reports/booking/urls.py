"""URLs of passport appointments (/pass/)."""

from django.urls import path

from reports.booking import views

app_name = "booking"
urlpatterns = [
    path("", views.start, name="start"),
    path("kontor/", views.offices, name="offices"),
    path("kontor/<int:office_id>/tider/", views.times, name="times"),
    path("kontor/<int:office_id>/bekrafta/", views.confirm, name="confirm"),
    path("hantera/", views.lookup, name="lookup"),
    path("bokning/<str:token>/", views.detail, name="detail"),
    path("bokning/<str:token>/kalender.ics", views.ical, name="ical"),
    path("bokning/<str:token>/avboka/", views.cancel, name="cancel"),
    path("bokning/<str:token>/flytta/", views.move, name="move"),
    path("bokning/<str:token>/flytta/bekrafta/", views.move_confirm, name="move_confirm"),
    path("personal/dagslista/<int:office_id>/", views.day_list, name="day_list"),
]
