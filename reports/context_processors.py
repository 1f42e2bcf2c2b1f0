from django.conf import settings

from reports.middleware import staff_path

# Each language named in itself, as the language menu shows it (docs/translations.md).
LANGUAGE_NAMES_LOCAL = {
    "sv": "Svenska",
    "en": "English",
    "ar": "العربية",
    "so": "Soomaali",
    "fi": "Suomi",
    "fa": "فارسی",
    "uk": "Українська",
}
RTL_LANGUAGES = frozenset(settings.LANGUAGES_BIDI)


def portal(request):
    """Numbers shown on every page (footer, outcome pages), the language menu and the quick exit."""
    staff = request is not None and staff_path(request.path_info)
    codes = [code for code, _name in settings.LANGUAGES if not staff or code in settings.PORTAL_STAFF_LANGUAGES]
    return {
        "PHONE_EMERGENCY": settings.PORTAL_PHONE_EMERGENCY,
        "PHONE_POLICE": settings.PORTAL_PHONE_POLICE,
        "QUICK_EXIT_URL": settings.PORTAL_QUICK_EXIT_URL,
        "LANGUAGE_MENU": [
            {"code": code, "name": LANGUAGE_NAMES_LOCAL.get(code, code), "rtl": code in RTL_LANGUAGES}
            for code in codes
        ],
    }
