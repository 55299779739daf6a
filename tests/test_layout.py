"""The package's folders are the pipeline's stages, and imports only point to earlier ones."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# What each stage may import. The entry points (cli.py, pipeline.py) may import anything.
ALLOWED: dict[str, set[str]] = {
    "model": {"model"},
    "reading": {"reading", "model"},
    "checks": {"checks", "dates", "reading", "model"},
    "dates": {"dates", "model"},
    "outputs": {"outputs", "dates", "checks", "reading", "model"},
    "authoring": {"authoring", "outputs", "dates", "checks", "reading", "model"},
}
ENTRY_POINTS = {"__init__.py", "cli.py", "pipeline.py"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _imported_stages(path: Path) -> set[tuple[int, str]]:
    """(line, stage) for every `generator.<stage>` import, except under `if __name__ == "__main__"`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test):
            skipped.update(id(n) for n in ast.walk(node))
    found: set[tuple[int, str]] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] if node.module != "generator" else [f"generator.{a.name}" for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:
            names = ["<relative>"]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            if name == "<relative>" or name.startswith("generator."):
                found.add((node.lineno, "<relative>" if name == "<relative>" else name.split(".")[1]))
    return found


def test_every_module_lives_in_a_stage_folder() -> None:
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name not in ENTRY_POINTS]
    assert loose == []
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"} == set(ALLOWED)


@pytest.mark.parametrize(
    "path", [p for p in _modules() if p.parent != PACKAGE], ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_imports_point_to_earlier_stages(path: Path) -> None:
    stage = path.relative_to(PACKAGE).parts[0]
    wrong = sorted((line, s) for line, s in _imported_stages(path) if s not in ALLOWED[stage])
    assert wrong == [], (
        f"{path.relative_to(PACKAGE)} ({stage}) imports {wrong}; absolute imports only, to earlier stages"
    )


def test_the_layering_rule_catches_an_upward_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        'from generator.outputs import site\nif __name__ == "__main__":\n    from generator import pipeline\n'
    )
    assert _imported_stages(bad) == {(1, "outputs")}
