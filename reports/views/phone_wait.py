"""The contact centre's feed of the expected 114 14 wait (docs/phone-wait.md).

``POST /api/kontaktcenter/vantetid/`` with ``Authorization: Bearer <PHONE_WAIT_FEED_TOKEN>``
and a JSON body ``{"wait_minutes": 25, "measured_at": "2026-12-01T09:30:00+01:00"}``
(``measured_at`` optional: now). The token is compared in constant time; with no token
configured the endpoint does not exist (404).
"""
from __future__ import annotations

import hmac
import json

from django.conf import settings
from django.http import Http404, JsonResponse
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from reports import phone_wait

MAX_BODY_BYTES = 4096


def _authorised(request) -> bool:
    header = request.headers.get("Authorization", "")
    scheme, _space, token = header.partition(" ")
    expected = settings.PHONE_WAIT_FEED_TOKEN
    # compare_digest on bytes: constant time for equal lengths, and no error on non-ASCII input.
    return scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(), expected.encode())


@csrf_exempt  # a machine-to-machine endpoint: authenticated by its bearer token, never by cookies
@require_POST
def phone_wait_feed(request):
    if not settings.PHONE_WAIT_FEED_TOKEN:
        raise Http404
    if not _authorised(request):
        response = JsonResponse({"error": "unauthorised"}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="phone-wait"'
        return response
    if len(request.body) > MAX_BODY_BYTES:
        return JsonResponse({"error": "body too large"}, status=413)
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"error": "body must be JSON"}, status=400)
    if not isinstance(data, dict) or "wait_minutes" not in data:
        return JsonResponse({"error": "wait_minutes is required"}, status=400)
    measured_at = None
    if data.get("measured_at") is not None:
        try:
            measured_at = parse_datetime(str(data["measured_at"]))
        except ValueError:
            measured_at = None
        if measured_at is None:
            return JsonResponse({"error": "measured_at must be an ISO 8601 date and time"}, status=400)
    try:
        reading = phone_wait.phone_wait_record(wait_minutes=data["wait_minutes"], measured_at=measured_at)
    except phone_wait.FeedError as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse({"wait_minutes": reading.minutes, "measured_at": reading.measured_at.isoformat()}, status=201)
