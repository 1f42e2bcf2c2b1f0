"""What no one may do on the staff site, whatever their permissions: ``ReadOnlyAdminMixin``.

Rows that come from elsewhere (citizens' reports, the delivery worker, the booking service,
imports, the audit) are never added, changed or deleted by hand. An admin or inline says which
of these it refuses in ``never``; everything else is left to the user's permissions (and to
the one guard, reports/triage/access.py).
"""
from __future__ import annotations

READ_ONLY = ("add", "change", "delete")


class ReadOnlyAdminMixin:
    """Put it before ``admin.ModelAdmin`` / ``admin.TabularInline`` in the bases.

    ``never`` lists the refused actions: by default all three (a read-only page). An admin
    whose rows are changed only through workflow services still refuses adding and deleting:
    ``never = ("add", "delete")``.
    """

    never: tuple[str, ...] = READ_ONLY

    def has_add_permission(self, request, *args) -> bool:  # an inline is also given the parent object
        return "add" not in self.never and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None) -> bool:
        return "change" not in self.never and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return "delete" not in self.never and super().has_delete_permission(request, obj)
