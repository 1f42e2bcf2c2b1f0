"""Production settings: secrets and services come from the environment, with no silent default.

Each test starts Python in a subprocess with the documented production variables
(tests/production_env.py), so nothing of this process's settings leaks in.
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.production_env import PRODUCTION, environment

ROOT = Path(__file__).resolve().parent.parent
PROBE = ("import portal.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, "
         "s.SECURE_HSTS_SECONDS, s.EMAIL_BACKEND, s.EMAIL_TIMEOUT, s.PORTAL_BASE_URL)")


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def settings_in(env: dict[str, str]) -> subprocess.CompletedProcess:
    return run(["-c", PROBE], env)


def without(*names: str) -> dict[str, str]:
    env = environment()
    for name in names:
        env.pop(name)
    return env


def test_production_settings_load_with_everything_given():
    result = settings_in(environment())
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False", "django.db.backends.postgresql", "False", str(365 * 24 * 3600),
        "django.core.mail.backends.smtp.EmailBackend", "10.0", "https://e-tjanst.example",
    ]


# Every variable production cannot do without: with it missing (or empty) the portal refuses to
# start and says which variable to set, instead of falling back to tasks inside web requests,
# links to 127.0.0.1, SMTP on localhost or deliveries into local files.
REQUIRED = [
    "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "CACHE_URL", "CELERY_BROKER_URL", "EMAIL_URL",
    "PORTAL_BASE_URL", "DELIVERY_CRIME_REPORTS_CONNECTOR", "DELIVERY_TIPS_CONNECTOR", "DELIVERY_PASSPORT_URL",
    "DELIVERY_PERMITS_SECRET",
]


@pytest.mark.parametrize("missing", REQUIRED)
@pytest.mark.parametrize("how", ["unset", "empty"])
def test_production_settings_refuse_to_start_without(missing, how):
    env = without(missing) if how == "unset" else environment(**{missing: ""})
    result = settings_in(env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"Set the {missing} environment variable" in result.stderr
    assert "docs/operations.md" in result.stderr


def test_manage_py_refuses_to_start_without_a_broker():
    result = run(["manage.py", "check"], without("CELERY_BROKER_URL"))
    assert result.returncode != 0
    assert "Set the CELERY_BROKER_URL environment variable" in result.stderr


def test_check_deploy_has_no_warnings_with_the_documented_production_variables():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], environment())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_hsts_can_be_turned_down_but_is_on_by_default():
    assert "DJANGO_SECURE_HSTS_SECONDS" not in PRODUCTION
    result = settings_in(environment(DJANGO_SECURE_HSTS_SECONDS="600"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[3] == "600"


def test_the_embedded_default_needs_nothing_but_debug():
    env = {k: v for k, v in environment().items() if k not in PRODUCTION}
    result = settings_in({**env, "DJANGO_DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:3] == ["True", "django.db.backends.sqlite3", "True"]
    assert result.stdout.split()[-1] == "http://127.0.0.1:8000"


def test_every_destination_has_its_delivery_settings():
    """settings.py lists the destinations by name (it cannot import the app): keep them in step."""
    from django.conf import settings as django_settings

    from reports.constants import Destination

    assert set(django_settings.DELIVERY_DESTINATIONS) == set(Destination.values)


@pytest.mark.parametrize(("env", "expected"), [
    ({}, "http://127.0.0.1:8000"),
    ({"PORT": "8123"}, "http://127.0.0.1:8123"),  # `make run PORT=8123`
    ({"PORT": "8123", "PORTAL_BASE_URL": "https://e-tjanst.example"}, "https://e-tjanst.example"),
])
def test_the_embedded_base_url_follows_the_port(env, expected):
    clean = {k: v for k, v in os.environ.items() if k not in ("PORT", "PORTAL_BASE_URL")}
    result = subprocess.run([sys.executable, "-c", "import portal.settings as s; print(s.PORTAL_BASE_URL)"],
                            cwd=ROOT, env={**clean, "DJANGO_DEBUG": "1", **env},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
