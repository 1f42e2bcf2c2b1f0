"""Write the generated answers schemas to docs/contract/answers/ (or, with --check, compare)."""
from django.core.management.base import BaseCommand, CommandError

from reports.delivery.answers_schema import ANSWERS_DIR, answers_schema_files


class Command(BaseCommand):
    help = "Generate docs/contract/answers/<service>.v1.schema.json from the catalogue."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail if a committed file differs.")

    def handle(self, *args, check=False, **options):
        files = answers_schema_files()
        stale = sorted(
            path.name for path, text in files.items()
            if not path.exists() or path.read_text(encoding="utf-8") != text
        )
        extra = sorted(p.name for p in ANSWERS_DIR.glob("*.json") if p not in files) if ANSWERS_DIR.exists() else []
        if check:
            if stale or extra:
                raise CommandError(f"Answers schemas out of date: {', '.join(stale + extra)}")
            self.stdout.write("Answers schemas are current.")
            return
        ANSWERS_DIR.mkdir(parents=True, exist_ok=True)
        for path, text in files.items():
            path.write_text(text, encoding="utf-8")
        for name in extra:
            (ANSWERS_DIR / name).unlink()
        self.stdout.write(f"Wrote {len(files)} answers schemas to {ANSWERS_DIR}.")
