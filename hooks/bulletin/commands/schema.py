"""JSON Schema generated from :mod:`bulletin.read.fields` — the same fields the validator uses.

Editors' editors use it to complete and check front matter as they type. The report
schema also lists the archive's own unit keys, series and categories.
"""

from __future__ import annotations

from typing import Any

from bulletin.model import Archive
from bulletin.read.fields import EVENT_FIELDS, REPORT_FIELDS, UNIT_FIELDS, Field

# The titles are Chinese in every language of the messages: the shipped schema/ files are one document.
SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
DATE = r"^\d{4}-\d{2}-\d{2}$"
DATETIME = r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$"


def field_schema(spec: Field, enums: dict[str, list[str]]) -> dict[str, Any]:
    out: dict[str, Any] = {"description": spec.help} if spec.help else {}
    if spec.kind == "text":
        out.update(type="string", minLength=1, maxLength=spec.text_limit())
        values = [*spec.choices, *(spec.aliases or {})] or enums.get(spec.key)
        if values:
            out["enum"] = values
        elif spec.pattern:
            out["pattern"] = f"^(?:{spec.pattern})$"  # the whole value, every alternative
    elif spec.kind in ("int", "number"):
        out.update(type="integer" if spec.kind == "int" else "number", minimum=spec.minimum)
        if spec.maximum is not None:
            out["maximum"] = spec.maximum
    elif spec.kind == "bool":
        out.update(type="boolean")
    elif spec.kind in ("date", "datetime"):
        out.update(type="string", pattern=DATE if spec.kind == "date" else DATETIME)
    elif spec.kind == "list":
        out.update(type="array", items=field_schema(spec.item(), enums))
    elif spec.kind == "text_or_list":
        item = field_schema(spec.item(), enums)
        out["anyOf"] = [item, {"type": "array", "items": item, "minItems": 1, "uniqueItems": True}]
    elif spec.kind == "record":
        out.update(record_schema(spec.fields, enums))
    elif spec.kind == "map":
        out.update(type="object", additionalProperties=field_schema(spec.item(), enums))
    elif spec.kind == "keyed":
        out.update(type="object", additionalProperties=record_schema(spec.fields, enums))
    return out


def record_schema(fields: tuple[Field, ...], enums: dict[str, list[str]]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {f.key: field_schema(f, enums) for f in fields},
        "required": [f.key for f in fields if f.required],
        "additionalProperties": False,
    }


def build_report_schema(archive: Archive | None = None) -> dict[str, Any]:
    enums = {}
    if archive is not None:
        enums = {
            "unit": sorted(archive.units),
            "series": [s.key for s in archive.settings.series],
            "category": list(archive.settings.categories),
        }
    return {
        "$schema": SCHEMA_DRAFT,
        "title": "信息刊物稿件的前置信息（front matter）",
        **record_schema(REPORT_FIELDS, enums),
    }


def build_units_schema() -> dict[str, Any]:
    return {
        "$schema": SCHEMA_DRAFT,
        "title": "报送单位名录（reports/units.yml）",
        "type": "object",
        "propertyNames": {"pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$"},
        "additionalProperties": record_schema(UNIT_FIELDS, {}),
    }


def build_event_schema(archive: Archive | None = None) -> dict[str, Any]:
    """The schema of an event file (reports/events/<year>/<id>.yml), with the archive's unit keys."""
    enums = {"unit": sorted(archive.units)} if archive is not None else {}
    return {
        "$schema": SCHEMA_DRAFT,
        "title": "紧急事件登记（reports/events/<年份>/<编号>.yml）",
        **record_schema(EVENT_FIELDS, enums),
    }
