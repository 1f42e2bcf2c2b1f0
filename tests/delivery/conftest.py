"""Real services for the delivery tests: Redis (PORTAL_TEST_REDIS_URL), a Celery worker
process reading the test database, and a local case-system receiver.

Small backoffs, timeouts and leases go to the worker through its environment so that the
slow paths (retries, dead letters, a killed worker) run in seconds.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from django.db import connection

from reports.constants import Destination
from tests.delivery.receiver import Receiver

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")

TEST_DELIVERY_SETTINGS = {
    "DELIVERY_MAX_ATTEMPTS": 4,
    "DELIVERY_BACKOFF_BASE": 0.2,
    "DELIVERY_BACKOFF_CAP": 0.5,
    "DELIVERY_LEASE_SECONDS": 8,  # above HTTP_TIMEOUT: a slow attempt is not a dead worker
    "DELIVERY_REQUEUE_AFTER": 2,
}
HTTP_TIMEOUT = 5


def secret_for(destination: str) -> str:
    return f"test-secret-{destination}"


def wait_for(predicate, *, timeout: float = 30.0, interval: float = 0.1, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}")


@pytest.fixture(scope="session")
def redis_url() -> str:
    url = os.environ.get("PORTAL_TEST_REDIS_URL")
    if not url:
        pytest.fail("PORTAL_TEST_REDIS_URL is not set: the delivery tests need a real Redis")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        pytest.fail(f"Redis at {url} is unreachable: {exc}")
    return url


@pytest.fixture(scope="session")
def receiver():
    stub = Receiver({d.value: secret_for(d.value) for d in Destination}).start()
    yield stub
    stub.stop()


@pytest.fixture(autouse=True)
def _receiver_reset(request):
    yield
    if "receiver" in request.fixturenames:
        stub = request.getfixturevalue("receiver")
        stub.state.release.set()
        if stub._server is None:
            stub.start()
        stub.reset()


class WorkerProcess:
    """A real ``celery -A portal worker`` subprocess; ``kill()`` sends SIGKILL to the group."""

    def __init__(self, env: dict[str, str], log_dir: Path) -> None:
        self.env = env
        self.log_dir = log_dir
        self.process: subprocess.Popen | None = None
        self.log_path: Path | None = None

    def start(self) -> WorkerProcess:
        self.log_path = self.log_dir / f"worker-{uuid.uuid4().hex[:8]}.log"
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [str(CELERY), "-A", "portal", "worker", "--pool=prefork", "--concurrency=1",
             "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "-n", f"delivery-test-{uuid.uuid4().hex[:6]}@%h"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        log.close()
        wait_for(self._ready, timeout=30, message="the Celery worker to be ready")
        return self

    def _ready(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"the worker exited:\n{self.log()}")
        return " ready." in self.log()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path else ""

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL the worker and its pool children at once, as a lost machine would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.running:
            os.killpg(self.process.pid, signal.SIGQUIT)  # cold shutdown: nothing left to finish
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


@pytest.fixture(scope="session")
def worker_env(django_db_setup, redis_url, receiver, tmp_path_factory) -> dict[str, str]:
    db = connection.settings_dict
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    database_url = f"postgres://{db['USER'] or 'postgres'}@{host}:{port}/{db['NAME']}"
    if connection.vendor != "postgresql":
        pytest.fail("the delivery integration tests need PostgreSQL (DATABASE_URL=postgres://…)")
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "0",
        "CELERY_BROKER_URL": redis_url,
        "PORTAL_VAR_DIR": str(tmp_path_factory.mktemp("worker-var")),
        **{key: str(value) for key, value in TEST_DELIVERY_SETTINGS.items()},
    }
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    for destination in Destination:
        prefix = f"DELIVERY_{destination.value.upper()}_"
        env[prefix + "CONNECTOR"] = "http"
        env[prefix + "URL"] = receiver.url(destination.value)
        env[prefix + "SECRET"] = secret_for(destination.value)
        env[prefix + "TIMEOUT"] = str(HTTP_TIMEOUT)
    return env


@pytest.fixture(scope="module")
def _worker_process(worker_env, tmp_path_factory):
    """One worker per test module, stopped after it: nothing else in the suite meets it."""
    process = WorkerProcess(worker_env, tmp_path_factory.mktemp("worker-logs"))
    yield process
    process.stop()


@pytest.fixture
def broker(redis_url, settings):
    """Point this process's Celery app at the test Redis (not eager); flush it around the test."""
    from portal.celery import app

    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    saved = {key: app.conf.get(key) for key in ("broker_url", "task_always_eager")}
    for key, value in TEST_DELIVERY_SETTINGS.items():
        setattr(settings, key, value)
    broker_point(app, redis_url)
    yield app
    broker_point(app, saved["broker_url"], eager=saved["task_always_eager"])
    client.flushdb()


@contextmanager
def broker_down():
    """Publishing fails, as with a broker that is down (a closed port, not eager), until the end
    of the block; then the portal's Celery app is as it was."""
    from portal.celery import app
    from tests.delivery.test_worker_integration import closed_port

    saved = app.conf.broker_url, app.conf.task_always_eager
    broker_point(app, f"redis://127.0.0.1:{closed_port()}/0")
    try:
        yield
    finally:
        broker_point(app, saved[0], eager=saved[1])


def broker_point(app, url: str, *, eager: bool = False) -> None:
    """Make the app publish to ``url`` from now on (dropping pooled connections to the old one)."""
    from kombu import pools

    app.conf.update(broker_url=url, task_always_eager=eager)
    pools.reset()  # closes and forgets kombu's shared connection and producer pools
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def worker(_worker_process, broker):
    """A running worker (restarted if a test killed it)."""
    if not _worker_process.running:
        _worker_process.start()
    return _worker_process
