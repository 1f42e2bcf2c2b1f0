"""URLs of this area."""

app_name = "triage"
urlpatterns: list = []
