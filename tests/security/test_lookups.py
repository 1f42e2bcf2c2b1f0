"""The citizen lookups when the cache holding their rate-limit counters (Redis) is down: a
clear "try again later" page, never a server error, and no unlimited guessing either."""
import ast
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.production_env import environment

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    """A Redis cache on a local port where nothing listens (connection refused at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": f"redis://127.0.0.1:{port}/0"}}


@pytest.fixture
def redis_silent(settings):
    """A Redis cache on a local port that takes the connection and never answers (a host that
    drops packets), with the timeouts production sets (``production_cache_options``)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    options = production_cache_options()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": f"redis://127.0.0.1:{listener.getsockname()[1]}/0",
                                   "OPTIONS": {**options, "socket_timeout": 0.5}}}  # a shorter wait
    yield
    listener.close()


def production_cache_options() -> dict:
    """The Redis cache's OPTIONS under production's settings (a subprocess: DEBUG off)."""
    probe = "import portal.settings as s; print(repr(s.CACHES['default'].get('OPTIONS')))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=Path(__file__).resolve().parents[2],
                            env=environment(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip())


def test_production_bounds_every_wait_on_redis():
    options = production_cache_options()
    assert 0 < options["socket_connect_timeout"] <= 5 and 0 < options["socket_timeout"] <= 5


def test_lookup_with_a_counter_cache_that_never_answers_answers_try_again_later(client, redis_silent):
    response = client.post("/en/arendestatus/", {"reference": "STL-AAAA-BBBB-CCCC", "email": "a@example.se"})
    assert response.status_code == 503 and response["Retry-After"] == "120"


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/en/arendestatus/", {"reference": "STL-AAAA-BBBB-CCCC", "email": "a@example.se"}),
        ("/en/pass/hantera/", {"reference": "PAS-AAAA-BBBB-CCCC", "code": "ABCD1234"}),
    ],
)
def test_lookup_with_the_counter_cache_down_answers_try_again_later(client, redis_down, path, data):
    response = client.post(path, data)
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    html = response.content.decode()
    assert "We cannot check this just now. Try again in a few minutes." in html
    assert 'value="' + data["reference"] + '"' in html  # the form comes back as it was typed
    assert client.get(path).status_code == 200  # the empty form needs no counter
