"""The documented production variables (docs/operations.md), for tests that start the portal
in a subprocess with DEBUG off."""
import os

DESTINATIONS = ("CRIME_REPORTS", "TIPS", "PASSPORT", "REGISTER_EXTRACTS", "PERMITS")
PREFIXES = ("DJANGO_", "DATABASE_", "CACHE_", "CELERY_", "EID_", "DELIVERY_", "EMAIL_", "PORTAL_", "AXES_")

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "production-secret-" + "k3y" * 20,
    "DJANGO_ALLOWED_HOSTS": "e-tjanst.example",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://e-tjanst.example",
    "DATABASE_URL": "postgres://portal@db.example:5432/portal",
    "CACHE_URL": "redis://redis.example:6379/1",
    "CELERY_BROKER_URL": "redis://redis.example:6379/0",
    "EMAIL_URL": "smtp+tls://portal:secret@smtp.example:587",
    "PORTAL_BASE_URL": "https://e-tjanst.example",
    "PORTAL_TRUSTED_PROXIES": "10.0.0.0/8",
    "EID_PROVIDER": "oidc",
    "EID_OIDC_ISSUER": "https://broker.example",
    "EID_OIDC_CLIENT_ID": "portal",
    "EID_OIDC_CLIENT_SECRET": "client-secret",
    **{f"DELIVERY_{name}_CONNECTOR": "http" for name in DESTINATIONS},
    **{f"DELIVERY_{name}_URL": f"https://case.example/{name.lower()}" for name in DESTINATIONS},
    **{f"DELIVERY_{name}_SECRET": f"secret-{name.lower()}" for name in DESTINATIONS},
}


def environment(**overrides: str) -> dict[str, str]:
    """This process's environment without any portal variable, plus PRODUCTION and the overrides."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(PREFIXES)}
    return {**clean, **PRODUCTION, **overrides}
