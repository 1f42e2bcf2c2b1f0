"""The JSON Schema of each service's ``answers``, generated from its catalogue entry.

The envelope schemas (docs/contract/<destination>.v1.schema.json) describe what every
payload of a destination holds; ``answers`` differs per service, so each service gets its own
schema, built here from its steps and their forms and committed under docs/contract/answers/
(``manage.py contract_answers_schemas`` writes them; a test checks that they are current).

``answers`` is one object per stored step (named by the step's slug): a form's fields, or a
list of them for a formset (items, transactions). A step that is always shown is required; a
conditional one (``Step.condition``) may be absent. Values are as ``reports.wizard.answers`` stores
them: dates and times in ISO 8601, decimals as strings, files by name.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings

from reports.catalogue import Service, registry

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_BASE = "https://e-tjanst.polisen.example/contract/answers"
ANSWERS_DIR = Path(settings.BASE_DIR) / "docs" / "contract" / "answers"


def answers_schema(service: Service) -> dict[str, Any]:
    """The schema of ``service``'s answers, from its steps and their forms."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for step in service.steps:
        if not getattr(step.form_class, "stored", True):
            continue
        if issubclass(step.form_class, forms.BaseFormSet):
            properties[step.name] = {
                "type": "array",
                "items": _form_schema(step.form_class.form),
                "minItems": step.form_class.min_num if step.form_class.validate_min else 0,
            }
        else:
            properties[step.name] = _form_schema(step.form_class)
        if step.condition is None:
            required.append(step.name)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"{ID_BASE}/{service.slug}.v1.schema.json",
        "title": f"Answers of the e-service {service.slug} ({service.destination})",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _form_schema(form_class) -> dict[str, Any]:
    form = form_class()
    properties = {name: _field_schema(field) for name, field in form.fields.items()}
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name, field in form.fields.items() if field.required],
        "additionalProperties": False,
    }


def _field_schema(field: forms.Field) -> dict[str, Any]:
    """What ``reports.wizard.answers`` stores for one field's cleaned value."""
    optional = not field.required
    if isinstance(field, forms.NullBooleanField):
        return {"type": ["boolean", "null"]}
    if isinstance(field, forms.BooleanField):
        return {"type": "boolean"}
    if isinstance(field, forms.FileField):
        return {"type": ["array", "string", "null"], "items": {"type": "string"}}
    if isinstance(field, forms.MultipleChoiceField):
        return {"type": "array", "items": {"type": "string"}}
    if isinstance(field, forms.DecimalField | forms.FloatField):  # before IntegerField, their base
        return {"type": ["string", "number", "null"] if optional else ["string", "number"]}
    if isinstance(field, forms.IntegerField):
        return {"type": ["integer", "null"] if optional else "integer"}
    if isinstance(field, forms.DateTimeField):
        return _nullable({"type": "string", "format": "date-time"}, optional)
    if isinstance(field, forms.DateField):
        return _nullable({"type": "string", "format": "date"}, optional)
    if isinstance(field, forms.TimeField):
        return _nullable({"type": "string", "format": "time"}, optional)
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.TypedChoiceField):
        values = [str(value) for value, _label in field.choices if not isinstance(_label, list | tuple)]
        if values and len(values) <= 60:
            return {"enum": sorted(set(values) | ({""} if optional else set()))}
    if isinstance(field, forms.CharField | forms.ChoiceField):
        schema: dict[str, Any] = {"type": "string"}
        if field.required:
            schema["minLength"] = 1
        return schema
    return {}  # a field of a kind this generator does not know: any value


def _nullable(schema: dict[str, Any], optional: bool) -> dict[str, Any]:
    if not optional:
        return schema
    return {"anyOf": [schema, {"type": "null"}, {"const": ""}]}


def answers_schema_text(service: Service) -> str:
    return json.dumps(answers_schema(service), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def answers_schema_files() -> dict[Path, str]:
    """Every service with wizard steps: the file and its generated text."""
    return {
        ANSWERS_DIR / f"{service.slug}.v1.schema.json": answers_schema_text(service)
        for service in registry
        if service.steps
    }
