from datetime import date

from django.core.management.base import BaseCommand, CommandError

from reports.booking.services import slots_generate


class Command(BaseCommand):
    help = "Create passport slots from the offices' weekly templates for the rolling window (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--start", help="First day (YYYY-MM-DD); default today in Stockholm.")
        parser.add_argument("--weeks", type=int, help="How many weeks; default BOOKING_WINDOW_WEEKS.")

    def handle(self, *args, start=None, weeks=None, **options):
        try:
            start_date = date.fromisoformat(start) if start else None
        except ValueError as error:
            raise CommandError(f"--start must be YYYY-MM-DD: {error}") from error
        created = slots_generate(start_date=start_date, weeks=weeks)
        self.stdout.write(f"{created} slot(s) created.")
