"""Staff see every delivery: dead letters first, the attempts, and a "retry now" action."""
from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from reports.delivery.constants import DeliveryStatus, SourceKind
from reports.delivery.models import Delivery, DeliveryAttempt
from reports.delivery.services import delivery_retry
from reports.models import Submission
from reports.triage.audit import PersonalDataAdmin
from reports.triage.constants import AuditPart
from reports.triage.readonly import ReadOnlyAdminMixin

STATUS_ORDER = Case(
    When(status=DeliveryStatus.DEAD, then=Value(0)),
    When(status=DeliveryStatus.FAILED, then=Value(1)),
    When(status=DeliveryStatus.IN_PROGRESS, then=Value(2)),
    When(status=DeliveryStatus.PENDING, then=Value(3)),
    default=Value(4),
    output_field=IntegerField(),
)


class DeliveryAttemptInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    fields = ("created_at", "number", "outcome", "status_code", "error", "duration_ms")
    readonly_fields = fields
    ordering = ("-created_at", "-id")


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdminMixin, PersonalDataAdmin, admin.ModelAdmin):
    """The list holds no personal data; the payload (name, identity number, contact, answers)
    is shown only to holders of ``delivery.view_payload``, and each showing is audited."""

    never = ("add", "delete")  # rows come from the outbox; retrying is the one change
    personal_fields = ("payload",)
    audit_page_part = AuditPart.PAYLOAD
    list_display = (
        "reference", "destination", "source_kind", "status", "attempt_count", "next_attempt_at",
        "short_error", "case_number", "created_at",
    )
    # No foreign keys to follow: the list is one query whatever its length.
    list_filter = ("status", "destination", "source_kind")
    search_fields = ("reference", "case_number", "=idempotency_key")
    date_hierarchy = "created_at"
    inlines = [DeliveryAttemptInline]
    actions = ["retry_now"]
    readonly_fields = (
        "destination", "source_kind", "source_id", "reference", "status", "attempt_count",
        "next_attempt_at", "queued_at", "claimed_at", "last_error", "case_number", "delivered_at",
        "idempotency_key", "created_at", "updated_at", "source_link", "payload",
    )
    fields = readonly_fields

    def can_view_payload(self, request) -> bool:
        return request.user.has_perm("delivery.view_payload")

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return fields if self.can_view_payload(request) else [f for f in fields if f != "payload"]

    def page_shows_personal_data(self, request, obj) -> bool:
        return self.can_view_payload(request)

    def audit_submission(self, obj):
        if obj.source_kind != SourceKind.SUBMISSION:
            return None
        return Submission.objects.filter(pk=obj.source_id).first()

    def lookup_allowed(self, lookup, value, request=None):
        """Filtering on the payload in the URL would read it: only for those who may see it."""
        if lookup.split("__")[0] == "payload" and (request is None or not self.can_view_payload(request)):
            return False
        return super().lookup_allowed(lookup, value, request)

    def has_retry_permission(self, request) -> bool:
        return request.user.has_perm("delivery.retry_delivery")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(status_order=STATUS_ORDER).order_by(
            "status_order", "next_attempt_at", "-created_at"
        )

    @admin.display(description=_("source"))
    def source_link(self, obj: Delivery) -> str:
        """A link to the submission this delivery carries (built from the id: no query)."""
        if obj.source_kind != SourceKind.SUBMISSION:
            return "-"
        try:
            url = reverse("admin:reports_submission_change", args=[obj.source_id])
        except NoReverseMatch:
            return str(obj.source_id)
        return format_html('<a href="{}">{}</a>', url, obj.reference or obj.source_id)

    @admin.display(description=_("last error"))
    def short_error(self, obj: Delivery) -> str:
        return obj.last_error[:120]

    @admin.action(description=_("Retry now"), permissions=["retry"])
    def retry_now(self, request, queryset) -> None:
        count = 0
        for delivery in queryset.exclude(status__in=(DeliveryStatus.DELIVERED, DeliveryStatus.IN_PROGRESS)):
            if delivery_retry(delivery=delivery):
                count += 1
        self.message_user(
            request,
            ngettext("%(count)d delivery queued again.", "%(count)d deliveries queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )
