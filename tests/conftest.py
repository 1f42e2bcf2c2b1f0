"""Fixtures shared by the whole suite.

The suite runs against real services: PostgreSQL (DATABASE_URL), Redis and a Celery worker
where a test asks for them, and Debian's Chromium for the browser tests. A missing service is
a failure, never a skip.
"""
import os
import uuid

import pytest
from django.db import connection

# One id per test run: the test database name and the Redis database come from it, so that
# several runs on one machine (developers, helpers, CI) never share state.
RUN_ID = os.environ.get("PORTAL_TEST_RUN_ID") or f"{os.getpid()}_{uuid.uuid4().hex[:6]}"
REDIS_CLAIM_KEY = "portal-test-run-claim:{db}"
REDIS_CLAIM_SECONDS = 6 * 3600
_claimed_redis: tuple[str, int] | None = None


def _claim_redis_database(url: str) -> str:
    """Claim a Redis database (1-15) for this run on the server that ``url`` names.

    The claim is a key in database 0, set only if absent and released at the end of the run;
    a run that crashed leaves a claim that expires after a few hours. With all 15 claimed the
    run fails: two runs flushing the same database would break each other's tests.
    """
    global _claimed_redis
    import redis as redis_lib

    base = url.rsplit("/", 1)[0] if url.count("/") > 2 else url.rstrip("/")
    client = redis_lib.Redis.from_url(f"{base}/0", socket_connect_timeout=2)
    for db in range(1, 16):
        if client.set(REDIS_CLAIM_KEY.format(db=db), RUN_ID, nx=True, ex=REDIS_CLAIM_SECONDS):
            _claimed_redis = (base, db)
            return f"{base}/{db}"
    raise pytest.UsageError(f"every Redis database on {base} is claimed by another test run")


def pytest_configure(config):
    url = os.environ.get("PORTAL_TEST_REDIS_URL")
    if url and os.environ.get("PORTAL_TEST_REDIS_FIXED") != "1":
        try:
            os.environ["PORTAL_TEST_REDIS_URL"] = _claim_redis_database(url)
        except Exception as exc:  # Redis down: the tests that need it fail with a clear message
            if isinstance(exc, pytest.UsageError):
                raise
            print(f"could not claim a Redis database on {url}: {exc}")


def pytest_unconfigure(config):
    if _claimed_redis is None:
        return
    import redis as redis_lib

    base, db = _claimed_redis
    client = redis_lib.Redis.from_url(f"{base}/0", socket_connect_timeout=2)
    if client.get(REDIS_CLAIM_KEY.format(db=db)) == RUN_ID.encode():
        redis_lib.Redis.from_url(f"{base}/{db}", socket_connect_timeout=2).flushdb()
        client.delete(REDIS_CLAIM_KEY.format(db=db))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """A PostgreSQL test database named after this run (test_portal_<run>), not a fixed name."""
    from django.conf import settings as django_settings

    for alias in django_settings.DATABASES:
        db = django_settings.DATABASES[alias]
        if db["ENGINE"].endswith("postgresql"):
            db.setdefault("TEST", {})["NAME"] = f"test_{db['NAME']}_{RUN_ID}"

# CI explores the same hypothesis examples on every run, so a landing never depends on luck;
# local runs keep exploring new ones (and the local example database replays any failure).
if os.environ.get("CI") == "true":
    from hypothesis import settings as hypothesis_settings

    hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
    hypothesis_settings.load_profile("ci")

# Playwright's sync API keeps an event loop in the test thread; the ORM calls made by the
# tests themselves happen outside it, so Django's async guard would only get in the way.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def _real_database_when_required(django_db_blocker):
    """CI sets PORTAL_REQUIRE_POSTGRES=1: then running on anything else is an error."""
    if os.environ.get("PORTAL_REQUIRE_POSTGRES") == "1":
        with django_db_blocker.unblock():
            assert connection.vendor == "postgresql", f"expected PostgreSQL, got {connection.vendor}"


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language (Swedish): a request made by an earlier test
    leaves its language active in the thread, which would make tests depend on their order."""
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PORTAL_VAR_DIR = tmp_path
    return settings.MEDIA_ROOT


@pytest.fixture
def gate_answers_all_no():
    """Answers to every gate question that send nobody elsewhere (has an identity number)."""

    def build(service):
        answers = {q.id: "no" for q in service.questions}
        if "has_identity_number" in answers:
            answers["has_identity_number"] = "yes"
        return answers

    return build


@pytest.fixture
def celery_eager(settings):
    """Run tasks in-process, as the embedded default does."""
    from portal.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.task_always_eager = True
    yield app


def pytest_sessionfinish(session, exitstatus):
    """A skipped test hides something that did not run: `make test` treats it as a failure."""
    if os.environ.get("PORTAL_NO_SKIPS") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and session.exitstatus == 0:
        reporter.write_line(f"{len(skipped)} test(s) skipped: the suite must run everything", red=True)
        session.exitstatus = 1
