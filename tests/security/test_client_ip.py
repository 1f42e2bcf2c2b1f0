"""Behind the proxy, rate limits and the staff login lockout count the real client.

Only a peer in PORTAL_TRUSTED_PROXIES may name the client in X-Forwarded-For; from anyone
else the header is ignored (a citizen cannot pick a new address per try).
"""
import os

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import RequestFactory

from portal.security import client_ip

pytestmark = pytest.mark.django_db
PROXIES = ["10.0.0.0/8", "2001:db8:1::/48"]


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        ("203.0.113.9", "", "203.0.113.9"),  # no proxy: the peer
        ("203.0.113.9", "198.51.100.7", "203.0.113.9"),  # untrusted peer: the header is a lie
        ("10.0.0.2", "198.51.100.7", "198.51.100.7"),  # one trusted proxy
        ("10.0.0.2", "198.51.100.7, 10.1.1.1", "198.51.100.7"),  # two trusted proxies
        ("10.0.0.2", "1.2.3.4, 198.51.100.7", "198.51.100.7"),  # what the client wrote itself is skipped
        ("10.0.0.2", "", "10.0.0.2"),  # a trusted proxy without the header
        ("10.0.0.2", "not-an-address", "10.0.0.2"),  # garbage: stop at the proxy
        ("10.0.0.2", "10.0.0.3", "10.0.0.3"),  # only proxies: the leftmost one vouched for
        ("2001:db8:1::5", "[2001:db8:ff::1]:443", "2001:db8:ff::1"),  # IPv6 with port
        ("10.0.0.2", "198.51.100.7:5555", "198.51.100.7"),  # IPv4 with port
    ],
)
def test_client_ip(settings, peer, forwarded, expected):
    settings.PORTAL_TRUSTED_PROXIES = PROXIES
    request = RequestFactory().get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.PORTAL_TRUSTED_PROXIES = []
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert client_ip(request) == "10.0.0.2"


@pytest.fixture
def redis_cache(settings):
    url = os.environ.get("PORTAL_TEST_REDIS_URL")
    if not url:
        pytest.fail("PORTAL_TEST_REDIS_URL is not set: the rate limit is tested on a real Redis")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url,
                                   "KEY_PREFIX": "test-client-ip"}}
    cache.clear()
    yield
    cache.clear()


def status_lookup(client, *, peer, forwarded=""):
    return client.post("/en/arendestatus/", {"reference": "STL-AAAA-BBBB-CCCC", "email": "a@example.se"},
                       REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded)


def test_status_lookup_limit_counts_the_client_behind_trusted_proxies(client, settings, redis_cache):
    settings.PORTAL_TRUSTED_PROXIES = PROXIES
    settings.STATUS_LOOKUP_MAX_TRIES = 3
    # Four clients behind the same proxy: none of them reaches the limit on the proxy's behalf.
    # (The per-reference counter is the same for all, so each client tries its own reference.)
    for n in range(4):
        response = client.post("/en/arendestatus/", {"reference": f"STL-AAAA-BBBB-CCC{n}", "email": "a@example.se"},
                               REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        assert response.status_code == 200
    # One client through two different proxies is one client.
    for n in range(4):
        response = client.post("/en/arendestatus/", {"reference": f"STL-XXXX-BBBB-CCC{n}", "email": "a@example.se"},
                               REMOTE_ADDR=f"10.0.0.{2 + n % 2}", HTTP_X_FORWARDED_FOR="198.51.100.200")
    assert response.status_code == 429


def test_status_lookup_limit_ignores_forwarded_headers_from_untrusted_peers(client, settings, redis_cache):
    settings.PORTAL_TRUSTED_PROXIES = PROXIES
    settings.STATUS_LOOKUP_MAX_TRIES = 3
    codes = []
    for n in range(4):
        response = client.post("/en/arendestatus/", {"reference": f"STL-AAAA-BBBB-CCC{n}", "email": "a@example.se"},
                               REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        codes.append(response.status_code)
    assert codes == [200, 200, 200, 429]


def test_booking_lookup_limit_counts_the_client_behind_trusted_proxies(client, settings, redis_cache):
    settings.PORTAL_TRUSTED_PROXIES = PROXIES
    settings.BOOKING_LOOKUP_MAX_TRIES = 3
    codes = []
    for n in range(4):
        response = client.post("/en/pass/hantera/", {"reference": f"PAS-AAAA-BBBB-CCC{n}", "code": "123456"},
                               REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.200")
        codes.append(response.status_code)
    assert codes == [200, 200, 200, 429]
    response = client.post("/en/pass/hantera/", {"reference": "PAS-AAAA-BBBB-CCC9", "code": "123456"},
                           REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.201")
    assert response.status_code == 200  # another client behind the same proxy is not blocked


def failed_login(client, *, username, peer, forwarded=""):
    return client.post("/personal/login/", {"username": username, "password": "wrong-password"},
                       REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded)


def test_login_lockout_counts_the_client_behind_a_trusted_proxy(client, settings):
    settings.PORTAL_TRUSTED_PROXIES = PROXIES
    settings.PORTAL_STAFF_OTP_REQUIRED = False
    # Many people behind the proxy mistype their passwords: the proxy is not locked out.
    for n in range(settings.AXES_FAILURE_LIMIT + 2):
        response = failed_login(client, username=f"user{n}", peer="10.0.0.2", forwarded=f"198.51.100.{n}")
        assert response.status_code == 200
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        f"198.51.100.{n}" for n in range(settings.AXES_FAILURE_LIMIT + 2)
    }
    # One client guessing many accounts through the proxy is locked out by its own address.
    codes = [failed_login(client, username=f"guess{n}", peer="10.0.0.2", forwarded="198.51.100.250").status_code
             for n in range(settings.AXES_FAILURE_LIMIT)]
    assert codes[-1] == 429
    assert failed_login(client, username="other", peer="10.0.0.2", forwarded="198.51.100.251").status_code == 200


def test_login_lockout_ignores_forwarded_headers_from_untrusted_peers(client, settings):
    settings.PORTAL_TRUSTED_PROXIES = PROXIES
    settings.PORTAL_STAFF_OTP_REQUIRED = False
    codes = [failed_login(client, username=f"guess{n}", peer="203.0.113.9", forwarded=f"198.51.100.{n}").status_code
             for n in range(settings.AXES_FAILURE_LIMIT)]
    assert codes[-1] == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
