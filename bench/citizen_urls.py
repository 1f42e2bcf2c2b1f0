"""The portal's URLs plus ``/bench/bare/``: one INSERT through the same middleware (bench only)."""
from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal.urls import urlpatterns as portal_urlpatterns


@csrf_exempt
@require_POST
def bare(request):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_bare (n, created_at) VALUES (%s, now())", [len(request.POST)])
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), *portal_urlpatterns]
