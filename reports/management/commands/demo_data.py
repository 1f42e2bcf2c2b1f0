"""Demo data for the embedded default: a staff superuser whose credentials are printed.

Other areas add their own demo rows by listening to ``reports.signals.demo_data_requested``
(sent with the command's ``stdout``), so this command stays the single entry point of `make run`.
"""
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from reports.signals import demo_data_requested

DEMO_USERNAME = "demo-admin"
DEMO_PASSWORD = "demo-lösenord-2026"  # noqa: S105 - printed on purpose, DEBUG only


class Command(BaseCommand):
    help = "Create demo data for a laptop (refuses to run with DJANGO_DEBUG off)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_data creates a known password: it only runs with DJANGO_DEBUG=1.")
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username=DEMO_USERNAME, defaults={"is_staff": True, "is_superuser": True, "email": "demo@example.invalid"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        demo_data_requested.send(sender=self.__class__, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"Staff login at http://127.0.0.1:8000/personal/ as {DEMO_USERNAME} / {DEMO_PASSWORD}")
