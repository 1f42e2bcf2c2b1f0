"""Print the gate table (every question, answer and outcome per service), or write it into docs/services.md."""
from django.core.management.base import BaseCommand

from reports.catalogue._table import DOCS_FILE, docs_write, gate_table_markdown


class Command(BaseCommand):
    help = "Print the gate table of every service; --write puts it into docs/services.md."

    def add_arguments(self, parser):
        parser.add_argument("--write", action="store_true", help="Replace the table in docs/services.md.")

    def handle(self, *args, write=False, **options):
        if write:
            docs_write()
            self.stdout.write(f"Written to {DOCS_FILE}.")
        else:
            self.stdout.write(gate_table_markdown())
