"""The language menu's links (issue 13: written from the request's own URL match instead of
resolving the path again per language) are exactly what Django's translate_url gives."""
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import translate_url

pytestmark = pytest.mark.django_db

MENU_LINK = re.compile(r'<a href="([^"]*)" lang="([a-z]+)" hreflang')


@pytest.mark.parametrize("path", [
    "/", "/en/", "/ar/", "/stold/", "/en/stold/", "/fa/stold/?x=1&y=%C3%A5", "/arendestatus/",
    "/en/no-such-page/",
])
def test_menu_links_are_translate_urls(path):
    response = Client().get(path)
    html = response.content.decode()
    links = dict((code, href.replace("&amp;", "&")) for href, code in MENU_LINK.findall(html))
    assert links, html[:500]
    request = response.wsgi_request
    others = {code for code, _name in settings.LANGUAGES} - {request.LANGUAGE_CODE}
    assert set(links) == others
    for code, href in links.items():
        assert href == translate_url(request.get_full_path(), code), code
