"""Demo data for the embedded default: a staff superuser whose credentials are printed.

Other areas add their own demo rows by listening to ``reports.signals.demo_data_requested``
(sent with the command's ``stdout``), so this command stays the single entry point of `make run`.
"""
import logging

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
        # The hooks create reports, deliveries and e-mails whose INFO logs would bury the login:
        # the output is each hook's one line, then the login, plainly, last.
        logging.disable(logging.WARNING)
        try:
            demo_data_requested.send(sender=self.__class__, stdout=self.stdout)
        finally:
            logging.disable(logging.NOTSET)
        base_url = settings.PORTAL_BASE_URL.rstrip("/")
        self.stdout.write(self.style.SUCCESS("\nDemo data ready. Staff login:"))
        self.stdout.write(f"  address:  {base_url}/personal/")
        self.stdout.write(f"  user:     {DEMO_USERNAME}")
        self.stdout.write(f"  password: {DEMO_PASSWORD}")
