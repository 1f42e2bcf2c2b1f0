"""Benchmark: whole theft reports by concurrent clients through gunicorn + PostgreSQL, beside a
bare one-INSERT Django view, in the same run, with the CPU of each kind of request apart.

    .venv/bin/python bench/citizen_flow.py --clients 8 --reports 40 --rounds 3 --workers 2

It creates a throwaway PostgreSQL database (``portal_bench_citizen_<pid>``) on the server named
by ``BENCH_POSTGRES_URL`` (default postgres://postgres@127.0.0.1:5432/postgres), migrates it,
starts gunicorn (sync workers, ``--workers``) on a free port of 127.0.0.1 with production
settings (DEBUG off, Redis cache from ``BENCH_REDIS_URL``, the manifest static files) plus one
extra URLs (``bench/citizen_urls.py``: ``/bench/bare/`` inserts one row, ``/bench/session/``
reads and saves the session, through the same middleware), then, per round:

* flow: ``--reports`` browser sessions file one theft report each, as a browser would (the
  gate, every step's GET and POST with the CSRF token, the check page, the send, the done
  step, the receipt; gzip accepted). The sessions go through the report in lock step: a phase
  is one kind of request (say the POST of step 2) for every session, sent by ``--clients``
  concurrent clients, and the next phase starts when it is done. So the gunicorn workers' CPU
  (from /proc: user + system time of the worker processes) during a phase belongs to that
  kind of request alone. After each phase, the clients POST as many requests to the bare view
  (a phase of its own), so the bare view is measured over the same stretch of the run.
  After each step POST phase, the same sessions POST to ``/bench/session/``: the floor under
  a step POST (their own session read and saved again, the CSRF check, the no-store headers,
  a redirect; no form and no formtools), which shows how much of the 2x a step's forms can have.

It prints, per phase and summed over the rounds, the requests, requests per second, the
workers' CPU per request, p50/p95 latency and the CPU per request relative to the bare view's,
then the rows for all step GETs and all step POSTs together (the target: at most 2x the bare
view's CPU per wizard step). With ``--mixed`` it also runs whole reports free-running (each
client from gate to receipt, no lock step) for the latency of a realistic mix. The server and
the database go away at the end, whatever happens. Mail and deliveries are queued on an
in-memory broker, not run. Exit status 1 if any request failed or answered unexpectedly.
"""
from __future__ import annotations

import argparse
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from analytics_rollups import admin_connect, database_url  # noqa: E402

sys.path.insert(0, str(ROOT / "tests" / "reports"))
from helpers import THEFT_ABOUT_YOU, THEFT_ITEMS, THEFT_WHEN_WHERE  # noqa: E402

GATE = {
    "in_progress": "no", "danger": "no", "violence": "no", "vehicle": "no", "id_document": "no", "weapon": "no",
    "knows_suspect": "no", "protected_identity": "no", "has_identity_number": "yes",
}
STEPS = (("nar-var", THEFT_WHEN_WHERE), ("foremal", THEFT_ITEMS), ("om-dig", THEFT_ABOUT_YOU))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN = re.compile(r'name="granska-token" value="([0-9a-f]{32})"')
CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / CLK_TCK


class Citizen:
    """One browser session filing one theft report, a request at a time."""

    def __init__(self, base: str):
        import requests

        self.base = base
        self.http = requests.Session()
        self.http.headers["Accept-Encoding"] = "gzip"
        self.csrf = ""
        self.token = ""
        self.location = ""

    def get(self, path: str, expect: int = 200):
        response = self.http.get(self.base + path, allow_redirects=False)
        self.location = response.headers.get("Location", "").replace(self.base, "")
        match = CSRF.search(response.text) if response.status_code == 200 else None
        if match:
            self.csrf = match.group(1)
        return response, expect

    def post(self, path: str, data: dict, expect: int = 302):
        response = self.http.post(
            self.base + path, data={"csrfmiddlewaretoken": self.csrf, **data}, allow_redirects=False,
            headers={"Referer": self.base + path},
        )
        self.location = response.headers.get("Location", "").replace(self.base, "")
        return response, expect

    # -- the requests of one report, in order ------------------------------------------------
    def check_page(self):
        response, expect = self.get("/stold/steg/granska/")
        match = TOKEN.search(response.text)
        self.token = match.group(1) if match else ""
        return response, expect

    def send(self):
        return self.post("/stold/steg/granska/", {
            "report_stold-current_step": "granska", "granska-token": self.token, "granska-confirm": "on",
        })

    def follow(self, expect: int):
        return self.get(self.location or "/missing-location/", expect)


def step_phases():
    yield "gate GET", "gate", lambda c: c.get("/stold/")
    yield "gate POST", "gate", lambda c: c.post("/stold/", GATE)
    for step, data in STEPS:
        yield f"step GET {step}", "step GET", lambda c, step=step: c.get(f"/stold/steg/{step}/")
        yield (f"step POST {step}", "step POST",
               lambda c, step=step, data=data: c.post(f"/stold/steg/{step}/",
                                                      {"report_stold-current_step": step, **data}))
    yield "check page GET", "check", Citizen.check_page
    yield "send POST", "send", Citizen.send
    yield "done GET (saves the report)", "send", lambda c: c.follow(302)
    yield "receipt GET", "receipt", lambda c: c.follow(200)


