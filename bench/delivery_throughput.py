"""Deliveries per second through a real Celery worker to a local case system.

Creates N deliveries with ``delivery_create`` (as the portal does), lets a real
``celery -A portal worker`` process (Redis broker) post them over HTTP with signature and
idempotency key to a local receiver, and measures until the last one is delivered. Beside it,
in the same run, a plain loop of the same signed HTTP posts without queue or database, so
the cost of the outbox (rows, claim, attempt history, broker round trip) is visible.

    DJANGO_DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
        .venv/bin/python bench/delivery_throughput.py [-n 500] [--concurrency 2]

Environment: CELERY_BROKER_URL (default redis://127.0.0.1:6379/6; the db is flushed),
DATABASE_URL (migrated if needed; the benchmark's rows are deleted afterwards).
Not part of the test suite.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.delivery.receiver import Receiver  # noqa: E402

DESTINATION = "crime_reports"
SECRET = "bench-secret"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=500, help="deliveries (default 500)")
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes (default 2)")
    args = parser.parse_args()

    receiver = Receiver({DESTINATION: SECRET}).start()
    broker_url = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/6")
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "CELERY_BROKER_URL": broker_url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "DELIVERY_CRIME_REPORTS_CONNECTOR": "http",
        "DELIVERY_CRIME_REPORTS_URL": receiver.url(DESTINATION),
        "DELIVERY_CRIME_REPORTS_SECRET": SECRET,
        "DELIVERY_CRIME_REPORTS_TIMEOUT": "10",
        "DJANGO_LOG_LEVEL": "WARNING",
    })
    import django

    django.setup()
    import redis
    import requests
    from django.core.management import call_command
    from django.db import connection, transaction

    from reports.delivery.connectors import payload_body, signature_compute
    from reports.delivery.constants import DeliveryStatus
    from reports.delivery.models import Delivery
    from reports.delivery.services import delivery_create

    call_command("migrate", verbosity=0)
    redis.Redis.from_url(broker_url).flushdb()
    payload = {
        "reference": "", "service": "stold", "destination": DESTINATION, "language": "sv",
        "answers": {"what_happened": "Min cykel stals utanför biblioteket. " * 20},
        "items": [{"kind": "bicycle", "description": "Blå cykel", "value_sek": 4500}],
    }

    worker = subprocess.Popen(
        [str(Path(sys.executable).with_name("celery")), "-A", "portal", "worker", "--pool=prefork",
         f"--concurrency={args.concurrency}", "--loglevel=WARNING", "--without-gossip", "--without-mingle",
         "-n", f"bench-{uuid.uuid4().hex[:6]}@%h"],
        cwd=ROOT, env={**os.environ, "DATABASE_CONN_MAX_AGE": "60"}, start_new_session=True,
    )
    marker = f"BENCH-{uuid.uuid4().hex[:6].upper()}"
    try:
        time.sleep(3)  # let the worker connect; its start-up is not what is measured
        started = time.perf_counter()
        for number in range(args.n):
            reference = f"{marker}-{number:05d}"
            with transaction.atomic():
                delivery_create(destination=DESTINATION, source_kind="bench", source_id=number,
                                reference=reference, payload={**payload, "reference": reference})
        created = time.perf_counter()
        mine = Delivery.objects.filter(reference__startswith=marker)
        while mine.filter(status=DeliveryStatus.DELIVERED).count() < args.n:
            if worker.poll() is not None:
                raise SystemExit("the worker exited")
            time.sleep(0.05)
        delivered = time.perf_counter()
        failed = mine.exclude(status=DeliveryStatus.DELIVERED).count()

        session = requests.Session()
        loop_started = time.perf_counter()
        for number in range(args.n):
            body = payload_body({**payload, "reference": f"{marker}-LOOP-{number:05d}"})
            timestamp = str(int(time.time()))
            response = session.post(receiver.url(DESTINATION), data=body, timeout=10, headers={
                "Content-Type": "application/json; charset=utf-8",
                "Idempotency-Key": str(uuid.uuid4()),
                "X-Portal-Timestamp": timestamp,
                "X-Portal-Signature": signature_compute(secret=SECRET, timestamp=timestamp, body=body),
            })
            response.raise_for_status()
        loop_done = time.perf_counter()
    finally:
        os.killpg(worker.pid, 15)
        worker.wait(timeout=30)
        Delivery.objects.filter(reference__startswith=marker).delete()
        receiver.stop()

    outbox_seconds = delivered - started
    loop_seconds = loop_done - loop_started
    print(f"database: {connection.vendor}, broker: {broker_url}, worker concurrency: {args.concurrency}")
    print(f"{'path':<44}{'deliveries':>11}{'seconds':>10}{'per second':>12}")
    print(f"{'outbox + Celery worker + HTTP (end to end)':<44}{args.n:>11}{outbox_seconds:>10.2f}"
          f"{args.n / outbox_seconds:>12.1f}")
    print(f"{'  of which writing the outbox rows':<44}{args.n:>11}{created - started:>10.2f}"
          f"{args.n / (created - started):>12.1f}")
    print(f"{'plain loop of the same HTTP posts':<44}{args.n:>11}{loop_seconds:>10.2f}"
          f"{args.n / loop_seconds:>12.1f}")
    print(f"cases registered by the receiver: {len(receiver.state.cases)} (expected {2 * args.n}); "
          f"undelivered: {failed}")
    return 0 if failed == 0 and len(receiver.state.cases) == 2 * args.n else 1


if __name__ == "__main__":
    raise SystemExit(main())
