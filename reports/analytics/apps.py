from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "reports.analytics"
    label = "analytics"
    verbose_name = _("Analytics")

    def ready(self) -> None:
        # Count funnel steps and record each submission's anonymous fact as they happen.
        from reports import services as report_services
        from reports.analytics import services
        from reports.views import wizard

        if services.funnel_step_count not in wizard.step_reached_hooks:
            wizard.step_reached_hooks.append(services.funnel_step_count)
        if services.submission_fact_record not in report_services.submission_created_hooks:
            report_services.submission_created_hooks.append(services.submission_fact_record)
