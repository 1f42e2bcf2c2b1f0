"""Production settings: secrets and services come from the environment, with no silent default."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DESTINATIONS = ("CRIME_REPORTS", "TIPS", "PASSPORT", "REGISTER_EXTRACTS", "PERMITS")
PRODUCTION = {
    "DJANGO_SECRET_KEY": "s" * 50,
    "DATABASE_URL": "postgres://portal@db.example:5432/portal",
    "CACHE_URL": "redis://redis.example:6379/1",
    "CELERY_BROKER_URL": "redis://redis.example:6379/0",
    "EID_PROVIDER": "oidc",
    **{f"DELIVERY_{name}_CONNECTOR": "file" for name in DESTINATIONS},
}
PROBE = "import portal.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER)"


def settings_in(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "CACHE_", "CELERY_",
                                                                        "EID_", "DELIVERY_"))}
    return subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=60)


def test_production_settings_load_with_everything_given():
    result = settings_in(PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django.db.backends.postgresql", "False"]


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DATABASE_URL", "CACHE_URL"])
def test_production_settings_refuse_to_start_without(missing):
    result = settings_in({k: v for k, v in PRODUCTION.items() if k != missing})
    assert result.returncode != 0
    assert missing in result.stderr


def test_the_embedded_default_needs_nothing_but_debug():
    result = settings_in({"DJANGO_DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "django.db.backends.sqlite3", "True"]


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
