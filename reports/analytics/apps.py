from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "reports.analytics"
    label = "analytics"
    verbose_name = _("Analytics")

    def ready(self) -> None:
        # Count funnel steps and record each submission's anonymous fact as they happen. The
        # signals belong to the e-report core (reports.signals), not to its views; a listener
        # that raises is logged there and never reaches the citizen.
        from reports import signals

        signals.step_reached.connect(_step_reached, dispatch_uid="analytics_funnel_step_count")
        signals.submission_created.connect(_submission_created, dispatch_uid="analytics_submission_fact")

        # After the other areas' demo rows (this app is ready last), so the dashboard shows them.
        signals.demo_data_requested.connect(_demo_rollups, dispatch_uid="analytics_demo_rollups")


def _step_reached(sender, *, service, step, language, **kwargs) -> None:
    from reports.analytics.services import funnel_step_count

    funnel_step_count(service=service, step=step, language=language)


def _submission_created(sender, *, submission, service, **kwargs) -> None:
    from reports.analytics.services import submission_fact_record

    submission_fact_record(submission=submission, service=service)


def _demo_rollups(sender, *, stdout, **kwargs) -> None:
    from reports.analytics.services import rollups_rebuild

    rows = rollups_rebuild()
    stdout.write(f"Analytics rollups rebuilt ({rows} rows).")
