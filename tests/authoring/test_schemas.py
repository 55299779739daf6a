"""The exported JSON Schema agrees with the loader: an editor shows no false alarms on the example."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import EXAMPLE

from generator.authoring.schemas import json_schema
from generator.reading.folder import FILES, PROJECT_FILE


def _as_editor_sees(value: Any) -> Any:
    """yaml-language-server reads YAML 1.2: dates stay strings."""
    if isinstance(value, dict):
        return {k: _as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _files() -> list[tuple[Path, Any]]:
    out = [(EXAMPLE / f.name, f) for f in FILES if (EXAMPLE / f.name).exists()]
    out += [(p, PROJECT_FILE) for p in sorted((EXAMPLE / "projects").glob("*.yaml"))]
    return out


@pytest.mark.parametrize(("path", "spec"), _files(), ids=lambda v: getattr(v, "name", ""))
def test_example_file_validates_against_its_exported_schema(path: Path, spec: Any) -> None:
    data = _as_editor_sees(yaml.safe_load(path.read_text(encoding="utf-8")))
    jsonschema.validate(data, json_schema(spec))


def test_schema_rejects_a_misspelt_key() -> None:
    schema = json_schema(PROJECT_FILE)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"nmae": "x"}, schema)


def test_hours_shorthand_is_allowed_by_the_schema() -> None:
    schema = json_schema(next(f for f in FILES if f.key == "company"))
    hotline = schema["$defs"]["Hotline"]["properties"]["hours"]
    jsonschema.validate("7×24", {**hotline, "$defs": schema["$defs"]})
