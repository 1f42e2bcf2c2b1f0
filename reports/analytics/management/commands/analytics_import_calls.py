"""Import the contact centre's 15-minute queue statistics from a CSV file (docs/analytics.md)."""
import sys

from django.core.management.base import BaseCommand, CommandError

from reports.analytics import callimport


class Command(BaseCommand):
    help = (
        "Import 114 14 queue statistics per 15 minutes "
        "(interval_start,offered,answered,abandoned,average_handle_seconds)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV file; '-' reads standard input")
        parser.add_argument("--dry-run", action="store_true", help="check the file, import nothing")

    def handle(self, *args, path, dry_run, **options):
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            try:
                with open(path, "rb") as handle:
                    data = handle.read()
            except OSError as exc:
                raise CommandError(str(exc)) from exc
        if dry_run:
            try:
                result = callimport.parse(data.decode("utf-8"))
            except UnicodeDecodeError:
                raise CommandError("The file must be UTF-8 text (CSV).") from None
        else:
            result = callimport.import_bytes(data)
        if result.errors:
            raise CommandError("\n".join(result.errors))
        if dry_run:
            self.stdout.write(f"{len(result.rows)} intervals are valid; nothing imported (dry run).")
        else:
            self.stdout.write(f"{result.created} intervals imported, {result.updated} replaced.")
