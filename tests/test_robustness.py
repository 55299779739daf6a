"""Whatever a bid writer types, `check` answers with diagnostics, never an exception."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import MINIMAL, minimal, write_tree

from generator.pipeline import check

WEIRD = ["", "[]", "{}", "-1", "9999-99-99", "'<script>alert(1)</script>'"]
LINE = re.compile(r"^(\s*(?:- )?[a-z_]+:) (.+)$")


def _cases() -> list[tuple[str, int, str]]:
    cases = []
    for name in MINIMAL:
        for i, line in enumerate(minimal(name).splitlines()):
            if LINE.match(line):
                cases.extend((name, i, w) for w in WEIRD)
    return cases


@pytest.mark.parametrize(("name", "line", "value"), _cases())
def test_any_value_anywhere_gives_diagnostics_not_exceptions(tmp_path: Path, name: str, line: int, value: str) -> None:
    lines = minimal(name).splitlines()
    m = LINE.match(lines[line])
    assert m is not None
    lines[line] = f"{m.group(1)} {value}"
    root = write_tree(tmp_path / "content", {**MINIMAL, name: "\n".join(lines) + "\n"})
    result = check(root)  # must not raise
    assert result.model is not None or result.report.errors
    for d in result.report.errors:
        assert d.location is not None and d.location.line >= 0
