"""JSON Schema for every content file, so editors can complete and check YAML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.outputs import atomic
from generator.reading.folder import FILES, PROJECT_FILE, ContentFile


def schema_name(f: ContentFile) -> str:
    return f"{f.key}.schema.json"


def json_schema(f: ContentFile) -> dict[str, Any]:
    schema = f.model.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"{f.name}：{f.title}"
    return schema


def write_schemas(out_dir: Path) -> list[Path]:
    written = []
    for f in (*FILES, PROJECT_FILE):
        path = out_dir / schema_name(f)
        atomic.write_text(path, json.dumps(json_schema(f), ensure_ascii=False, indent=2) + "\n")
        written.append(path)
    return written
