"""Staff pages stay Swedish or English (docs/translations.md).

The citizen pages are offered in every language of ``settings.LANGUAGES``; the staff areas
(triage, analytics, deliveries, the admin and the passport office's day list) are written
for staff and translated to Swedish and English only. A staff URL with another language's
prefix (``/ar/personal/…``) is redirected to the same page in Swedish, so no staff page is
ever shown half in a language nobody reviewed for it.
"""
from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.translation import get_language

# Paths (without the language prefix) that only staff use.
STAFF_PATH = re.compile(r"^/(personal/|pass/personal/)")


def _without_prefix(path: str) -> str:
    codes = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    return re.sub(rf"^/({codes})(?=/)", "", path)


def staff_path(path: str) -> bool:
    """Whether ``path`` (with or without a language prefix) is a staff page."""
    return bool(STAFF_PATH.match(_without_prefix(path)))


class StaffLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = get_language()
        if language not in settings.PORTAL_STAFF_LANGUAGES and staff_path(request.path_info):
            # Swedish, the default, has no prefix.
            return HttpResponseRedirect(_without_prefix(request.get_full_path()))
        return self.get_response(request)
