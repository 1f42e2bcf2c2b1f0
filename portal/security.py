"""Who the client is behind the proxy, and the security headers of every response.

``client_ip`` is the one answer to "which address is this request from" for rate limits and
the staff login lockout (django-axes calls it through ``AXES_CLIENT_IP_CALLABLE``). Only a
peer listed in ``PORTAL_TRUSTED_PROXIES`` may name the client in ``X-Forwarded-For``: from
anyone else the header is ignored, so a citizen cannot pick a fresh address per try. Behind
trusted proxies the header is read from the right, skipping the proxies' own entries, and the
first address that is not a trusted proxy is the client (entries further left were written
by the client itself and prove nothing).
"""
from __future__ import annotations

import ipaddress
from functools import lru_cache, wraps

from django.conf import settings
from django.utils.cache import add_never_cache_headers

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in trusted if entry.strip())


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1:value.index("]")]
    elif value.count(":") == 1:  # 192.0.2.1:443
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _trusted(address, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(request) -> str:
    """The address of the client that sent this request, as rate limits should count it."""
    peer = request.META.get("REMOTE_ADDR", "") or ""
    networks = _networks(tuple(getattr(settings, "PORTAL_TRUSTED_PROXIES", ()) or ()))
    if not networks or not _trusted(_address(peer), networks):
        return peer
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for entry in reversed(forwarded):
        address = _address(entry)
        if address is None:  # garbage in the chain: stop at the last address a proxy vouched for
            return peer
        if not _trusted(address, networks):
            return str(address)
        peer = str(address)
    return peer


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response; ``no-store`` where asked.

    Views that show personal data mark their response with ``personal_data_response`` (or the
    ``personal_data`` decorator), so no browser or proxy cache keeps a copy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PORTAL_CONTENT_SECURITY_POLICY", "")
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        permissions = getattr(settings, "PORTAL_PERMISSIONS_POLICY", "")
        if permissions and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = permissions
        if getattr(response, "personal_data", False) or getattr(request, "personal_data", False):
            personal_data_response(response)
        return response


class RejectNulBytesMiddleware:
    """A NUL byte in the path, the query or a form field is never typed by a person: answer 400.

    PostgreSQL refuses NUL in text, so such input would otherwise fail deep inside a view.
    Uploaded files are not affected (they are bytes, checked by their content).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            from django.core.exceptions import BadRequest

            raise BadRequest("NUL byte in the request")
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path_info:
            return True
        if any("\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values):
            return True
        if request.method == "POST" and request.content_type in ("application/x-www-form-urlencoded",
                                                                  "multipart/form-data"):
            return any("\x00" in key or "\x00" in value for key, values in request.POST.lists() for value in values)
        return False


def personal_data_response(response):
    """Forbid every cache to store this response: it shows personal data. Django's
    ``add_never_cache_headers`` writes ``no-store`` and ``private`` with the rest."""
    add_never_cache_headers(response)
    return response


def personal_data(view):
    """Decorator: the view's responses show personal data and must not be stored by any cache."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.personal_data = True
        return view(request, *args, **kwargs)

    return wrapper