PHASES = list(step_phases())


@dataclass
class Tally:
    requests: int = 0
    seconds: float = 0.0
    cpu: float = 0.0
    latencies: list[float] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.requests += other.requests
        self.seconds += other.seconds
        self.cpu += other.cpu
        self.latencies += other.latencies


class Bench:
    def __init__(self, base: str, gunicorn_pid: int, clients: int):
        self.base, self.gunicorn_pid, self.clients = base, gunicorn_pid, clients
        self.errors: list[str] = []

    def phase(self, jobs: list) -> Tally:
        """Run ``jobs`` (callables returning (response, expected status)) on ``clients`` threads;
        the workers' CPU and the wall time of the whole phase, each job's latency."""
        work: queue.SimpleQueue = queue.SimpleQueue()
        for job in jobs:
            work.put(job)
        tally = Tally(requests=len(jobs))
        lock = threading.Lock()

        def client():
            while True:
                try:
                    job = work.get_nowait()
                except queue.Empty:
                    return
                start = time.perf_counter()
                response, expect = job()
                took = (time.perf_counter() - start) * 1000
                with lock:
                    tally.latencies.append(took)
                    if response.status_code != expect:
                        self.errors.append(f"{response.request.method} {response.url}: {response.status_code}")

        workers = children(self.gunicorn_pid)
        cpu_before, start = cpu_seconds(workers), time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(self.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(600)
        tally.seconds, tally.cpu = time.perf_counter() - start, cpu_seconds(workers) - cpu_before
        return tally

    def bare_job(self):
        import requests

        local = threading.local()

        def job():
            if not hasattr(local, "http"):
                local.http = requests.Session()
            return local.http.post(self.base + "/bench/bare/", data={"n": "1"}), 200
        return job

    def round(self, reports: int, tallies: dict[str, Tally]) -> None:
        """One report per session for ``reports`` sessions, phase by phase; after each phase as
        many bare requests, so that the bare view is measured across the same stretch of time
        (and the same load from elsewhere on the machine) as the flow."""
        job = self.bare_job()
        citizens = [Citizen(self.base) for _ in range(reports)]
        for name, group, call in PHASES:
            tallies.setdefault(name, Tally()).add(self.phase([lambda c=c, call=call: call(c) for c in citizens]))
            tallies.setdefault("bare", Tally()).add(self.phase([job] * reports))
            if group == "step POST":
                # The floor under that step POST, with the same sessions (the answers so far).
                floor = [lambda c=c: c.post("/bench/session/", {}) for c in citizens]
                tallies.setdefault("floor", Tally()).add(self.phase(floor))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(len(ordered) * share)) - 1)]


def row(name: str, tally: Tally, bare_cpu: float) -> str:
    per = tally.cpu / tally.requests
    ratio = f"{per / bare_cpu:5.2f}x" if bare_cpu else "  –"
    return (f"| {name:<30} | {tally.requests:>5} | {tally.requests / tally.seconds:7.1f} | "
            f"{per * 1000:7.2f} ms | {statistics.median(tally.latencies):7.1f} ms | "
            f"{percentile(tally.latencies, 0.95):7.1f} ms | {ratio} |")


def report(tallies: dict[str, Tally]) -> dict[str, float]:
    bare = tallies["bare"]
    bare_cpu = bare.cpu / bare.requests
    print("| phase | requests | req/s | CPU per request | p50 | p95 | CPU vs bare |")
    print("|---|---|---|---|---|---|---|")
    print(row("bare one-INSERT view", bare, 0))
    print(row("floor: session, CSRF, redirect", tallies["floor"], bare_cpu))
    groups: dict[str, Tally] = {}
    for name, group, _call in PHASES:
        print(row(name, tallies[name], bare_cpu))
        groups.setdefault(group, Tally()).add(tallies[name])
    print("|  |  |  |  |  |  |  |")
    labels = {"step GET": "all wizard step GETs", "step POST": "all wizard step POSTs",
              "gate": "gate GET + POST", "check": "check page GET", "send": "send POST + done GET",
              "receipt": "receipt GET"}
    for group, label in labels.items():
        print(row(label, groups[group], bare_cpu))
    flow = Tally()
    for tally in groups.values():
        flow.add(tally)
    print(row("whole report (all requests)", flow, bare_cpu))
    ratios = {group: (t.cpu / t.requests) / bare_cpu for group, t in groups.items()}
    ratios["floor"] = (tallies["floor"].cpu / tallies["floor"].requests) / bare_cpu
    return ratios


