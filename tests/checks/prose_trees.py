"""Small content trees with prose blocks, for the tests of the prose checks
(checks/prose_numbers.py, checks/prose_agreement.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import minimal

from generator.pipeline import check
from generator.reading.diagnostics import Diagnostic, Location

MakeTree = Callable[..., Path]

RESTORE_MEASURE = "    - id: restore\n      name: 恢复\n      kind: 恢复\n"


def commitments(extra: str = "", *, phone: tuple[str, str] = ("10分钟", "30分钟")) -> str:
    """The minimal commitments with a restore time (一级 4小时, 二级 8小时), the given phone
    times and `extra` keys under response."""
    text = minimal("commitments.yaml")
    text = text.replace("  levels:\n", RESTORE_MEASURE + extra + "  levels:\n", 1)
    text = text.replace(
        "arrival: {city: 1小时, far: 4小时}\n", "arrival: {city: 1小时, far: 4小时}\n        restore: 4小时\n"
    )
    text = text.replace(
        "arrival: {city: 2小时, far: 8小时}\n", "arrival: {city: 2小时, far: 8小时}\n        restore: 8小时\n"
    )
    return text.replace("phone: 10分钟", f"phone: {phone[0]}").replace("phone: 30分钟", f"phone: {phone[1]}")


def block(body: str, id: str, title: str, indent: str = "    ") -> str:
    lines = "".join(f"{indent}  {line}\n" if line else "\n" for line in body.splitlines())
    return f"{indent[:-2]}- id: {id}\n{indent}title: {title}\n{indent}body: |\n{lines}"


TITLES = ("服务承诺", "响应时间", "现场服务")


def shared(make_tree: MakeTree, *bodies: str, files: dict[str, str] | None = None, own: str | None = None) -> Path:
    """prose.yaml with one block per body (ids a, b, c; titles TITLES), all listed in the
    project's sections; `own` adds a block of the project's own (id own, title 本项目说明)."""
    ids = "abc"[: len(bodies)]
    prose = "blocks:\n" + "".join(block(b, i, t) for b, i, t in zip(bodies, ids, TITLES, strict=False))
    sections = ["letter", *(f"prose:{i}" for i in ids), *(["prose:own"] if own is not None else [])]
    project = minimal("projects/demo.yaml") + f"sections: [{', '.join(sections)}]\n"
    if own is not None:
        project += "prose:\n" + block(own, "own", "本项目说明", indent="    ")
    return make_tree({"prose.yaml": prose, "projects/demo.yaml": project, **(files or {})})


def findings(root: Path) -> list[Diagnostic]:
    """Everything check reports for a tree (tests/checks share these helpers)."""
    return list(check(root).report.items)


def only(root: Path) -> Diagnostic:
    """The one finding of a tree that is otherwise clean."""
    items = findings(root)
    assert len(items) == 1, check(root).report.format()
    return items[0]


def assert_clean(root: Path) -> None:
    result = check(root)
    assert not result.report.items, result.report.format()


def at(loc: Location | None) -> tuple[str, str]:
    """A location as (file name, key path)."""
    assert loc is not None
    return loc.file.name, loc.path


def body_line(root: Path, file: str, nth: int = 0) -> int:
    """The line of the nth `body:` key in a file of the tree: where a block's body is written."""
    lines = (root / file).read_text(encoding="utf-8").splitlines()
    return [n for n, line in enumerate(lines, 1) if line.strip().startswith("body:")][nth]
