"""Fail when a language's catalogue lacks a text the code shows (docs/translations.md).

Runs `makemessages` in a scratch copy of the tracked files (so the working tree is never
touched) and compares the extracted msgids with the committed catalogues:

- Swedish (locale/sv): every text, translated, none fuzzy.
- Arabic, Somali, Finnish, Persian, Ukrainian (locale/ar, so, fi, fa, uk): every *citizen*
  text, translated, none fuzzy. A text is a citizen text when at least one place that uses
  it lies outside the staff-only sources (``STAFF_ONLY`` below, less ``CITIZEN_AFTER_ALL``):
  staff pages are Swedish and English only.
- English needs no catalogue entries: the msgids are English.

Needs GNU gettext (xgettext), as `make messages` does.
"""
import gettext
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
COMPLETE = ("sv",)  # every text
CITIZEN = ("ar", "so", "fi", "fa", "uk")  # every citizen text

# Sources only staff see: triage, analytics, case-system deliveries, the admin and its
# templates, model and admin labels, the passport office's day list.
STAFF_ONLY = (
    "reports/triage/",
    "reports/analytics/",
    "reports/delivery/",
    "reports/models/",
    "reports/booking/admin.py",
    "reports/booking/models.py",
    "reports/eid/models.py",
    "reports/apps.py",
    "reports/booking/apps.py",
    "reports/eid/apps.py",
    "templates/admin/",
    "templates/triage/",
    "templates/analytics/",
    "templates/booking/day_list.html",
)
# ... except these, which citizens do see: status e-mails and the rejection reasons they quote,
# the receipt's survey question (its form, answers and view).
CITIZEN_AFTER_ALL = (
    "templates/triage/email/",
    "reports/triage/constants.py",
    "templates/analytics/counterfactual_form.html",
    "reports/analytics/forms.py",
    "reports/analytics/constants.py",
    "reports/analytics/views.py",
    "reports/analytics/templatetags/",
)


def citizen_source(path: str) -> bool:
    path = path.replace(os.sep, "/").removeprefix("./")
    if any(path.startswith(prefix) for prefix in CITIZEN_AFTER_ALL):
        return True
    return not any(path.startswith(prefix) for prefix in STAFF_ONLY)


def citizen_text(entry: polib.POEntry) -> bool:
    return any(citizen_source(path) for path, _line in entry.occurrences)


def extract() -> polib.POFile:
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
        return polib.pofile(str(Path(scratch) / "locale/sv/LC_MESSAGES/django.po"))


def _context(context: str | None) -> str:
    return f" (context {context!r})" if context else ""


def check(language: str, needed: set, problems: list[str]) -> int:
    path = ROOT / f"locale/{language}/LC_MESSAGES/django.po"
    if not path.exists():
        problems.append(f"locale/{language}: no catalogue ({path.relative_to(ROOT)})")
        return 0
    committed = polib.pofile(str(path))
    plural_forms = committed.metadata.get("Plural-Forms", "")
    try:
        gettext.c2py(plural_forms.partition("plural=")[2].rstrip(";").strip())
    except (ValueError, SyntaxError):
        problems.append(f"locale/{language}: no valid Plural-Forms header ({plural_forms!r})")
    done = {(e.msgctxt, e.msgid) for e in committed if not e.obsolete and e.translated() and not e.fuzzy}
    have = {(e.msgctxt, e.msgid) for e in committed if not e.obsolete}
    for context, msgid in sorted(needed - have, key=str):
        problems.append(f"missing from locale/{language}: {msgid!r}" + _context(context))
    for context, msgid in sorted((needed & have) - done, key=str):
        problems.append(f"not translated in locale/{language}: {msgid!r}" + _context(context))
    return len(needed)


def main() -> int:
    extracted = extract()
    every = {(e.msgctxt, e.msgid) for e in extracted}
    citizen = {(e.msgctxt, e.msgid) for e in extracted if citizen_text(e)}
    problems: list[str] = []
    counts = {}
    for language in COMPLETE:
        counts[language] = check(language, every, problems)
        # Swedish: also nothing left untranslated among the entries kept for staff texts.
        committed = polib.pofile(str(ROOT / f"locale/{language}/LC_MESSAGES/django.po"))
        for entry in committed:
            unfinished = not entry.translated() or entry.fuzzy
            if not entry.obsolete and unfinished and (entry.msgctxt, entry.msgid) not in every:
                problems.append(f"not translated in locale/{language}: {entry.msgid!r}")
    for language in CITIZEN:
        counts[language] = check(language, citizen, problems)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problems: run `make messages` and translate (docs/translations.md)")
        return 1
    summary = ", ".join(f"{language} {count}" for language, count in counts.items())
    print(f"Catalogues complete: {summary} messages ({len(every)} in all, {len(citizen)} citizen texts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
