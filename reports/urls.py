from django.urls import path

from reports.resume import views as resume
from reports.status import views as status
from reports.views import catalogue, pages
from reports.wizard import views as wizard

app_name = "reports"

urlpatterns = [
    # The wizard's steps first: most requests are steps, and URLs are tried in order (issue 13).
    # They take another page's URL only where a reference or token below would be "steg", which
    # none ever is (references look like PE-7KQ2-M9XD-4HPA; tokens are signed or random).
    path("<slug:service>/steg/<str:step>/", wizard.report_wizard, name="wizard_step"),
    path("<slug:service>/steg/", wizard.report_wizard, name="wizard"),
    path("", catalogue.catalogue, name="catalogue"),
    path("tillganglighet/", pages.accessibility, name="accessibility"),
    path("personuppgifter/", pages.privacy, name="privacy"),
    path("kvitto/<str:reference>/", wizard.receipt, name="receipt"),
    path("arendestatus/", status.status_lookup, name="status_lookup"),
    path("arendestatus/lank/<str:token>/", status.status_link, name="status_link"),
    path("arendestatus/<str:reference>/", status.status_page, name="status"),
    path("fortsatt/<str:token>/", resume.draft_resume, name="draft_resume"),
    path("<slug:service>/spara/", resume.draft_save, name="draft_save"),
    path("<slug:service>/", catalogue.gate, name="gate"),
    path("<slug:service>/besked/", catalogue.outcome, name="outcome"),
]
