"""Benchmark: the staff's triage pages at national scale (1 M submissions), beside the same
queries on a bare indexed table, in the same run.

    .venv/bin/python bench/triage_scale.py               # 1 M submissions
    .venv/bin/python bench/triage_scale.py --scale 0.01  # 10 k, a quick run
    .venv/bin/python bench/triage_scale.py --scale 0.01 --profile default  # + a cProfile of one page
    .venv/bin/python bench/triage_scale.py --keep          # keep the database, print its name
    .venv/bin/python bench/triage_scale.py --reuse portal_bench_triage_1234  # time a kept one again

It creates a throwaway PostgreSQL database (``portal_bench_triage_<pid>``) on the server named
by ``BENCH_POSTGRES_URL`` (default postgres://postgres@127.0.0.1:5432/postgres), migrates it
(with every index the migrations make), fills it with ``INSERT … SELECT generate_series``:
submissions with realistic answers (a few KB of JSON each), their status history and their
deliveries, then times, through the real admin views (Django test client, an officer with a
region and a verified second factor, no network) with production's settings: DEBUG off (the
variables of ``tests/production_env.py``, so no query log and no debug templates), the
hashed and compressed static files of ``collectstatic`` (into a temporary directory), HTTPS
as the proxy says it (``X-Forwarded-Proto``):

* the triage list's default page (the officer's open work) and each filter,
* the search by reference, identity number and name,
* the case page,

each beside the same WHERE/ORDER BY/LIMIT on ``bare_submission`` (the list's columns only,
indexed the same way: the floor a bare table gives). Per page it prints the median wall time
and the median CPU time of this process (``time.process_time``: the Python side, much less
sensitive than the wall time to other processes on a loaded machine), the median time spent
in the page's own SQL and the bare query's median. For each page the list's query (or,
for the case page, every query) is run once more under ``EXPLAIN (ANALYZE, BUFFERS)`` and the
plan saved under ``bench/results/triage_<page>.txt``. A sort that spills to disk
("external merge", "Disk:") is reported. Exits non-zero if a page takes 100 ms or more
(median) or a sort spills. The database is dropped at the end, whatever happens, unless
``--keep``: then it stays for ``--reuse NAME`` (the same data timed again, after a change of
the code or the indexes, without generating it again: migrate first if the change has a
migration); drop it yourself when done (``DROP DATABASE NAME``).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from analytics_rollups import admin_connect, database_url, filler, pick  # noqa: E402

RESULTS = ROOT / "bench" / "results"
REGIONS = ["Stockholm", "Mitt", "Öst", "Syd", "Väst", "Bergslagen", "Nord"]
SERVICES = ["stold", "inbrott", "kortbedrageri", "forlust", "skadegorelse", "parkeringsskada", "tips"]
FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Sara", "Ali", "Fatima", "Mohammed",
         "Elin", "Nils", "Ingrid", "Oskar", "Linnea", "Hassan", "Sofia", "Gustav"]
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
        "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Lindqvist", "Berg", "Holm",
        "Axelsson", "Hedlund", "Sandberg", "Lund"]
# 5 % received, 3 % in triage, 2 % needs contact: the open work is a tenth of a year's reports.
STATUS = "(CASE WHEN r < 0.05 THEN 'received' WHEN r < 0.08 THEN 'in_triage' WHEN r < 0.10 THEN 'needs_contact' " \
         "WHEN r < 0.70 THEN 'registered' WHEN r < 0.80 THEN 'rejected' ELSE 'closed' END)"
RUNS = 15  # medians of 15: steadier than 5 on a machine shared with other work


def answers_sql() -> str:
    """A theft report's answers as the wizard stores them, a few KB: the free texts are made of
    md5 hex so that they compress about as badly as real prose."""
    text = "(SELECT string_agg(md5(g::text || i::text), ' ') FROM generate_series(1, {n}) i)"
    return (
        "jsonb_build_object("
        "'nar-var', jsonb_build_object('date_from', '2025-06-01', 'time_from', '08:00:00', "
        "'municipality', '0180', 'place_kind', 'street', 'address', 'Drottninggatan ' || g, "
        f"'what_happened', {text.format(n=40)}), "
        "'foremal', jsonb_build_array(jsonb_build_object('kind', 'bicycle', "
        f"'description', {text.format(n=8)}, 'serial_number', md5(g::text))), "
        "'om-dig', jsonb_build_object('name', 'x', 'email', 'person' || g || '@example.se', "
        "'preferred_language', 'sv'))"
    )


def generate(*, submissions: int) -> None:
    from django.apps import apps
    from django.db import connection

    from reports.models import StatusChange, Submission

    year = "timestamptz '2025-12-31 00:00:00+01' - random() * interval '365 days'"
    tables = ("reports_submission", "reports_statuschange", "delivery_delivery")
    with connection.cursor() as cursor:
        # Bulk loading is much faster without the indexes: drop those the migrations made (not
        # the ones behind constraints) and build them again, the same definitions, afterwards.
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint)", [list(tables)]
        )
        deferred = cursor.fetchall()
        for index_name, _definition in deferred:
            cursor.execute(f'DROP INDEX "{index_name}"')
        cursor.execute("SELECT setseed(0.13)")
        cursor.execute("SELECT id FROM auth_user ORDER BY id")
        users = [str(row[0]) for row in cursor.fetchall()]
        cols, exprs = filler(Submission, {
            "reference": "'STL-' || upper(substr(md5(g::text), 1, 4)) || '-' || upper(substr(md5(g::text), 5, 4)) "
                         "|| '-' || lpad(g::text, 4, '0')",
            "client_token": "'bench-' || g", "service": pick(SERVICES), "status": STATUS,
            "language": pick(["sv", "sv", "sv", "en"]), "municipality_code": "'0180'",
            "region": f"(CASE WHEN random() < 0.005 THEN '' ELSE {pick(REGIONS)} END)",  # 0.5 % routed nowhere
            "answers": answers_sql(),
            "reporter_name": f"{pick(FIRST)} || ' ' || {pick(LAST)}",
            "personal_identity_number": "'19' || lpad(g::text, 10, '0')",
            "phone": "'+4670' || lpad(g::text, 7, '0')", "email": "'person' || g || '@example.se'",
            "priority": "(CASE WHEN random() < 0.05 THEN 1 WHEN random() < 0.2 THEN 2 ELSE 3 END)",
            "flagged": "(random() < 0.03)",
            "assignee_id": f"(CASE WHEN r < 0.10 AND random() < 0.5 THEN NULL ELSE ({pick(users)})::bigint END)",
            "created_at": "c", "updated_at": "c",
        })
        cursor.execute(
            f"INSERT INTO {Submission._meta.db_table} ({cols}) SELECT {exprs} "
            f"FROM (SELECT g, random() AS r, {year} AS c FROM generate_series(1, {submissions}) g) s"
        )
        # The history: received for every report, then in triage, then the final status.
        for from_status, to_status, condition, after in (
            ("", "received", "true", "0"),
            ("received", "in_triage", "s.status <> 'received'", "1 day"),
            ("in_triage", "s.status", "s.status NOT IN ('received', 'in_triage')", "3 days"),
        ):
            cols, exprs = filler(StatusChange, {
                "submission_id": "s.id", "from_status": f"'{from_status}'",
                "to_status": to_status if to_status.startswith("s.") else f"'{to_status}'",
                "created_at": f"s.created_at + interval '{after}'",
            })
            cursor.execute(f"INSERT INTO {StatusChange._meta.db_table} ({cols}) SELECT {exprs} "
                           f"FROM {Submission._meta.db_table} s WHERE {condition}")
        delivery = apps.get_model("delivery", "Delivery")
        cols, exprs = filler(delivery, {
            "destination": "'crime_reports'", "source_kind": "'submission'", "source_id": "s.id",
            "reference": "s.reference", "status": "'delivered'", "created_at": "s.created_at",
        })
        cursor.execute(f"INSERT INTO {delivery._meta.db_table} ({cols}) SELECT {exprs} "
                       f"FROM {Submission._meta.db_table} s")
        for _index_name, definition in deferred:
            cursor.execute(definition)
        # The bare table: the list's columns only, indexed like the real one.
        cursor.execute(
            "CREATE TABLE bare_submission AS SELECT id, reference, service, status, region, priority, created_at, "
            "flagged, assignee_id, reporter_name, personal_identity_number, phone FROM reports_submission"
        )
        for statement in (
            "ALTER TABLE bare_submission ADD PRIMARY KEY (id)",
            "CREATE UNIQUE INDEX ON bare_submission (reference)",
            "CREATE INDEX ON bare_submission (personal_identity_number)",
            "CREATE INDEX ON bare_submission (phone)",
            "CREATE INDEX ON bare_submission USING gin ((upper(reporter_name)) gin_trgm_ops)",
            "CREATE INDEX ON bare_submission (region, priority, created_at DESC, id DESC) "
            "WHERE status IN ('received', 'in_triage', 'needs_contact')",
            "CREATE INDEX ON bare_submission (priority, created_at DESC, id DESC)",
            "CREATE INDEX ON bare_submission (status, priority, created_at DESC, id DESC)",
            "CREATE INDEX ON bare_submission (region, priority, created_at DESC, id DESC)",
            "CREATE INDEX ON bare_submission (service, priority, created_at DESC, id DESC)",
            "CREATE INDEX ON bare_submission (assignee_id, priority, created_at DESC, id DESC)",
            "CREATE INDEX ON bare_submission (priority, created_at DESC, id DESC) WHERE assignee_id IS NULL",
            "CREATE INDEX ON bare_submission (priority, created_at DESC, id DESC) "
            "WHERE flagged AND status IN ('received', 'in_triage', 'needs_contact')",
            "CREATE INDEX ON bare_submission (created_at)",
            "VACUUM ANALYZE",
        ):
            cursor.execute(statement)


ORDER = " ORDER BY priority, created_at DESC, id DESC LIMIT 100"
OPEN = "status IN ('received', 'in_triage', 'needs_contact')"


def pages(sample: dict) -> list[tuple[str, dict, str]]:
    """(name, list parameters, the bare table's query) for every page timed."""
    region, ref, pin, name = sample["region"], sample["reference"], sample["pin"], sample["name"]
    mine = f"region IN ('{region}', '')"  # the own region and the reports routed to no region
    return [
        ("default", {}, f"SELECT * FROM bare_submission WHERE {OPEN} AND {mine}" + ORDER),
        ("flagged", {"flagged__exact": "1"}, f"SELECT * FROM bare_submission WHERE {OPEN} AND {mine} AND flagged"
         + ORDER),
        ("queue_mine", {"queue": "mine"},
         f"SELECT * FROM bare_submission WHERE assignee_id = {sample['user']}" + ORDER),
        ("queue_unassigned", {"queue": "unassigned"},
         "SELECT * FROM bare_submission WHERE assignee_id IS NULL" + ORDER),
        ("queue_needs_contact", {"queue": "needs_contact"},
         "SELECT * FROM bare_submission WHERE status = 'needs_contact'" + ORDER),
        ("queue_open", {"queue": "open"},
         "SELECT * FROM bare_submission WHERE status IN ('received', 'in_triage')" + ORDER),
        ("queue_all", {"queue": "all"}, "SELECT * FROM bare_submission" + ORDER),
        ("status_closed", {"status__exact": "closed"},
         f"SELECT * FROM bare_submission WHERE status = 'closed' AND {mine}" + ORDER),
        ("region_other", {"region__exact": "Nord"}, f"SELECT * FROM bare_submission WHERE {OPEN} AND region = 'Nord'"
         + ORDER),
        ("service", {"service": "inbrott"},
         f"SELECT * FROM bare_submission WHERE {OPEN} AND {mine} AND service = 'inbrott'" + ORDER),
        ("created_past_7_days", {"created_at__gte": sample["week_ago"], "queue": "all"},
         f"SELECT * FROM bare_submission WHERE created_at >= '{sample['week_ago']}'" + ORDER),
        ("search_reference", {"q": ref.lower()}, f"SELECT * FROM bare_submission WHERE reference = '{ref}'" + ORDER),
        ("search_identity_number", {"q": pin},
         f"SELECT * FROM bare_submission WHERE personal_identity_number = '{pin}'" + ORDER),
        # Names: every surname of the data is one in 20 reports (a common Swedish surname), so a
        # surname's first six letters match ~50,000 reports; a whole name ~2,500; the last one none.
        *(
            (page, {"q": term}, f"SELECT * FROM bare_submission WHERE upper(reporter_name) LIKE upper('%{term}%')"
             + ORDER)
            for page, term in (("search_name", name), ("search_full_name", sample["full_name"]),
                               ("search_name_nobody", "Zlatkova"))
        ),
    ]


class Timing:
    """Medians over ``RUNS`` calls: wall time, this process's CPU time and the time spent in
    SQL (measured around each query by an execute wrapper: the database's share of the wall)."""

    def __init__(self, run, runs: int = RUNS):
        from django.db import connection

        walls, cpus, sqls = [], [], []
        for _ in range(runs):
            sql = [0.0]

            def timed(execute, query, params, many, context, sql=sql):
                started = time.perf_counter()
                try:
                    return execute(query, params, many, context)
                finally:
                    sql[0] += time.perf_counter() - started

            with connection.execute_wrapper(timed):
                cpu, wall = time.process_time(), time.perf_counter()
                run()
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            walls.append(wall * 1000)
            cpus.append(cpu * 1000)
            sqls.append(sql[0] * 1000)
        self.wall, self.wall_max = statistics.median(walls), max(walls)
        self.cpu, self.sql = statistics.median(cpus), statistics.median(sqls)


def explain(sql: str, params) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def spills(plan: str) -> bool:
    return "external merge" in plan or "Disk:" in plan


def inspected(client, url, params=None):
    """One more request, with the test client's template instrumentation (for
    ``response.context``) and every query captured: kept out of the timed runs, where the
    instrumentation's copies of every template context would cost a good part of the page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment

    setup_test_environment()
    try:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
    finally:
        teardown_test_environment()
    assert response.status_code == 200, (url, params, response.status_code)
    return response, queries.captured_queries


def profile(client, url, params, runs: int = 20) -> None:
    """cProfile of ``runs`` requests of one page: the 25 costliest functions, own and cumulative time."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        client.get(url, params)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs()
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(25)


HEADER = (f"{'page':<24} {'rows':>5} {'wall ms':>8} {'(max)':>7} {'CPU ms':>7} {'SQL ms':>7} "
          f"{'bare SQL ms':>12} {'(max)':>7}  spill")


def row(name, rows, portal: Timing, bare: Timing, spilled: bool) -> str:
    return (f"{name:<24} {rows:>5} {portal.wall:>8.1f} {portal.wall_max:>7.1f} {portal.cpu:>7.1f} {portal.sql:>7.1f} "
            f"{bare.wall:>12.1f} {bare.wall_max:>7.1f}  {'SPILL' if spilled else 'no'}")


def measure(args) -> int:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.exceptions import EmptyResultSet
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django_otp import DEVICE_ID_SESSION_KEY

    from reports.models import Submission
    from reports.triage.demo import totp_device_ensure
    from reports.triage.models import StaffProfile
    from reports.triage.roles import TRIAGE_OFFICER, roles_setup

    roles_setup()
    officers = []
    for i in range(20):
        user = get_user_model().objects.filter(username=f"bench-officer-{i}").first()
        if user is None:  # not yet there: a new database (a reused one has them)
            user = get_user_model().objects.create_user(username=f"bench-officer-{i}", password="x" * 16,
                                                        is_staff=True)
            user.groups.add(Group.objects.get(name=TRIAGE_OFFICER))
            StaffProfile.objects.create(user=user, region=REGIONS[i % len(REGIONS)])
        officers.append(user)
    started = time.perf_counter()
    if args.reuse:
        submissions = Submission.objects.count()
    else:
        submissions = max(1000, int(1_000_000 * args.scale))
        generate(submissions=submissions)
    generated = time.perf_counter() - started
    officer = officers[3]  # region Syd
    sample_row = Submission.objects.filter(region="Syd").order_by("id").values(
        "id", "reference", "personal_identity_number", "reporter_name")[submissions // 40]
    # The generated numbers are unique but fail the Luhn check: give the sample a valid one.
    sample_row["personal_identity_number"] = "198112189876"
    Submission.objects.filter(pk=sample_row["id"]).update(personal_identity_number="198112189876")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE bare_submission SET personal_identity_number = '198112189876' WHERE id = %s",
                       [sample_row["id"]])
    from datetime import timedelta

    from django.utils import timezone

    last = Submission.objects.order_by("-created_at").values_list("created_at", flat=True).first()
    sample = {
        "region": "Syd", "reference": sample_row["reference"], "pin": sample_row["personal_identity_number"],
        "name": sample_row["reporter_name"].split()[1][:6], "full_name": sample_row["reporter_name"],
        "user": officer.pk,
        # As the list's "Past 7 days" link gives it: local midnight, with its offset.
        "week_ago": str(timezone.localtime(last - timedelta(days=7)).replace(hour=0, minute=0, second=0,
                                                                               microsecond=0)),
    }
    # Production: behind the proxy on https, the officer logged in with a verified second factor.
    client = Client(HTTP_HOST=os.environ["DJANGO_ALLOWED_HOSTS"].split(",")[0], HTTP_X_FORWARDED_PROTO="https")
    client.force_login(officer)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device_ensure(user=officer, name="bench").persistent_id
    session.save()
    url = reverse("admin:reports_submission_changelist")
    case = Submission.objects.get(reference=sample["reference"])
    case_url = reverse("admin:reports_submission_change", args=[case.pk])
    if args.profile:
        params = dict((name, params) for name, params, _sql in pages(sample)).get(args.profile)
        target = case_url if args.profile == "case_page" else url
        client.get(target, params)
        profile(client, target, params)
        return 0
    RESULTS.mkdir(parents=True, exist_ok=True)
    print(f"{submissions:,} submissions {'counted' if args.reuse else 'generated'} in {generated:.0f} s "
          f"(table {table_size('reports_submission')}, status changes {count('reports_statuschange'):,})")
    print(f"load average before the timings: {load()}; medians of {RUNS} runs")
    print(HEADER)
    failed = False
    for name, params, bare_sql in pages(sample):
        client.get(url, params)  # warm
        portal = Timing(lambda params=params: client.get(url, params))
        response, queries = inspected(client, url, params)
        rows = len(response.context["cl"].result_list)
        changelist = response.context["cl"]
        try:
            page_sql, page_params = changelist.queryset[:100].query.sql_with_params()
        except EmptyResultSet:  # a search that found nothing: the page runs no query
            plans = ["-- the page's query: none (no hits)"]
        else:
            plan = explain(page_sql, page_params)
            plans = [f"-- the page's query\n{page_sql % tuple(repr(p) for p in page_params)}\n\n{plan}"]
        for query in queries:  # the count, a name search's look-up of its hits
            sql = query["sql"]
            if "reports_submission" in sql and ("COUNT(" in sql or ('"reporter_name"' in sql and "LIMIT" in sql
                                                                   and "ORDER BY" not in sql)):
                plans.append(f"-- {sql}\n\n" + explain(sql, None))
        bare_plan = explain(bare_sql, None)
        with connection.cursor() as cursor:
            bare = Timing(lambda sql=bare_sql: (cursor.execute(sql), cursor.fetchall()))
        spilled = any(spills(p) for p in plans) or spills(bare_plan)
        (RESULTS / f"triage_{name}.txt").write_text(
            "\n\n".join(plans) + f"\n\n-- bare table\n{bare_sql}\n\n{bare_plan}\n", encoding="utf-8"
        )
        print(row(name, rows, portal, bare, spilled))
        failed |= portal.wall >= 100 or spilled
    # The case page: every query it runs, each under EXPLAIN ANALYZE.
    client.get(case_url)
    portal = Timing(lambda: client.get(case_url))
    _response, queries = inspected(client, case_url)
    plans = []
    for query in queries:
        sql = query["sql"]
        if sql.lstrip().upper().startswith("SELECT") and "django_session" not in sql:
            plans.append(f"-- {sql}\n\n" + explain(sql, None))
    bare_sql = f"SELECT * FROM bare_submission WHERE id = {case.pk}"
    with connection.cursor() as cursor:
        bare = Timing(lambda: (cursor.execute(bare_sql), cursor.fetchall()))
    spilled = any(spills(p) for p in plans)
    (RESULTS / "triage_case_page.txt").write_text("\n\n".join(plans) + "\n", encoding="utf-8")
    print(row("case_page", len(queries), portal, bare, spilled) + "   (rows column: queries)")
    failed |= portal.wall >= 100 or spilled
    print(f"load average after the timings: {load()}")
    print("target: every page under 100 ms (median wall time), no sort spilling to disk:",
          "MISSED" if failed else "met")
    return 1 if failed else 0


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def table_size(table: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size(%s))", [table])
        return cursor.fetchone()[0]


def count(table: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]


def production_environment(database: str, static_root: str) -> None:
    """Production's variables (tests/production_env.py) with this run's database, a static root
    of its own and the broker and cache on this machine (the staff pages queue and cache
    nothing; they are set only because production refuses to start without them)."""
    from tests.production_env import environment

    env = environment(
        DATABASE_URL=database, DJANGO_STATIC_ROOT=static_root, DJANGO_LOG_LEVEL="WARNING",
        CACHE_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
        CELERY_BROKER_URL="memory://localhost/",
    )
    os.environ.clear()
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"


def main() -> int:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 1 M submissions")
    parser.add_argument("--profile", metavar="PAGE", help="print a cProfile of this page (e.g. default, "
                        "case_page) instead of the timings")
    parser.add_argument("--keep", action="store_true", help="do not drop the database at the end; print its name")
    parser.add_argument("--reuse", metavar="DATABASE", help="time a database an earlier --keep run left "
                        "(no generating; --scale is ignored); it is kept")
    args = parser.parse_args()
    base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = args.reuse or f"portal_bench_triage_{os.getpid()}"
    if not args.reuse:
        with admin_connect(base) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory(prefix="bench-static-") as static_root:
            production_environment(database_url(base, name), static_root)
            import django

            django.setup()
            from django.conf import settings
            from django.core.management import call_command

            assert not settings.DEBUG and settings.PORTAL_STAFF_OTP_REQUIRED
            call_command("collectstatic", interactive=False, verbosity=0)
            call_command("migrate", verbosity=0)
            return measure(args)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep or args.reuse:
            print(f"database kept: {name}")
        else:
            with admin_connect(base) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
