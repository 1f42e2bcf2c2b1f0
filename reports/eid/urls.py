"""URLs of this area."""

app_name = "eid"
urlpatterns: list = []
