from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    label = "reports"
    verbose_name = _("E-reports")

    def ready(self) -> None:
        # E-services register themselves in the catalogue when their modules are imported.
        from reports.catalogue import load_services

        load_services()

        from reports.eid.session import typed_text_holder
        from reports.session import eid_gates_forget, eid_receipts_forget
        from reports.wizard.owners import eid_answers_forget

        typed_text_holder(eid_answers_forget)
        typed_text_holder(eid_gates_forget)
        typed_text_holder(eid_receipts_forget)

        from reports.signals import demo_data_requested

        demo_data_requested.connect(_demo_data, dispatch_uid="reports_demo_data")


def _demo_data(sender, *, stdout, **kwargs) -> None:
    from reports.demo import demo_submissions

    demo_submissions(stdout)

    from reports.management.commands.phone_wait_feed import demo_phone_wait

    demo_phone_wait(stdout)  # after the demo reports: it times them
