"""Diagrams drawn from the data: the process flowchart and escalation ladder (Graphviz),
and the severity timeline (SVG written directly).

Graphviz lays out a handful of boxes far better than hand-placed coordinates,
and Debian ships it; we call `dot` once per format.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from html import escape

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


@functools.lru_cache(maxsize=32)  # projects mostly share the company's process: draw it once
def render(dot_source: str, fmt: str) -> bytes:
    import shutil  # here, with subprocess: `check` never draws, and imports neither
    import subprocess

    dot = shutil.which("dot")
    if dot is None:
        raise DiagramError("找不到 Graphviz 的 dot 命令：请安装 graphviz（apt-get install graphviz）")
    args = [dot, f"-T{fmt}"] + (["-Gdpi=200"] if fmt == "png" else [])
    proc = subprocess.run(args, input=dot_source.encode("utf-8"), capture_output=True, check=False, timeout=60)
    if proc.returncode != 0:
        raise DiagramError(f"Graphviz 绘图失败：{proc.stderr.decode('utf-8', 'replace').strip()}")
    return proc.stdout


def process_figure(process: ServiceProcess, caption: str = "售后服务流程图", draw: bool = True) -> Figure:
    source = process_dot(process)
    alt = " → ".join(s.name for s in process.steps)
    if not draw:
        return Figure(b"", b"", caption, width=0.62, alt=alt)
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


_TICKS = ((1, "1分钟"), (10, "10分钟"), (60, "1小时"), (1440, "1天"), (10080, "1周"), (43200, "30天"))


def _text_width(text: str, size: float) -> float:
    """About how wide a label is set: a CJK character one em, a digit or letter 0.6 em."""
    return sum(size if ord(ch) >= 0x2E80 else size * 0.6 for ch in text)


@dataclass(frozen=True)
class _Label:
    x: float  # where the text is anchored
    anchor: str  # start, middle or end
    slot: int  # 0 first line above the axis, 1 first below, 2 second above, 3 second below


def _place_labels(xs: list[float], texts: list[str], size: float, lo: float, hi: float) -> list[_Label]:
    """Labels for marks on one axis (in order of x), each above or below its mark, moved in from
    the ends so it stays inside [lo, hi], and onto a second line where it would touch a neighbour."""
    ends = [-math.inf] * 4  # the right end of the last label on each line
    out = []
    for j, (cx, text) in enumerate(zip(xs, texts, strict=True)):
        w = _text_width(text, size)
        left, anchor, ax = cx - w / 2, "middle", cx
        if left < lo:
            left, anchor, ax = lo, "start", lo
        elif left + w > hi:
            left, anchor, ax = hi - w, "end", hi
        first = j % 2
        order = (first, 1 - first, first + 2, 3 - first)
        slot = next((s for s in order if ends[s] + 4 <= left), min(order, key=lambda s: ends[s]))
        ends[slot] = left + w
        out.append(_Label(ax, anchor, slot))
    return out


def timeline_svg(matrix: ResponseMatrix, *areas: str | None, narrow: bool = False) -> bytes:
    """Each level's targets on one logarithmic time axis: response → arrival → restore.

    Wide: one row per level with its name on the left, for screens where 760 px fit.
    Narrow (phones): a column 340 px wide, each level's name on a line above its own axis,
    the legend wrapped over as many lines as it needs, set at the size the page shows it."""
    kinds = {m.kind: m for m in matrix.measures if m.kind in _KIND_STYLE}
    points: list[list[tuple[MeasureKind, Duration]]] = []
    for level in matrix.levels:
        marks = []
        for kind, m in kinds.items():
            t = level.targets.get(m.id)
            d = t.for_area(*areas) if t else None
            if d is not None:
                marks.append((kind, d))
        points.append(sorted(marks, key=lambda kd: kd[1]))
    minutes = [float(d.minutes) for marks in points for _, d in marks if not d.is_immediate]
    lo = min([*minutes, 60.0]) / 2  # the axis starts a little before the shortest time
    hi = max([*minutes, 60.0]) * 1.3
    span = math.log10(hi) - math.log10(lo)

    if narrow:
        width, left, right, size, line = 340, 14, 16, 12.0, 15
    else:
        width, left, right, size, line = 760, 120, 30, 12.0, 15
    plot = width - left - right

    def x(minutes: float) -> float:
        return left + plot * (math.log10(max(minutes, lo)) - math.log10(lo)) / span

    out: list[str] = []
    # The legend: one entry per kind of time, wrapped onto further lines where the width ends.
    lx, ly = (left if not narrow else 6.0), 16.0
    drawn = {kind for marks in points for kind, _ in marks}
    for kind, (color, label) in _KIND_STYLE.items():
        if kind not in drawn:
            continue
        text = kinds[kind].name or label
        w = 10 + _text_width(text, size + 1) + 24
        if lx + w > width and lx > 6:
            lx, ly = 6.0, ly + line + 6
        out.append(f'<circle cx="{lx + 5:.1f}" cy="{ly - 4:.1f}" r="5" fill="{color}"/>')
        out.append(f'<text x="{lx + 15:.1f}" y="{ly:.1f}" font-size="{size + 1:g}">{escape(text, quote=False)}</text>')
        lx += w
    y = ly + 16
    plot_top = y
    rows: list[str] = []
    for level, marks in zip(matrix.levels, points, strict=True):
        # Equal times (到达现场 4小时, 恢复 4小时) share one place: their dots side by side, one label.
        groups: list[tuple[Duration, list[MeasureKind], list[str]]] = []
        for kind, d in marks:
            if groups and groups[-1][0] == d:
                groups[-1][1].append(kind)
                if d.zh() not in groups[-1][2]:
                    groups[-1][2].append(d.zh())
            else:
                groups.append((d, [kind], [d.zh()]))
        xs = [x(float(d.minutes)) for d, _, _ in groups]
        texts = ["/".join(names) for _, _, names in groups]
        labels = _place_labels(xs, texts, size, 2.0, width - 2.0)
        above = max([1 + lb.slot // 2 for lb in labels if lb.slot % 2 == 0], default=0)
        below = max([1 + lb.slot // 2 for lb in labels if lb.slot % 2 == 1], default=0)
        if narrow:
            rows.append(
                f'<text x="6" y="{y + 13:.1f}" font-size="{size + 2:g}" font-weight="bold">{escape(level.name, quote=False)}</text>'
            )
            y += 24
        axis = y + max(above, 1) * line + 4
        if not narrow:
            rows.append(
                f'<text x="{left - 12}" y="{axis + 4:.1f}" text-anchor="end" font-size="13">{escape(level.name, quote=False)}</text>'
            )
        if marks:
            rows.append(
                f'<line x1="{left}" y1="{axis:.1f}" x2="{max(xs):.1f}" y2="{axis:.1f}" stroke="#9e9e9e" stroke-width="3"/>'
            )
        for (_, group, _), cx in zip(groups, xs, strict=True):
            for k, kind in enumerate(group):
                dx = (k - (len(group) - 1) / 2) * 10
                rows.append(
                    f'<circle cx="{cx + dx:.1f}" cy="{axis:.1f}" r="6" fill="{_KIND_STYLE[kind][0]}"'
                    ' stroke="white" stroke-width="1"/>'
                )
        for text, lb in zip(texts, labels, strict=True):
            tier = lb.slot // 2
            ty = axis - 10 - tier * line if lb.slot % 2 == 0 else axis + 10 + size + tier * line
            rows.append(
                f'<text x="{lb.x:.1f}" y="{ty:.1f}" text-anchor="{lb.anchor}" font-size="{size:g}">{escape(text, quote=False)}</text>'
            )
        y = axis + 10 + max(below, 1) * line + (8 if narrow else 4)
    height = y + 26
    grid = []
    for tick, text in _TICKS:
        if lo <= tick <= hi:
            tx = x(tick)
            grid.append(
                f'<line x1="{tx:.1f}" y1="{plot_top - 4:.1f}" x2="{tx:.1f}" y2="{height - 24:.1f}"'
                ' stroke="#ccc" stroke-dasharray="3,3"/>'
            )
            anchor = "start" if tx - _text_width(text, size) / 2 < 2 else "middle"
            grid.append(
                f'<text x="{tx:.1f}" y="{height - 8:.1f}" text-anchor="{anchor}" fill="#555" font-size="{size:g}">{text}</text>'
            )
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" width="{width}" height="{height:.0f}"'
        f' font-family="{FONT}, sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height:.0f}" fill="white"/>',
    ]
    return "\n".join([*head, *grid, *out, *rows, "</svg>"]).encode("utf-8")
