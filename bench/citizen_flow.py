"""Benchmark: whole theft reports by concurrent clients through gunicorn + PostgreSQL, beside a
bare one-INSERT Django view, in the same run.

    DJANGO_DEBUG=1 .venv/bin/python bench/citizen_flow.py --clients 8 --reports 40

It creates a throwaway PostgreSQL database (``portal_bench_citizen_<pid>``) on the server named
by ``BENCH_POSTGRES_URL`` (default postgres://postgres@127.0.0.1:5432/postgres), migrates it,
starts gunicorn (sync workers, ``--workers``) on a free port of 127.0.0.1 with the portal's
settings plus one extra URL (``bench/citizen_settings.py``: ``/bench/bare/`` inserts one row,
through the same middleware), then:

* bare: the clients POST to the bare view;
* flow: each client files whole theft reports as a browser would (the gate, every step's GET
  and POST with the CSRF token, the check page, the send, the receipt; gzip accepted).

For each phase it prints requests per second, the gunicorn workers' CPU per request (from
/proc: user + system time of the worker processes during the phase, divided by the requests)
and p50/p95 latency; for the flow also the wizard step POSTs' latency and the CPU per step
relative to the bare view. The server and the database go away at the end, whatever happens.
Mail and deliveries are queued on an in-memory broker, not run.
"""
from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
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


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {}
        self.errors: list[str] = []

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds * 1000)


def timed(recorder, kind, call, *args, **kwargs):
    start = time.perf_counter()
    response = call(*args, **kwargs)
    recorder.add(kind, time.perf_counter() - start)
    if response.status_code >= 400:
        recorder.errors.append(f"{kind} {response.status_code} {response.url}")
    return response


def csrf_of(response) -> str:
    match = CSRF.search(response.text)
    return match.group(1) if match else ""


def file_report(base: str, recorder: Recorder) -> None:
    import requests

    session = requests.Session()
    session.headers["Accept-Encoding"] = "gzip"
    get = lambda path, kind="get": timed(recorder, kind, session.get, base + path, allow_redirects=False)  # noqa: E731

    def post(path, data, kind):
        page = get(path)
        return timed(recorder, kind, session.post, base + path,
                     data={"csrfmiddlewaretoken": csrf_of(page), **data}, allow_redirects=False,
                     headers={"Referer": base + path})

    post("/stold/", GATE, "gate_post")
    for step, data in (("nar-var", THEFT_WHEN_WHERE), ("foremal", THEFT_ITEMS), ("om-dig", THEFT_ABOUT_YOU)):
        post(f"/stold/steg/{step}/", {"report_stold-current_step": step, **data}, "step_post")
    check = get("/stold/steg/granska/")
    token = TOKEN.search(check.text)
    if not token:
        recorder.errors.append("no check page token")
        return
    sent = timed(recorder, "step_post", session.post, base + "/stold/steg/granska/", allow_redirects=False,
                 data={"csrfmiddlewaretoken": csrf_of(check), "report_stold-current_step": "granska",
                       "granska-token": token.group(1), "granska-confirm": "on"},
                 headers={"Referer": base + "/stold/steg/granska/"})
    location = sent.headers.get("Location", "")
    while location:  # formtools' done step, then the receipt
        response = get(location if location.startswith("/") else location.replace(base, ""))
        location = response.headers.get("Location", "")


def bare_requests(base: str, recorder: Recorder, count: int) -> None:
    import requests

    session = requests.Session()
    for _ in range(count):
        timed(recorder, "bare_post", session.post, base + "/bench/bare/", data={"n": "1"})


def run_phase(name, target, clients, gunicorn_pid, recorder):
    workers = children(gunicorn_pid)
    cpu_before, start = cpu_seconds(workers), time.perf_counter()
    threads = [threading.Thread(target=target) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(600)
    elapsed, cpu = time.perf_counter() - start, cpu_seconds(workers) - cpu_before
    requests_done = sum(len(v) for v in recorder.latencies.values())
    everything = sorted(x for v in recorder.latencies.values() for x in v)
    print(f"{name:<6} {requests_done:>6} requests in {elapsed:6.1f} s: {requests_done / elapsed:7.1f} req/s, "
          f"CPU {cpu * 1000 / requests_done:6.2f} ms/request, p50 {statistics.median(everything):6.1f} ms, "
          f"p95 {everything[int(len(everything) * 0.95) - 1]:6.1f} ms, errors {len(recorder.errors)}")
    for kind, values in sorted(recorder.latencies.items()):
        values = sorted(values)
        print(f"    {kind:<10} {len(values):>6}  p50 {statistics.median(values):6.1f} ms  "
              f"p95 {values[int(len(values) * 0.95) - 1]:6.1f} ms")
    return cpu, requests_done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--reports", type=int, default=40, help="whole reports in all")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    base_url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = f"portal_bench_citizen_{os.getpid()}"
    port = free_port()
    env = {
        **os.environ, "DJANGO_DEBUG": "1",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DATABASE_URL": database_url(base_url, name),
        "DJANGO_SETTINGS_MODULE": "citizen_settings", "PYTHONPATH": f"{ROOT / 'bench'}:{ROOT}",
        "CELERY_BROKER_URL": "memory://localhost/", "DJANGO_LOG_LEVEL": "WARNING", "PORTAL_STAFF_OTP_REQUIRED": "0",
        "DJANGO_SECURE": "0", "DJANGO_STATIC_ROOT": f"/tmp/{name}_static",
        "PORTAL_VAR_DIR": f"/tmp/{name}_var", "CACHE_URL": "locmemcache://",
    }
    with admin_connect(base_url) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    server = None
    try:
        python = str(ROOT / ".venv" / "bin" / "python")
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
        # Warm every worker once (imports, templates, the municipality list), outside the timing.
        for _ in range(args.workers * 2):
            file_report(base, Recorder())
        per_client = max(1, args.reports // args.clients)
        print(f"gunicorn: {args.workers} sync workers; {args.clients} clients, {per_client} reports each")
        bare = Recorder()
        bare_cpu, bare_n = run_phase("bare", lambda: bare_requests(base, bare, per_client * 12),
                                     args.clients, server.pid, bare)
        flow = Recorder()
        flow_cpu, flow_n = run_phase(
            "flow", lambda: [file_report(base, flow) for _ in range(per_client)], args.clients, server.pid, flow
        )
        per_bare = bare_cpu / bare_n
        per_flow = flow_cpu / flow_n
        print(f"CPU per request: flow {per_flow * 1000:.2f} ms vs bare {per_bare * 1000:.2f} ms "
              f"= {per_flow / per_bare:.2f}x (target: at most 2x per wizard step)")
        if bare.errors or flow.errors:
            print("errors:", (bare.errors + flow.errors)[:10])
            return 1
        return 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(30)
        with admin_connect(base_url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
