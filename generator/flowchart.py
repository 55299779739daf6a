"""Diagrams drawn from the data with Graphviz: the service process flowchart.

Graphviz lays out a handful of boxes far better than hand-placed coordinates,
and Debian ships it; we call `dot` once per format.
"""

from __future__ import annotations

import shutil
import subprocess

from .document import Figure
from .model.commitments import ProcessStep, ServiceProcess

FONT = "Noto Sans CJK SC"


class DiagramError(RuntimeError):
    pass


def _q(*lines: str) -> str:
    """A quoted DOT string; several arguments become lines of one label."""
    return '"' + "\\n".join(t.replace("\\", "\\\\").replace('"', '\\"') for t in lines) + '"'


def process_dot(process: ServiceProcess) -> str:
    """DOT source: one box per step (name, actor, time limit), arrows along `next`."""
    steps = process.steps
    lines = [
        "digraph process {",
        f'  graph [rankdir=TB, nodesep=0.35, ranksep=0.32, fontname="{FONT}", bgcolor="white"];',
        f'  node [shape=box, style="rounded", fontname="{FONT}", fontsize=11, margin="0.18,0.08", penwidth=1.2];',
        f'  edge [fontname="{FONT}", fontsize=9.5, arrowsize=0.7, penwidth=1.0];',
    ]
    for s in steps:
        parts = [s.name, f"（{s.actor}）"] + ([s.within.within()] if s.within is not None else [])
        lines.append(f"  {_q(s.id)} [label={_q(*parts)}];")
    by_id = {s.id: s for s in steps}
    for i, s in enumerate(steps):
        targets: tuple[str, ...] = s.next or ((steps[i + 1].id,) if i + 1 < len(steps) else ())
        for t in targets:
            target: ProcessStep | None = by_id.get(t)
            if target is None:
                continue
            attrs = f" [label={_q(target.condition)}]" if target.condition and len(targets) > 1 else ""
            lines.append(f"  {_q(s.id)} -> {_q(t)}{attrs};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(dot_source: str, fmt: str) -> bytes:
    dot = shutil.which("dot")
    if dot is None:
        raise DiagramError("找不到 Graphviz 的 dot 命令：请安装 graphviz（apt-get install graphviz）")
    args = [dot, f"-T{fmt}"] + (["-Gdpi=200"] if fmt == "png" else [])
    proc = subprocess.run(args, input=dot_source.encode("utf-8"), capture_output=True, check=False, timeout=60)
    if proc.returncode != 0:
        raise DiagramError(f"Graphviz 绘图失败：{proc.stderr.decode('utf-8', 'replace').strip()}")
    return proc.stdout


def process_figure(process: ServiceProcess, caption: str = "售后服务流程图") -> Figure:
    source = process_dot(process)
    alt = " → ".join(s.name for s in process.steps)
    return Figure(render(source, "svg"), render(source, "png"), caption, width=0.62, alt=alt)
