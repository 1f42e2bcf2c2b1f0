"""Benchmark: the analytics dashboard's figures for one year, from rollups beside raw rows.

    DJANGO_DEBUG=1 .venv/bin/python bench/analytics_rollups.py            # 1 M submissions, 5 M gate records
    DJANGO_DEBUG=1 .venv/bin/python bench/analytics_rollups.py --scale 0.05  # a quick run

It creates a throwaway PostgreSQL database (``portal_bench_analytics_<pid>``) on the server
named by ``BENCH_POSTGRES_URL`` (default postgres://postgres@127.0.0.1:5432/postgres),
migrates it, fills it with ``INSERT … SELECT generate_series`` (gate records, submissions,
"needs contact" status changes, deliveries, funnel counts, survey answers), builds the
rollups, then in the same run times
  * the rollup path: ``figures_for_period`` for the year (what the dashboard calls), and
  * the raw path: the same counts grouped straight from the gate records, submissions,
    status changes and deliveries,
checks that both give the same numbers and prints both timings. The database is dropped at
the end, whatever happens. Never points at the dev or test database. Not part of the suite.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SERVICES = ["stold", "inbrott", "kortbedrageri", "forlust", "skadegorelse", "parkeringsskada", "tips", "pass"]
REGIONS = ["Stockholm", "Mitt", "Öst", "Syd", "Väst", "Bergslagen", "Nord", ""]
OUTCOMES = ["e_service"] * 6 + ["call_112", "call_11414", "call_11414", "elsewhere", "prerequisite"]
YEAR_START, YEAR_END = date(2025, 1, 1), date(2025, 12, 31)
RUNS = 5


def sql_array(values: list[str]) -> str:
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def pick(values: list[str]) -> str:
    return f"({sql_array(values)})[1 + floor(random() * {len(values)})::int]"


def admin_connect(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


def database_url(base: str, name: str) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path="/" + name))


def filler(model, explicit: dict[str, str]) -> tuple[str, str]:
    """Column list and SELECT expressions: ``explicit`` first, then a neutral value for every
    other NOT NULL column, so the bench survives fields other areas add."""
    import uuid

    from django.db import models
    from django.utils import timezone

    columns, values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key and isinstance(field, models.AutoField):
            continue
        column = field.column
        if column in explicit:
            expr = explicit[column]
        elif field.null:
            continue
        elif field.has_default():
            default = field.default
            if default is uuid.uuid4:
                expr = "gen_random_uuid()"
            elif default is timezone.now:
                expr = "now()"
            elif callable(default):
                value = default()
                expr = "'{}'::jsonb" if value in ({}, []) else repr(value)
            elif isinstance(default, bool):
                expr = "true" if default else "false"
            elif isinstance(default, (int, float)):
                expr = str(default)
            else:
                expr = "'" + str(default).replace("'", "''") + "'"
        elif isinstance(field, (models.DateTimeField,)):
            expr = "now()"
        elif isinstance(field, models.JSONField):
            expr = "'{}'::jsonb"
        elif isinstance(field, models.BooleanField):
            expr = "false"
        elif isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField)):
            expr = "0"
        else:
            expr = "''"
        columns.append(column)
        values.append(expr)
    return ", ".join(columns), ", ".join(values)


def generate(*, submissions: int, gates: int) -> None:
    from django.apps import apps
    from django.db import connection

    from reports.models import GateRecord, StatusChange, Submission

    year = "timestamptz '2025-01-01 00:00:00+01' + random() * interval '365 days'"
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.42)")
        cols, exprs = filler(GateRecord, {
            "service": pick(SERVICES), "outcome": pick(OUTCOMES), "rule": "''", "language": pick(["sv", "sv", "en"]),
            "region": pick(REGIONS), "created_at": year,
        })
        cursor.execute(f"INSERT INTO {GateRecord._meta.db_table} ({cols}) SELECT {exprs} "
                       f"FROM generate_series(1, {gates}) AS g")
        cols, exprs = filler(Submission, {
            "reference": "'PE-B-' || g", "client_token": "'bench-' || g", "service": pick(SERVICES),
            "status": "'received'", "language": pick(["sv", "sv", "en"]), "region": pick(REGIONS[:-1]),
            "answers": "'{\"what_happened\": \"bench\"}'::jsonb", "reporter_name": "'Bench Person'",
            "created_at": year, "updated_at": "now()",
        })
        cursor.execute(f"INSERT INTO {Submission._meta.db_table} ({cols}) SELECT {exprs} "
                       f"FROM generate_series(1, {submissions}) AS g")
        cols, exprs = filler(StatusChange, {
            "submission_id": "s.id", "from_status": "'received'", "to_status": "'needs_contact'",
            "created_at": "s.created_at + interval '2 days'",
        })
        cursor.execute(f"INSERT INTO {StatusChange._meta.db_table} ({cols}) SELECT {exprs} "
                       f"FROM {Submission._meta.db_table} s WHERE random() < 0.06")
        delivery = apps.get_model("delivery", "Delivery")
        cols, exprs = filler(delivery, {
            "destination": "'crime_reports'", "source_kind": "'submission'", "source_id": "s.id",
            "reference": "s.reference", "status": "(CASE WHEN random() < 0.95 THEN 'delivered' ELSE 'dead' END)",
        })
        cursor.execute(f"INSERT INTO {delivery._meta.db_table} ({cols}) SELECT {exprs} "
                       f"FROM {Submission._meta.db_table} s")
        cursor.execute(
            "INSERT INTO analytics_funnelstepcount (day, service, step, language, count) "
            "SELECT d::date, s, st, 'sv', (200 - 20 * i)::int FROM generate_series(%s::date, %s::date, "
            "interval '1 day') d, unnest(%s::text[]) s, "
            "unnest(ARRAY['nar-var','foremal','om-dig','granska']) WITH ORDINALITY AS t(st, i)",
            [YEAR_START, YEAR_END, SERVICES],
        )
        cursor.execute(
            "INSERT INTO analytics_counterfactualanswer (service, answer, language, answered_on) "
            f"SELECT {pick(SERVICES)}, {pick(['called_11414'] * 6 + ['visited_station', 'not_reported', 'other'])}, "
            "'sv', (date '2025-01-01' + floor(random() * 365)::int) FROM generate_series(1, %s)",
            [max(100, submissions // 20)],
        )
        cursor.execute("ANALYZE")


RAW_GATES = """
SELECT date_trunc('month', created_at AT TIME ZONE %(tz)s)::date AS m, service, region, outcome, count(*)
FROM reports_gaterecord
WHERE created_at >= %(start)s AND created_at < %(end)s
GROUP BY 1, 2, 3, 4
"""
RAW_SUBMISSIONS = """
SELECT date_trunc('month', s.created_at AT TIME ZONE %(tz)s)::date AS m, s.service, s.region, count(*),
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM reports_statuschange c
                                     WHERE c.submission_id = s.id AND c.to_status = 'needs_contact')),
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM delivery_delivery d WHERE d.source_kind = 'submission'
                                     AND d.source_id = s.id AND d.status = 'delivered'))
