"""Print the dashboard's figures for scripts: the same tables, as text or CSV."""
import csv

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from reports.analytics.forms import DashboardForm
from reports.analytics.tables import report_tables, tables_csv_rows

OPTIONS = ("start", "end", "service", "region", "calls_per_hour", "deflected_per_hour", "handle_seconds",
           "agents", "target_seconds", "target_level", "patience_seconds", "deflected_handle_seconds")


class Command(BaseCommand):
    help = "Print the analytics dashboard's figures (same inputs as the dashboard's form)."

    def add_arguments(self, parser):
        for name in OPTIONS:
            parser.add_argument(f"--{name.replace('_', '-')}", dest=name, default=None)
        parser.add_argument("--csv", action="store_true", help="CSV, exactly as the dashboard's export")
        parser.add_argument("--language", default="en", help="language of the labels (sv or en)")

    def handle(self, *args, **options):
        data = {name: options[name] for name in OPTIONS if options[name] is not None}
        with translation.override(options["language"]):
            form = DashboardForm(data)
            if not form.is_valid():
                raise CommandError(form.errors.as_text())
            _figures, _deflection, tables = report_tables(form.cleaned_data)
            if options["csv"]:
                csv.writer(self.stdout, lineterminator="\n").writerows(tables_csv_rows(tables))
                return
            for table in tables:
                self.stdout.write(f"== {table.caption}")
                if table.note:
                    self.stdout.write(table.note)
                lines = [table.headers, *[r.cells for r in table.rows]]
                widths = [max(len(c) for c in column) for column in zip(*lines, strict=True)]
                for cells in lines:
                    self.stdout.write("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))
                self.stdout.write("")
