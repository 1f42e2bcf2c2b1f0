"""Import boundaries (docs/architecture.md), checked over the source with ``ast``.

analytics, delivery and triage are areas that the citizen's views call or signal, never the
other way round: none of them may import a view module (``reports.views`` and its modules,
or any ``reports/<area>/views.py``). Imports inside functions count too.

One exception: an area's own view layer (``views.py`` and ``admin.py``, whose ModelAdmins are
views) may use the shared error summary (``reports.views.errors``, a template helper that is
planned to leave ``reports.views``); its models, services, selectors, tasks and apps may not.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPORTS = Path(__file__).resolve().parents[1] / "reports"
GUARDED_AREAS = ("analytics", "delivery", "triage")
# (file name inside the area, module it may import) for the view layer's shared helpers.
VIEW_LAYER_HELPERS = {("views.py", "reports.views.errors"), ("admin.py", "reports.views.errors")}


def is_view_module(module: str) -> bool:
    parts = module.split(".")
    if parts[0] != "reports":
        return False
    return parts[:2] == ["reports", "views"] or (len(parts) >= 3 and parts[2] == "views")


def imported_modules(source: str, *, package: str) -> list[tuple[int, str]]:
    """Every module an import statement names (``from x import y`` also yields ``x.y``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the importing package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def area_files(area: str) -> list[Path]:
    return sorted(path for path in (REPORTS / area).rglob("*.py") if "migrations" not in path.parts)


@pytest.mark.parametrize("area", GUARDED_AREAS)
def test_area_never_imports_a_view(area):
    files = area_files(area)
    assert files, f"reports/{area} has no Python files: the test would check nothing"
    offenders = []
    for path in files:
        package = ".".join(path.relative_to(REPORTS.parent).with_suffix("").parts[:-1])
        for line, module in imported_modules(path.read_text(encoding="utf-8"), package=package):
            if not is_view_module(module) or module.startswith(f"reports.{area}.views"):
                continue
            if any(path.name == name and (module == helper or module.startswith(f"{helper}."))
                   for name, helper in VIEW_LAYER_HELPERS):
                continue
            offenders.append(f"{path.relative_to(REPORTS.parent)}:{line} imports {module}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize(
    ("source", "package", "violates"),
    [
        ("from reports.views import wizard", "reports.analytics", True),
        ("from reports.views.wizard import ReportWizard", "reports.analytics", True),
        ("import reports.views.wizard", "reports.delivery", True),
        ("def f():\n    from reports.views import wizard", "reports.triage", True),
        ("from reports.booking.views import booking_start", "reports.triage", True),
        ("from ..views import wizard", "reports.analytics", True),
        ("from reports import views", "reports.delivery", True),
        ("from reports import services, signals", "reports.analytics", False),
        ("from reports.delivery.services import delivery_create", "reports.triage", False),
        ("from django.views import View", "reports.analytics", False),
        ("from reports.views_helpers import x", "reports.analytics", False),
    ],
)
def test_the_boundary_check_sees_every_form_of_import(source, package, violates):
    modules = [module for _line, module in imported_modules(source, package=package)]
    assert any(is_view_module(module) for module in modules) is violates, modules


def test_the_admin_site_is_the_staff_site_through_its_app_config():
    """``admin.site`` is the staff site (second factor) because INSTALLED_APPS says so, not by a
    class swap at start-up: every ModelAdmin, whoever registers it, is behind it."""
    from django.apps import apps
    from django.conf import settings
    from django.contrib import admin

    from reports.triage.sites import StaffAdminSite

    assert "django.contrib.admin" not in settings.INSTALLED_APPS
    assert apps.get_app_config("admin").default_site == "reports.triage.sites.StaffAdminSite"
    assert admin.site.is_registered(apps.get_model("reports", "Submission"))  # evaluates the lazy site
    assert type(admin.site._wrapped) is StaffAdminSite
