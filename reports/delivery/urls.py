"""URLs of this area."""

app_name = "delivery"
urlpatterns: list = []
