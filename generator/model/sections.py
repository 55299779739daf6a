"""The proposal sections a project can choose, in their default order."""

from __future__ import annotations

SECTIONS: dict[str, str] = {
    "letter": "售后服务承诺书",
    "compliance": "商务条款偏离表",
    "objectives": "服务目标与范围",
    "warranty": "质保服务",
    "response": "故障分级与响应时限",
    "channels": "服务渠道与服务时间",
    "process": "服务流程",
    "maintenance": "巡检与回访",
    "spare_parts": "备品备件",
    "emergency": "应急预案",
    "training": "培训方案",
    "fees": "质保期外服务与收费标准",
    "staff": "售后服务团队",
    "network": "服务网点与合作伙伴",
    "manufacturers": "厂商服务体系",
    "quality": "服务质量监督",
    "deliverables": "交付文档",
}

PROSE_PREFIX = "prose:"
