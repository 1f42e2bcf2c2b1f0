"""URLs of staff triage (under /personal/arenden/). The case pages themselves live in the admin."""
from django.urls import path

from reports.triage import views

app_name = "triage"
urlpatterns = [
    path("bilagor/<int:pk>/", views.attachment_download, name="attachment"),
]
