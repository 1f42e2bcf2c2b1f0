"""Create the staff groups and grant their permissions; safe to run any number of times."""
from django.core.management.base import BaseCommand

from reports.triage.roles import roles_setup


class Command(BaseCommand):
    help = "Create or complete the staff roles (groups with permissions). Idempotent."

    def handle(self, *args, **options):
        for name, count in roles_setup().items():
            self.stdout.write(f"{name}: {count} permissions")
