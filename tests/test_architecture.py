"""Import boundaries (docs/architecture.md), checked over the source with ``ast``.

analytics, delivery and triage are areas that the citizen's views call or signal, never the
other way round: none of them may import a view module (``reports.views`` and its modules,
or any ``views.py`` of a package: ``reports/wizard/views.py``, ``reports/<area>/views.py``),
with no exception; only an area's own views are its own business. Imports inside functions
count too.

More broadly, outside the view layer (view modules, URL configurations and template tags) no
module of ``reports/`` imports a view: services, selectors, forms, models and tasks are
below the views.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPORTS = Path(__file__).resolve().parents[1] / "reports"
GUARDED_AREAS = ("analytics", "delivery", "triage")


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
            offenders.append(f"{path.relative_to(REPORTS.parent)}:{line} imports {module}")
    assert not offenders, "\n".join(offenders)


def in_view_layer(path: Path) -> bool:
    module = ".".join(path.relative_to(REPORTS.parent).with_suffix("").parts)
    return is_view_module(module) or path.name == "urls.py" or path.name.endswith("_urls.py") or (
        "templatetags" in path.parts
    )


def test_nothing_below_the_view_layer_imports_a_view():
    files = [path for path in REPORTS.rglob("*.py") if "migrations" not in path.parts and not in_view_layer(path)]
    assert any(path.name == "services.py" for path in files)
    offenders = []
    for path in sorted(files):
        package = ".".join(path.relative_to(REPORTS.parent).with_suffix("").parts[:-1])
        for line, module in imported_modules(path.read_text(encoding="utf-8"), package=package):
            if is_view_module(module):
                offenders.append(f"{path.relative_to(REPORTS.parent)}:{line} imports {module}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize(
    ("source", "package", "violates"),
    [
        ("from reports.views import catalogue", "reports.analytics", True),
        ("from reports.wizard.views import ReportWizard", "reports.analytics", True),
        ("from reports.wizard import views", "reports.analytics", True),
        ("import reports.status.views", "reports.delivery", True),
        ("def f():\n    from reports.resume import views", "reports.triage", True),
        ("from reports.booking.views import booking_start", "reports.triage", True),
        ("from ..views import catalogue", "reports.analytics", True),
        ("from reports import views", "reports.delivery", True),
        ("from reports import services, signals", "reports.analytics", False),
        ("from reports.delivery.services import delivery_create", "reports.triage", False),
        ("from django.views import View", "reports.analytics", False),
        ("from reports.views_helpers import x", "reports.analytics", False),
        ("from reports.forms.errors import error_summary", "reports.triage", False),
        ("from reports.wizard.answers import answers_display", "reports.triage", False),
        ("from reports import session", "reports.analytics", False),
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