FROM reports_submission s
WHERE s.created_at >= %(start)s AND s.created_at < %(end)s
GROUP BY 1, 2, 3
"""


def raw_figures() -> dict:
    """The same counts as the rollup path, straight from the raw rows (the baseline)."""
    from django.db import connection

    from reports.analytics.services import _day_bounds

    start, end = _day_bounds(YEAR_START, YEAR_END)
    params = {"tz": "Europe/Stockholm", "start": start, "end": end}
    outcomes: dict[str, int] = defaultdict(int)
    by_service: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    by_region: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    trend: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    with connection.cursor() as cursor:
        cursor.execute(RAW_GATES, params)
        for month, service, region, outcome, n in cursor.fetchall():
            outcomes[outcome] += n
            for bucket in (by_service[service], by_region[region], trend[month.strftime("%Y-%m")]):
                bucket[0] += n
        cursor.execute(RAW_SUBMISSIONS, params)
        for month, service, region, completed, call_back, delivered in cursor.fetchall():
            for bucket in (by_service[service], by_region[region], trend[month.strftime("%Y-%m")]):
                bucket[1] += completed
                bucket[2] += call_back
                bucket[3] += delivered
    return {"outcomes": dict(outcomes), "by_service": dict(by_service), "by_region": dict(by_region),
            "trend": dict(trend)}


def rollup_figures() -> tuple[dict, object]:
    from reports.analytics.selectors import figures_for_period

    f = figures_for_period(start=YEAR_START, end=YEAR_END)

    def counts(c):
        return [c.started, c.completed, c.call_back, c.delivered]

    return {
        "outcomes": {k: v for k, v in f.totals.outcomes.items() if v},
        "by_service": {k: counts(v) for k, v in f.by_service.items()},
        "by_region": {k: counts(v) for k, v in f.by_region.items()},
        "trend": {k: counts(v) for k, v in f.trend},
    }, f


def timed(fn, runs: int = RUNS):
    times, result = [], None
    for _ in range(runs):
        began = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - began)
    return result, times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 1 M submissions and 5 M gate records")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway database (for inspection)")
    args = parser.parse_args()
    submissions, gates = int(1_000_000 * args.scale), int(5_000_000 * args.scale)

    base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = f"portal_bench_analytics_{os.getpid()}"
    admin = admin_connect(base)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        os.environ["DATABASE_URL"] = database_url(base, name)
        os.environ.setdefault("DJANGO_DEBUG", "1")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
        os.environ["DJANGO_LOG_LEVEL"] = "WARNING"
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from reports.analytics import services

        call_command("migrate", verbosity=0)
        print(f"database {name}: {submissions:,} submissions, {gates:,} gate records")
        began = time.perf_counter()
        generate(submissions=submissions, gates=gates)
        print(f"generated in {time.perf_counter() - began:.1f} s")
        began = time.perf_counter()
        rows = services.rollups_rebuild()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"rollups rebuilt in {time.perf_counter() - began:.1f} s ({rows:,} rollup rows)")

        (rolled, figures), rollup_times = timed(rollup_figures)
        raw, raw_times = timed(raw_figures, runs=max(1, RUNS // 2))
        same = rolled == raw
        print(f"one year ({YEAR_START} to {YEAR_END}): started {figures.totals.started:,}, "
              f"completed {figures.totals.completed:,}, call backs {figures.totals.call_back:,}, "
              f"delivered {figures.totals.delivered:,}, calls avoided {figures.avoided.calls:,.0f} "
              f"({figures.avoided.calls_low:,.0f}–{figures.avoided.calls_high:,.0f})")
        print(f"rollups : median {statistics.median(rollup_times) * 1000:8.1f} ms  "
              f"(max {max(rollup_times) * 1000:.1f} ms, {len(rollup_times)} runs; all dashboard figures)")
        print(f"raw rows: median {statistics.median(raw_times) * 1000:8.1f} ms  "
              f"(max {max(raw_times) * 1000:.1f} ms, {len(raw_times)} runs; counts only)")
        print(f"same figures from both paths: {'yes' if same else 'NO'}")
        under = max(rollup_times) < 1.0
        print(f"rollup path under one second: {'yes' if under else 'NO'}")
        connection.close()
        return 0 if same and under else 1
    finally:
        if not args.keep:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


if __name__ == "__main__":
    sys.exit(main())
