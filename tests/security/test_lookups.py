"""The citizen lookups when the cache holding their rate-limit counters (Redis) is down: a
clear "try again later" page, never a server error, and no unlimited guessing either."""
import socket

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    """A Redis cache on a local port where nothing listens (connection refused at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": f"redis://127.0.0.1:{port}/0"}}


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
