"""prose.yaml: free text for what the schema does not model."""

from __future__ import annotations

from pydantic import Field

from generator.model.common import Frozen, Text
from generator.model.values import Id


class ProseBlock(Frozen):
    id: Id = Field(description="标识；项目在 sections 中用 prose:标识 引用")
    title: Text = Field(description="标题")
    body: Text = Field(
        description="正文（Markdown），可用 Jinja 变量引用数据，例如 {{ company.short_name }}、"
        "{{ response.levels[0].targets.arrival.zh() }}"
    )


class Prose(Frozen):
    blocks: tuple[ProseBlock, ...] = Field(default=(), description="自由文本块")
