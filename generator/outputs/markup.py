"""The small XML vocabulary proposal templates write, read into the document model.

Templates own both the Chinese prose and the structure of a section; Jinja's
autoescaping keeps every value from YAML as text.  The vocabulary:

  <section title="…">  blocks and nested sections  </section>
  <p [align="left|right|center"]>text with <b>strong</b> runs</p>
  <ul>/<ol> <li>…</li> </ul>
  <table widths="1,3,2" [caption="…"]> <tr [header="true"]> <td [colspan=""] [rowspan=""]>…</td> </tr> </table>
  <figure ref="process" caption="…" [width="0.9"]/>
  <signature> <line label="投标人（盖章）" [value="…"]/> </signature>
  <pagebreak/>
  <prose ref="block-id"/>      a prose block, its Markdown turned into blocks
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence

from generator.outputs import trace
from generator.outputs.document import (
    Align,
    Block,
    Cell,
    Figure,
    Inline,
    ListBlock,
    PageBreak,
    Paragraph,
    Row,
    Run,
    Section,
    Signature,
    SignatureLine,
    Table,
)


class MarkupError(ValueError):
    """A template produced markup the document model cannot hold (a template bug)."""


_SPACE = re.compile(r"\s+")
# Between two CJK characters a line break in a template is not a space. The trace's
# marks around a value (outputs/trace.py) count as CJK here, so they change no spacing.
_CJK = r"[\u3000-\u9fff\uff00-\uffef\ue000-\ue002]"
_CJK_GAP = re.compile(rf"(?<={_CJK})\s+(?={_CJK})")
# Chinese typesetting puts no space between a character and a number or Latin
# word (the renderer's own spacing is enough); justified text would stretch it.
_MIXED_GAP = re.compile(rf"(?<={_CJK})[ \t]+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z%])[ \t]+(?={_CJK})")


def _squash(text: str) -> str:
    return _MIXED_GAP.sub("", _SPACE.sub(" ", _CJK_GAP.sub("", text)))


def inline(el: ET.Element, traced: Sequence[trace.Value] = ()) -> Inline:
    runs: list[Run] = []

    def add(text: str | None, strong: bool) -> None:
        if not text:
            return
        text = _squash(text)
        at = 0
        for m in trace.MARKED.finditer(text):  # a value from the content: a run of its own
            if m.start() > at:
                runs.append(Run(trace.unmark(text[at : m.start()]), strong))
            index = int(m.group(1))
            runs.append(Run(trace.unmark(m.group(2)), strong, traced[index].sources if index < len(traced) else ()))
            at = m.end()
        if at < len(text):
            runs.append(Run(trace.unmark(text[at:]), strong))

    add(el.text, False)
    for child in el:
        if child.tag == "b":
            add("".join(child.itertext()), True)
        elif child.tag == "br":
            pass
        else:
            raise MarkupError(f"<{el.tag}> 中不允许 <{child.tag}>")
        add(child.tail, False)
    # Trim the outer whitespace that template indentation leaves behind.
    if runs:
        runs[0] = Run(runs[0].text.lstrip(), runs[0].strong, runs[0].sources)
        runs[-1] = Run(runs[-1].text.rstrip(), runs[-1].strong, runs[-1].sources)
    return tuple(r for r in runs if r.text)


FigureSource = Callable[[str], Figure]
ProseSource = Callable[[str], list[Block]]


class Reader:
    def __init__(self, figures: FigureSource, prose: ProseSource, traced: Sequence[trace.Value] = ()) -> None:
        self.figures = figures
        self.prose = prose
        self.traced = traced  # the values the templates printed, by the index in their marks

    def inline(self, el: ET.Element) -> Inline:
        return inline(el, self.traced)

    def sections(self, xml: str) -> list[Section]:
        try:
            root = ET.fromstring(f"<doc>{xml}</doc>")
        except ET.ParseError as exc:
            raise MarkupError(f"模板生成的标记无法解析：{exc}") from None
        out = []
        for el in root:
            if el.tag != "section":
                raise MarkupError(f"顶层只能是 <section>，这里是 <{el.tag}>")
            out.append(self.section(el))
        return out

    def section(self, el: ET.Element) -> Section:
        title = el.get("title")
        if not title:
            raise MarkupError("<section> 缺少 title")
        blocks: list[Block] = []
        children: list[Section] = []
        for child in el:
            if child.tag == "section":
                children.append(self.section(child))
            elif children:
                raise MarkupError(f"“{title}”：正文块必须写在子节之前")
            else:
                blocks.extend(self.block(child))
        return Section(trace.unmark(_squash(title)).strip(), tuple(blocks), tuple(children), el.get("anchor", ""))

    def block(self, el: ET.Element) -> list[Block]:
        tag = el.tag
        if tag == "p":
            runs = self.inline(el)
            return [Paragraph(runs, Align(el.get("align", "body")))] if runs else []
        if tag in ("ul", "ol"):
            items = tuple(self.inline(li) for li in el if li.tag == "li")
            return [ListBlock(items, ordered=tag == "ol")] if items else []
        if tag == "table":
            return [self.table(el)]
        if tag == "figure":
            fig = self.figures(el.get("ref", ""))
            caption = trace.unmark(el.get("caption", fig.caption))
            return [Figure(fig.svg, fig.png, caption, float(el.get("width", fig.width)), fig.alt)]
        if tag == "signature":
            lines = (SignatureLine(trace.unmark(ln.get("label", "")), trace.unmark(ln.get("value", ""))) for ln in el)
            return [Signature(tuple(lines))]
        if tag == "pagebreak":
            return [PageBreak()]
        if tag == "prose":
            return self.prose(el.get("ref", ""))
        raise MarkupError(f"未知的标记 <{tag}>")

    def table(self, el: ET.Element) -> Table:
        widths = tuple(float(w) for w in el.get("widths", "").split(",") if w.strip())
        rows = []
        for tr in el:
            if tr.tag != "tr":
                raise MarkupError(f"<table> 中只能有 <tr>，这里是 <{tr.tag}>")
            cells = tuple(
                Cell(self.inline(td), int(td.get("colspan", "1")), int(td.get("rowspan", "1")))
                for td in tr
                if td.tag == "td"
            )
            rows.append(Row(cells, header=tr.get("header") == "true"))
        if not rows:
            raise MarkupError("空表格")
        columns = sum(c.colspan for c in rows[0].cells)
        if not widths:
            widths = (1.0,) * columns
        if len(widths) != columns:
            raise MarkupError(f"表格有 {columns} 列，widths 给了 {len(widths)} 个")
        _check_grid(rows, columns)
        caption = el.get("caption")
        return Table(tuple(rows), widths, trace.unmark(caption) if caption else None)


def _check_grid(rows: list[Row], columns: int) -> None:
    """Every row, counting cells spanned from above, fills exactly the columns."""
    carried = [0] * len(rows)
    for r, row in enumerate(rows):
        width = sum(c.colspan for c in row.cells) + carried[r]
        if width != columns:
            raise MarkupError(f"表格第 {r + 1} 行占 {width} 列，应为 {columns} 列")
        for c in row.cells:
            for below in range(r + 1, min(r + c.rowspan, len(rows))):
                carried[below] += c.colspan
