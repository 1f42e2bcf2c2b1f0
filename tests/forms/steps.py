"""Every step form of every e-service, as the tests of the hand-written hot paths (issue 13)
compare them with Django's, crispy's and formtools' own results."""
from reports.catalogue import load_services, registry


def step_form_kwargs(service, form_class) -> dict:
    """What the wizard gives a step form besides its data (``ReportWizard.get_form_kwargs``):
    no e-ID identity here, the service where the form reads its catalogue data."""
    kwargs = {}
    if getattr(form_class, "uses_identity", False):
        kwargs["identity"] = None
    if getattr(form_class, "uses_service", False):
        kwargs["service"] = service
    return kwargs


def step_forms() -> list[tuple[str, str, type, dict]]:
    """(``service/step``, the step's name, its form or formset class, the form's kwargs) per step."""
    load_services()
    found = []
    for service in registry:
        for step in service.steps:
            form_class = getattr(step.form_class, "form", step.form_class)  # a formset's form
            found.append((f"{service.slug}/{step.name}", step.name, step.form_class,
                          step_form_kwargs(service, form_class)))
    return found


def step_form_classes() -> list[tuple[str, type]]:
    """Each form class a step uses (a list's form for a formset) once, by its dotted name."""
    classes = {}
    for _name, _step, step_class, _kwargs in step_forms():
        form_class = getattr(step_class, "form", step_class)
        classes[f"{form_class.__module__}.{form_class.__qualname__}"] = form_class
    return sorted(classes.items())


def odd_data(prefix: str, form_class) -> dict[str, str]:
    """Posted data giving every field of ``form_class`` (alone or as a list's first entry) a
    value to escape, and a list two entries long."""
    odd = {f"{prefix}-TOTAL_FORMS": "2", f"{prefix}-INITIAL_FORMS": "0"}
    for field_name in form_class.base_fields:
        for key in (f"{prefix}-{field_name}", f"{prefix}-0-{field_name}"):
            odd[key] = 'a & <b> "x"'
    return odd
