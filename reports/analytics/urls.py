"""URLs of this area."""

app_name = "analytics"
urlpatterns: list = []
