from django.urls import path

from reports.views import catalogue, pages, wizard

app_name = "reports"

urlpatterns = [
    path("", catalogue.catalogue, name="catalogue"),
    path("tillganglighet/", pages.accessibility, name="accessibility"),
    path("personuppgifter/", pages.privacy, name="privacy"),
    path("kvitto/<str:reference>/", wizard.receipt, name="receipt"),
    path("<slug:service>/", catalogue.gate, name="gate"),
    path("<slug:service>/besked/", catalogue.outcome, name="outcome"),
    path("<slug:service>/steg/<str:step>/", wizard.report_wizard, name="wizard_step"),
    path("<slug:service>/steg/", wizard.report_wizard, name="wizard"),
]
