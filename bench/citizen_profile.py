"""Profile the theft wizard's requests in-process, with the production settings of
bench/citizen_flow.py (DEBUG off, PostgreSQL, Redis cache), through Django's test client.

    .venv/bin/python bench/citizen_profile.py --request "step GET nar-var" -n 200
    .venv/bin/python bench/citizen_profile.py --request "step POST foremal" --sort cumulative

It creates a throwaway database (``portal_bench_profile_<pid>``), migrates it, passes the
gate and files the steps up to the one named, then runs that request ``-n`` times under
cProfile and prints the top functions, and the mean wall and CPU time per request without the
profiler (the test client's own share included). The profile counts CPU time, not waits.
The database is dropped at the end.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from citizen_flow import GATE, STEPS, admin_connect, database_url, production_env  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    names = ["gate GET", "gate POST", "check page GET", "bare POST", "floor POST"]
    names += [f"step {m} {s}" for s, _ in STEPS for m in ("GET", "POST")]
    parser.add_argument("--request", choices=names, default="step POST nar-var")
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    base_url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
    name = f"portal_bench_profile_{os.getpid()}"
    env = production_env(base_url, name, redis_url)
    with admin_connect(base_url) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "manage.py", "migrate", "--noinput", "-v0"],
                       cwd=ROOT, env=env, check=True)
        subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "manage.py", "collectstatic", "--noinput", "-v0"],
                       cwd=ROOT, env=env, check=True)
        with admin_connect(database_url(base_url, name)) as conn:
            conn.execute("CREATE TABLE bench_bare (id bigserial PRIMARY KEY, n integer, created_at timestamptz)")
        os.environ.clear()
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from urllib.parse import urlencode

        from django.test import Client

        # CSRF checked, as for a browser: the token is the cookie's secret, sent with each form.
        browser = Client(enforce_csrf_checks=True, HTTP_ACCEPT_ENCODING="gzip", HTTP_HOST="127.0.0.1")
        browser.get("/stold/")
        token = browser.cookies["csrftoken"].value

        class client:  # noqa: N801 - posts urlencoded, as a browser's form does (not multipart)
            get = browser.get

            @staticmethod
            def post(path, data):
                body = urlencode({"csrfmiddlewaretoken": token, **data})
                return browser.post(path, body, content_type="application/x-www-form-urlencoded")

        assert client.post("/stold/", GATE).status_code == 302
        request = None
        if args.request == "bare POST":
            request = lambda: client.post("/bench/bare/", {"n": "1"})  # noqa: E731
        elif args.request == "gate GET":
            request = lambda: client.get("/stold/")  # noqa: E731
        elif args.request == "gate POST":
            request = lambda: client.post("/stold/", GATE)  # noqa: E731
        if args.request == "floor POST":  # after the first step: a session with answers in it
            assert client.post("/stold/steg/nar-var/", {"report_stold-current_step": "nar-var", **STEPS[0][1]}
                               ).status_code == 302
            request = lambda: client.post("/bench/session/", {})  # noqa: E731
        for step, data in STEPS:
            if request is not None:
                break
            payload = {"report_stold-current_step": step, **data}
            path = f"/stold/steg/{step}/"
            if args.request == f"step GET {step}":
                request = lambda path=path: client.get(path)  # noqa: E731
                break
            if args.request == f"step POST {step}":
                request = lambda path=path, payload=payload: client.post(path, payload)  # noqa: E731
                break
            assert client.post(path, payload).status_code == 302, step
        if args.request == "check page GET":
            request = lambda: client.get("/stold/steg/granska/")  # noqa: E731
        first = request()
        assert first.status_code in (200, 302), first.status_code
        for _ in range(20):
            request()
        start, cpu = time.perf_counter(), time.process_time()
        for _ in range(args.n):
            request()
        plain, cpu = (time.perf_counter() - start) / args.n, (time.process_time() - cpu) / args.n
        profiler = cProfile.Profile(time.process_time)  # CPU time: what the target counts
        profiler.enable()
        for _ in range(args.n):
            request()
        profiler.disable()
        print(f"{args.request}: {plain * 1000:.2f} ms wall, {cpu * 1000:.2f} ms CPU per request "
              "(in-process, client included, no profiler)")
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)
        from django.db import connections

        connections.close_all()
        return 0
    finally:
        with admin_connect(base_url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        for directory in (env["DJANGO_STATIC_ROOT"], env["PORTAL_VAR_DIR"]):  # collectstatic's copy, uploads
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
