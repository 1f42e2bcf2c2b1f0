"""Import of the contact centre's queue statistics: one CSV row per 15-minute interval.

The format (docs/analytics.md, "Imported call data"):

    interval_start,offered,answered,abandoned,average_handle_seconds
    2026-03-10 08:00,112,104,8,352.5

* ``interval_start``: the interval's start, ``YYYY-MM-DD HH:MM`` in Swedish time, or ISO 8601
  with an offset (``2026-10-25T02:15+01:00``) to tell the repeated hour in October apart;
  minutes 00, 15, 30 or 45.
* ``offered``, ``answered``, ``abandoned``: whole calls, answered + abandoned ≤ offered.
* ``average_handle_seconds``: talk plus after-call work of the answered calls, in seconds.

Comma or semicolon separated, UTF-8 (a byte-order mark is fine). All or nothing: one bad row
and nothing is imported, every error is reported with its line. An interval imported again
replaces the earlier figures, so a corrected file can simply be imported once more.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.analytics.models import QueueInterval

COLUMNS = ("interval_start", "offered", "answered", "abandoned", "average_handle_seconds")
MAX_ROWS = 200_000  # about five and a half years of 15-minute intervals


@dataclass
class ImportResult:
    rows: list[QueueInterval] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0


def _parse_start(text: str) -> datetime:
    value = datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_current_timezone())
    if value.minute % 15 or value.second or value.microsecond:
        raise ValueError("not a quarter")
    # As an instant: two ways of writing the same interval (local time and an offset, a local
    # time in the spring-forward hour) are then the same key for the "appears twice" check.
    return value.astimezone(UTC)


def parse(text: str) -> ImportResult:
    """Check every row; the rows to store, or the errors (with line numbers) and no rows."""
    result = ImportResult()
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    if tuple(header) != COLUMNS:
        result.errors.append(_("Line 1: the columns must be %(columns)s.") % {"columns": ", ".join(COLUMNS)})
        return result
    seen: set[datetime] = set()
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(result.rows) >= MAX_ROWS:
            result.errors.append(_("Line %(line)s: at most %(max)s rows per file.") % {"line": line, "max": MAX_ROWS})
            break
        if len(cells) != len(COLUMNS):
            result.errors.append(_("Line %(line)s: expected %(n)s values.") % {"line": line, "n": len(COLUMNS)})
            continue
        try:
            starts_at = _parse_start(cells[0])
        except ValueError:
            result.errors.append(
                _("Line %(line)s: the interval start must be a date and time on a quarter hour, "
                  "such as 2026-03-10 08:15.") % {"line": line}
            )
            continue
        try:
            offered, answered, abandoned = (int(c.strip()) for c in cells[1:4])
            handle = float(cells[4].strip().replace(",", "."))
        except ValueError:
            result.errors.append(_("Line %(line)s: the counts must be whole numbers and the handle time a number.")
                                 % {"line": line})
            continue
        if min(offered, answered, abandoned) < 0 or not 0 <= handle <= 24 * 3600:
            result.errors.append(_("Line %(line)s: counts and handle time cannot be negative.") % {"line": line})
            continue
        if answered + abandoned > offered:
            result.errors.append(_("Line %(line)s: answered plus abandoned is more than offered.") % {"line": line})
            continue
        if starts_at in seen:
            result.errors.append(_("Line %(line)s: this interval appears twice in the file.") % {"line": line})
            continue
        seen.add(starts_at)
        result.rows.append(QueueInterval(starts_at=starts_at, offered=offered, answered=answered,
                                         abandoned=abandoned, handle_seconds=handle))
    if not result.errors and not result.rows:
        result.errors.append(_("The file has no intervals."))
    if result.errors:
        result.rows = []
    return result


def import_text(text: str) -> ImportResult:
    """Parse and, if every row is right, store them (replacing intervals already imported)."""
    result = parse(text)
    if result.errors:
        return result
    with transaction.atomic():
        existing = set(
            QueueInterval.objects.filter(starts_at__in=[r.starts_at for r in result.rows])
            .values_list("starts_at", flat=True)
        )
        QueueInterval.objects.bulk_create(
            result.rows, batch_size=5000, update_conflicts=True, unique_fields=["starts_at"],
            update_fields=["offered", "answered", "abandoned", "handle_seconds", "imported_at"],
        )
    result.updated = len(existing)
    result.created = len(result.rows) - result.updated
    return result


def import_bytes(data: bytes) -> ImportResult:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return ImportResult(errors=[_("The file must be UTF-8 text (CSV).")])
    return import_text(text)