def production_env(base_url: str, name: str, redis_url: str) -> dict[str, str]:
    """DEBUG off, as production runs: every required variable set, services local. Only TLS is
    off (DJANGO_SECURE=0: plain http on 127.0.0.1, so no https redirect and no Secure cookies)."""
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("DJANGO_", "DATABASE_", "CACHE_", "CELERY_", "EID_", "DELIVERY_", "EMAIL_",
                                  "PORTAL_"))}
    return {
        **clean,
        "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "bench-only-secret-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DATABASE_URL": database_url(base_url, name),
        "DJANGO_SETTINGS_MODULE": "citizen_settings", "PYTHONPATH": f"{ROOT / 'bench'}:{ROOT}",
        "CACHE_URL": redis_url, "BENCH_CACHE_KEY_PREFIX": name,
        "CELERY_BROKER_URL": "memory://localhost/", "EMAIL_URL": "consolemail://",
        "PORTAL_BASE_URL": "http://127.0.0.1", "DJANGO_LOG_LEVEL": "WARNING", "DJANGO_SECURE": "0",
        "DJANGO_STATIC_ROOT": f"/tmp/{name}_static", "PORTAL_VAR_DIR": f"/tmp/{name}_var",
        "EID_PROVIDER": "oidc", "EID_OIDC_ISSUER": "https://broker.invalid", "EID_OIDC_CLIENT_ID": "bench",
        "EID_OIDC_CLIENT_SECRET": "bench",
        **{f"DELIVERY_{d}_CONNECTOR": "file"
           for d in ("CRIME_REPORTS", "TIPS", "PASSPORT", "REGISTER_EXTRACTS", "PERMITS")},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--reports", type=int, default=40, help="reports (browser sessions) per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--mixed", action="store_true", help="also run whole reports free-running")
    args = parser.parse_args()
    base_url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
    name = f"portal_bench_citizen_{os.getpid()}"
    port = free_port()
    env = production_env(base_url, name, redis_url)
    with admin_connect(base_url) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    server = None
    try:
        python = str(ROOT / ".venv" / "bin" / "python")
        # The pages in Swedish, as production serves them (the catalogues are not in git).
        subprocess.run([python, "manage.py", "compile_translations"], cwd=ROOT, env=env, check=True)
        subprocess.run([python, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        with admin_connect(database_url(base_url, name)) as conn:
            conn.execute("CREATE TABLE bench_bare (id bigserial PRIMARY KEY, n integer, created_at timestamptz)")
        server = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "portal.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(args.workers), "--log-level", "warning"],
            cwd=ROOT, env=env,
        )
        base = f"http://127.0.0.1:{port}"
        import requests

        for _ in range(150):
            try:
                requests.get(base + "/favicon.ico", timeout=1)
                break
            except requests.RequestException:
                time.sleep(0.2)
        bench = Bench(base, server.pid, args.clients)
        # Warm every worker (imports, templates, catalogues, connections), outside the timing.
        bench.round(max(4, args.workers * 4), {})
        bench.errors.clear()
        print(f"gunicorn: {args.workers} sync workers, DEBUG off; {args.clients} clients; "
              f"{args.rounds} rounds of {args.reports} reports, each phase followed by {args.reports} bare requests")
        tallies: dict[str, Tally] = {}
        for _ in range(args.rounds):
            bench.round(args.reports, tallies)
        ratios = report(tallies)
        print(f"CPU per request vs bare: step GET {ratios['step GET']:.2f}x, step POST {ratios['step POST']:.2f}x "
              f"(target: at most 2x per wizard step)")
        forms_part = ratios["step POST"] - ratios["floor"]
        print(f"The floor under a step POST (session read and saved, CSRF, no-store headers, redirect; no forms): "
              f"{ratios['floor']:.2f}x; the step POST's forms and formtools add {forms_part:.2f}x")
        if args.mixed:
            mixed = bench.phase([lambda: _whole_report(base) for _ in range(args.reports)])
            steps = len(PHASES)
            print(f"mixed: {args.reports} whole reports ({args.reports * steps} requests) in {mixed.seconds:.1f} s, "
                  f"CPU {mixed.cpu * 1000 / (args.reports * steps):.2f} ms per request, "
                  f"report p50 {statistics.median(mixed.latencies):.0f} ms")
        if bench.errors:
            print(f"{len(bench.errors)} unexpected answers:", bench.errors[:10])
            return 1
        return 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(30)
        with admin_connect(base_url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        for directory in (env["DJANGO_STATIC_ROOT"], env["PORTAL_VAR_DIR"]):  # collectstatic's copy, uploads
            shutil.rmtree(directory, ignore_errors=True)


class _Whole:
    status_code = 200
    url = "whole report"

    class request:  # noqa: N801 - mimics a response's request for the error line
        method = "FLOW"


def _whole_report(base: str):
    citizen = Citizen(base)
    for _name, _group, call in PHASES:
        response, expect = call(citizen)
        if response.status_code != expect:
            return response, expect
    return _Whole(), 200


if __name__ == "__main__":
    sys.exit(main())
