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

        # After the other areas' demo rows (this app is ready last), so the dashboard shows them.
        from reports.management.commands.demo_data import DEMO_DATA_HOOKS

        if _demo_rollups not in DEMO_DATA_HOOKS:
            DEMO_DATA_HOOKS.append(_demo_rollups)


def _demo_rollups(stdout) -> None:
    from reports.analytics.services import rollups_rebuild

    rows = rollups_rebuild()
    stdout.write(f"Analytics rollups rebuilt ({rows} rows).")
