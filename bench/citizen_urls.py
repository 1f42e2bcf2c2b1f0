"""The portal's URLs plus two views for the benchmark only, through the same middleware:
``/bench/bare/`` (one INSERT) and ``/bench/session/`` (what a wizard step POST does besides its
forms: the session read and written, the CSRF check, the no-store headers, a redirect)."""
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal.security import personal_data
from portal.urls import urlpatterns as portal_urlpatterns


@csrf_exempt
@require_POST
def bare(request):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_bare (n, created_at) VALUES (%s, now())", [len(request.POST)])
    return HttpResponse("ok")


@require_POST
@personal_data
def session_floor(request):
    """The floor under every step POST: the person's real session (the wizard's answers so far)
    read and saved again, CSRF checked, no-store headers, a redirect. No form, no formtools."""
    request.session["wizard_report_stold"] = request.session.get("wizard_report_stold")
    return HttpResponseRedirect("/stold/steg/foremal/")


urlpatterns = [path("bench/bare/", bare), path("bench/session/", session_floor), *portal_urlpatterns]
