"""personal_data_response writes the very headers Django's add_never_cache_headers and
patch_cache_control write, on a fresh response and on one that already has caching headers."""
import pytest
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import parse_http_date

from portal.security import personal_data_response


def djangos(response):
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response


@pytest.mark.parametrize("make", [
    lambda: HttpResponse("page"),
    lambda: HttpResponseRedirect("/stold/steg/foremal/"),
    lambda: _with(HttpResponse("page"), {"Cache-Control": "public, max-age=600"}),
    lambda: _with(HttpResponse("page"), {"Cache-Control": "max-age=60, no-transform"}),
    lambda: _with(HttpResponse("page"), {"Expires": "Thu, 01 Jan 2037 00:00:00 GMT"}),
])
def test_the_headers_are_djangos(make):
    ours, expected = personal_data_response(make()), djangos(make())
    assert ours["Cache-Control"] == expected["Cache-Control"]
    assert abs(parse_http_date(ours["Expires"]) - parse_http_date(expected["Expires"])) <= 1
    assert set(ours.headers) == set(expected.headers)


def _with(response, headers):
    for name, value in headers.items():
        response[name] = value
    return response
