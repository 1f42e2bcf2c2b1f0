"""Fail when the code has user-facing text that locale/sv/LC_MESSAGES/django.po lacks.

Runs `makemessages` in a scratch copy of the tracked files (so the working tree is never
touched) and compares the extracted msgids with the committed Swedish catalogue. Needs GNU
gettext (xgettext), as `make messages` does.
"""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    committed = polib.pofile(str(ROOT / "locale/sv/LC_MESSAGES/django.po"))
    with tempfile.TemporaryDirectory() as scratch:
        files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        for name in files.splitlines():
            source = ROOT / name
            if source.is_file():
                target = Path(scratch) / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
        env = {**os.environ, "DJANGO_DEBUG": "1"}
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "--locale", "sv", "--ignore", ".venv", "--ignore", "bench",
             "--ignore", "tests", "--ignore", "scripts", "--no-obsolete"],
            cwd=scratch, env=env, check=True, capture_output=True,
        )
        extracted = polib.pofile(str(Path(scratch) / "locale/sv/LC_MESSAGES/django.po"))
    have = {(e.msgctxt, e.msgid) for e in committed if not e.obsolete}
    missing = sorted({(e.msgctxt, e.msgid) for e in extracted} - have, key=str)
    for context, msgid in missing:
        print(f"missing from locale/sv: {msgid!r}" + (f" (context {context!r})" if context else ""))
    untranslated = [e.msgid for e in committed if not e.obsolete and (not e.translated() or e.fuzzy)]
    for msgid in untranslated:
        print(f"not translated in locale/sv: {msgid!r}")
    if missing or untranslated:
        print(f"{len(missing)} missing, {len(untranslated)} untranslated: run `make messages` and translate")
        return 1
    print(f"Swedish catalogue complete: {len(have)} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
