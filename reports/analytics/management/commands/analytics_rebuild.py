"""Rebuild every analytics rollup from the anonymous sources (safe to run at any time)."""
from django.core.management.base import BaseCommand

from reports.analytics import services


class Command(BaseCommand):
    help = "Sync the anonymous submission ledger and rebuild all daily rollups (idempotent)."

    def handle(self, *args, **options):
        rows = services.rollups_rebuild()
        self.stdout.write(f"analytics_rollups_rebuilt rows={rows}")
