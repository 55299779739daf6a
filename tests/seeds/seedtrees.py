"""Loading a seed tree for its tests: it must check clean."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import check
from generator.resolved import ServiceModel


def clean_model(tree: str) -> ServiceModel:
    result = check(Path(__file__).parent / tree)
    assert not result.report.items, [d.format() for d in result.report.items]
    assert result.model is not None
    return result.model
