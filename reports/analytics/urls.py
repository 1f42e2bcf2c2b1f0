"""URLs of the staff dashboard, under /personal/analys/."""
from django.urls import path

from reports.analytics import views

app_name = "analytics"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("csv/", views.dashboard_csv, name="dashboard_csv"),
    path("samtal/", views.call_data_import, name="call_data_import"),
]
