"""The citizens' side of analytics: the receipt page's survey answer, under /enkat/."""
from django.urls import path

from reports.analytics import views

app_name = "analytics_public"
urlpatterns = [
    path("bokning/<str:token>/", views.booking_answer, name="booking_answer"),
    path("vagledning/<slug:service>/", views.gate_answer, name="gate_answer"),
    path("<str:reference>/", views.counterfactual_answer, name="counterfactual_answer"),
]
