"""E-identification: who the citizen is, proven by a Swedish e-ID (docs/eid.md).

The public API other areas use::

    from reports.eid import Identity, eid_required, identity

    who = identity(request)          # Identity | None; refreshes the idle timer
    @eid_required                    # redirects to the login page with ?next=
    class EidRequiredMixin           # the same for class-based views
    @typed_text_holder               # an area keeping typed text of e-ID services in the session

Nothing here imports models, so the package is safe to import anywhere.
"""

from reports.eid.session import (
    EidRequiredMixin,
    Identity,
    eid_required,
    identity,
    identity_end,
    identity_start,
    typed_text_holder,
)

__all__ = ["EidRequiredMixin", "Identity", "eid_required", "identity", "identity_end", "identity_start",
           "typed_text_holder"]
