"""Fixtures shared by the whole suite.

The suite runs against real services: PostgreSQL (DATABASE_URL), Redis and a Celery worker
where a test asks for them, and Debian's Chromium for the browser tests. A missing service is
a failure, never a skip.
"""
import os

import pytest
from django.db import connection

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
