"""The catalogue: every e-service defined once, read by views, admin, delivery and analytics.

A new e-service is one new module in this package that builds a ``Service`` and passes it
to ``register``; nothing else in the code needs to change.
"""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from reports.constants import Destination, ServiceGroup
from reports.gate import Question, Rule

# How the last button and the receipt name what the person sends, by kind of service.
SEND_LABELS = {
    ServiceGroup.REPORT: _("Send the report"),
    ServiceGroup.TIP: _("Send the tip"),
    ServiceGroup.APPLY: _("Send the application"),
}
SENT_HEADINGS = {
    ServiceGroup.REPORT: _("Your report has been sent"),
    ServiceGroup.TIP: _("Your tip has been sent"),
    ServiceGroup.APPLY: _("Your application has been sent"),
}


@dataclass(frozen=True)
class Step:
    """One page of a service's wizard. ``form_class`` may be a form or a formset class.

    ``condition`` (optional) receives the wizard view and says whether the step is shown.
    """

    name: str
    title: str
    form_class: type
    condition: Callable[[Any], bool] | None = None


@dataclass(frozen=True)
class Service:
    slug: str
    group: ServiceGroup
    title: str
    summary: str  # one line: when to use this e-service
    call_instead: str  # one line: when to call instead
    questions: tuple[Question, ...]
    rules: tuple[Rule, ...]
    steps: tuple[Step, ...]
    destination: Destination
    receipt_text: str  # what happens next, shown on the receipt and in the e-mail
    reference_prefix: str = "PE"
    requires_eid: bool = False
    anonymous: bool = False
    order: int = 100
    # A service with its own flow (the passport booking) names its entry URL here;
    # the others start at the generic gate page.
    entry_url_name: str = ""
    # The receipt links to victim support (reports.victim_support) after every report of this service.
    victim_support: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def send_label(self) -> str:
        return SEND_LABELS[self.group]

    @property
    def sent_heading(self) -> str:
        return SENT_HEADINGS[self.group]

    def step(self, name: str) -> Step:
        for step in self.steps:
            if step.name == name:
                return step
        raise KeyError(name)


class ServiceRegistry:
    def __init__(self) -> None:
        self._services: dict[str, Service] = {}

    def register(self, service: Service) -> Service:
        if service.slug in self._services:
            raise ValueError(f"An e-service with the slug {service.slug!r} is already registered.")
        self._services[service.slug] = service
        return service

    def get(self, slug: str) -> Service | None:
        return self._services.get(slug)

    def __getitem__(self, slug: str) -> Service:
        return self._services[slug]

    def __iter__(self) -> Iterator[Service]:
        return iter(sorted(self._services.values(), key=lambda s: (s.order, s.slug)))

    def __contains__(self, slug: object) -> bool:
        return slug in self._services

    def by_group(self) -> list[tuple[ServiceGroup, list[Service]]]:
        groups = []
        for group in ServiceGroup:
            services = [s for s in self if s.group == group]
            if services:
                groups.append((group, services))
        return groups


registry = ServiceRegistry()
register = registry.register

_loaded = False


def load_services() -> None:
    """Import every module of this package once, so that each registers its service."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
