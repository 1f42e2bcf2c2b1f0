from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

TEST_PROVIDER_REFUSED = (
    "EID_PROVIDER=test: the test e-identification provider lets anyone pick any identity and "
    "only runs with DJANGO_DEBUG=1. Configure EID_PROVIDER=oidc for production."
)


class EidConfig(AppConfig):
    name = "reports.eid"
    label = "eid"
    verbose_name = _("E-identification")

    def ready(self) -> None:
        from reports.eid.providers import oidc, test  # noqa: F401 - they register themselves

        if settings.EID_PROVIDER == "test" and not settings.DEBUG:
            raise ImproperlyConfigured(TEST_PROVIDER_REFUSED)
        checks.register(check_provider)


def check_provider(app_configs=None, **kwargs):
    """Start-up check: the chosen provider exists and its settings are complete."""
    from reports.eid.providers import provider_get

    try:
        provider = provider_get()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="eid.E001")]
    if provider.id == "test" and not settings.DEBUG:
        return [checks.Error(TEST_PROVIDER_REFUSED, id="eid.E002")]
    return [checks.Error(message, id="eid.E003") for message in provider.configuration_errors()]
