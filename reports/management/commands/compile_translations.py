"""Compile the .po catalogues to .mo with polib, so that set-up needs no system gettext."""
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile every locale/*/LC_MESSAGES/*.po file to its .mo file."

    def handle(self, *args, **options):
        count = 0
        for locale_path in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                count += 1
                name = po_path.relative_to(settings.BASE_DIR)
                self.stdout.write(f"compiled {name} ({catalogue.percent_translated()}% translated)")
        if count == 0:
            self.stderr.write("no translation catalogues found")
