"""URLs of e-identification (/e-legitimation/)."""

from django.urls import path

from reports.eid import views

app_name = "eid"
urlpatterns = [
    path("logga-in/", views.login, name="login"),
    path("retur/", views.callback, name="callback"),
    path("logga-ut/", views.logout, name="logout"),
    path("testlegitimation/", views.test_provider, name="test_provider"),
]
