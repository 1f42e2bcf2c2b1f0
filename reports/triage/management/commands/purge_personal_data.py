"""Blank the personal data of handled submissions, past bookings and old audit search terms."""
from django.conf import settings
from django.core.management.base import BaseCommand

from reports.booking.services import bookings_due_for_purge, bookings_purge
from reports.triage.services import audit_terms_purge, submissions_due_for_purge, submissions_purge


class Command(BaseCommand):
    help = "Purge personal data of registered, rejected and closed submissions (PORTAL_PURGE_AFTER_DAYS)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override PORTAL_PURGE_AFTER_DAYS.")
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be purged.")

    def handle(self, *args, days=None, dry_run=False, **options):
        after_days = settings.PORTAL_PURGE_AFTER_DAYS if days is None else days
        if dry_run:
            count = submissions_due_for_purge(after_days=after_days).count()
            self.stdout.write(f"{count} submissions would be purged (older than {after_days} days).")
            count = bookings_due_for_purge(after_days=after_days).count()
            self.stdout.write(f"{count} bookings would be purged (older than {after_days} days).")
            return
        total = 0
        while batch := submissions_purge(after_days=after_days):
            total += batch
        self.stdout.write(f"{total} submissions purged (older than {after_days} days).")
        total = 0
        while batch := bookings_purge(after_days=after_days):
            total += batch
        self.stdout.write(f"{total} bookings purged (older than {after_days} days).")
        count = audit_terms_purge(after_days=after_days)
        self.stdout.write(f"{count} audit search terms blanked (older than {after_days} days).")
