"""URLs of this area."""

app_name = "booking"
urlpatterns: list = []
