"""Loading a seed tree for its tests: it must check clean, but for the findings it documents."""

from __future__ import annotations

from pathlib import Path

from generator.model.resolved import ServiceModel
from generator.pipeline import CheckResult, check


def checked(tree: str, *findings: str) -> CheckResult:
    """The tree's check, which must report exactly the given findings (each a message
    fragment): what aftersales finds in the real tender section the tree states."""
    result = check(Path(__file__).parent / tree)
    messages = [d.message for d in result.report.items]
    unexpected = [m for m in messages if not any(f in m for f in findings)]
    missing = [f for f in findings if not any(f in m for m in messages)]
    assert not unexpected and not missing, (unexpected, missing, [d.format() for d in result.report.items])
    assert result.model is not None
    return result


def clean_model(tree: str, *findings: str) -> ServiceModel:
    model = checked(tree, *findings).model
    assert model is not None
    return model
