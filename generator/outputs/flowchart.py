"""Diagrams drawn from the data: the process flowchart and escalation ladder (Graphviz),
and the severity timeline (SVG written directly).

Graphviz lays out a handful of boxes far better than hand-placed coordinates,
and Debian ships it; we call `dot` once per format.
"""

from __future__ import annotations

import math
import shutil
import subprocess
from xml.sax.saxutils import escape

from generator.model.commitments import ProcessStep, ServiceProcess
from generator.model.durations import Duration
from generator.model.response import MeasureKind, ResponseMatrix
from generator.outputs.document import Figure

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


def escalation_dot(process: ServiceProcess) -> str:
    """The escalation ladder: tiers from the first line upwards, each step labelled with its delay."""
    lines = [
        "digraph escalation {",
        f'  graph [rankdir=BT, nodesep=0.3, ranksep=0.35, fontname="{FONT}", bgcolor="white"];',
        f'  node [shape=box, style="rounded,filled", fillcolor="#eef1fb", fontname="{FONT}", fontsize=11, margin="0.2,0.08"];',
        f'  edge [fontname="{FONT}", fontsize=9.5, arrowsize=0.7];',
    ]
    tiers = process.escalation
    for i, t in enumerate(tiers):
        lines.append(f"  t{i} [label={_q(t.tier.value, t.who)}];")
    for i in range(1, len(tiers)):
        after = tiers[i].after
        label = f" [label={_q(f'{after.zh()}未解决' if after else '未解决')}]"
        lines.append(f"  t{i - 1} -> t{i}{label};")
    lines.append("}")
    return "\n".join(lines) + "\n"


_KIND_STYLE = {
    MeasureKind.PHONE: ("#1e88e5", "电话响应"),
    MeasureKind.ARRIVAL: ("#fb8c00", "到达现场"),
    MeasureKind.RESTORE: ("#43a047", "恢复"),
    MeasureKind.RESOLVE: ("#8e24aa", "解决"),
}


def timeline_svg(matrix: ResponseMatrix, *areas: str | None) -> bytes:
    """Each level's targets on one logarithmic time axis: response → arrival → restore."""
    width, left, right, row, top = 760, 120, 30, 46, 40
    kinds = {m.kind: m for m in matrix.measures if m.kind in _KIND_STYLE}
    points: list[list[tuple[MeasureKind, Duration]]] = []
    for level in matrix.levels:
        marks = []
        for kind, m in kinds.items():
            t = level.targets.get(m.id)
            d = t.for_area(*areas) if t else None
            if d is not None:
                marks.append((kind, d))
        points.append(marks)
    minutes = [float(d.minutes) for marks in points for _, d in marks if not d.is_immediate]
    lo, hi = 1.0, max([*minutes, 60.0]) * 1.3
    span = math.log10(hi) - math.log10(lo)

    def x(d: Duration) -> float:
        m = max(float(d.minutes), lo)
        return left + (width - left - right) * (math.log10(m) - math.log10(lo)) / span

    height = top + row * len(matrix.levels) + 40
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        f' font-family="{FONT}, sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
    ]
    for i, (kind, (color, label)) in enumerate(_KIND_STYLE.items()):
        if kind in kinds:
            lx = left + i * 130
            out.append(f'<circle cx="{lx}" cy="14" r="5" fill="{color}"/>')
            out.append(f'<text x="{lx + 10}" y="18">{escape(kinds[kind].name or label)}</text>')
    for tick, text in ((1, "1分钟"), (60, "1小时"), (1440, "1天"), (10080, "1周"), (43200, "30天")):
        if tick <= hi:
            tx = left + (width - left - right) * (math.log10(tick) - math.log10(lo)) / span
            out.append(
                f'<line x1="{tx:.1f}" y1="{top - 8}" x2="{tx:.1f}" y2="{height - 30}" stroke="#ccc" stroke-dasharray="3,3"/>'
            )
            out.append(f'<text x="{tx:.1f}" y="{height - 14}" text-anchor="middle" fill="#555">{text}</text>')
    for i, (level, marks) in enumerate(zip(matrix.levels, points, strict=True)):
        y = top + row * i + row / 2
        out.append(f'<text x="{left - 12}" y="{y + 4:.1f}" text-anchor="end">{escape(level.name)}</text>')
        if marks:
            end = max(x(d) for _, d in marks)
            out.append(
                f'<line x1="{left}" y1="{y:.1f}" x2="{end:.1f}" y2="{y:.1f}" stroke="#9e9e9e" stroke-width="3"/>'
            )
        for j, (kind, d) in enumerate(sorted(marks, key=lambda kd: kd[1])):
            cx = x(d)
            out.append(f'<circle cx="{cx:.1f}" cy="{y:.1f}" r="6" fill="{_KIND_STYLE[kind][0]}"/>')
            dy = -10 if j % 2 == 0 else 20
            out.append(
                f'<text x="{cx:.1f}" y="{y + dy:.1f}" text-anchor="middle" font-size="11">{escape(d.zh())}</text>'
            )
    out.append("</svg>")
    return "\n".join(out).encode("utf-8")
