"""URLs of staff triage (under /personal/arenden/). The case pages themselves live in the admin."""
from django.contrib import admin
from django.urls import path

from reports.triage import views

app_name = "triage"
urlpatterns = [
    path("bilagor/<int:pk>/", admin.site.admin_view(views.attachment_download), name="attachment"),
]
