"""The document model as plain text: for reading a proposal in a terminal and in tests."""

from __future__ import annotations

from generator.checks.duplicates import SENTENCE_END, SLOT, Passage, Sentence
from generator.model.sources import Source
from generator.outputs.document import (
    Document,
    Figure,
    Inline,
    ListBlock,
    PageBreak,
    Paragraph,
    Section,
    Signature,
    Table,
    numbered,
    plain,
)


def passages(doc: Document) -> list[Passage]:
    """Headings, paragraphs and list items in reading order, for the duplicates check."""
    out: list[Passage] = []

    def walk(section: Section, path: str) -> None:
        here = f"{path} / {section.title}" if path else section.title
        out.append(Passage(path or "全文", section.title, (), heading=True))
        for block in section.blocks:
            inlines = (
                [block.runs] if isinstance(block, Paragraph) else block.items if isinstance(block, ListBlock) else []
            )
            for runs in inlines:
                sources = tuple(s for r in runs for s in r.sources)
                out.append(Passage(here, plain(runs), sources, sentences=_sentences(runs)))
        for child in section.children:
            walk(child, here)

    for section in doc.sections:
        walk(section, "")
    return out


def _sentences(runs: Inline) -> tuple[Sentence, ...]:
    """The runs cut into sentences, each with its skeleton: values from the content as SLOT."""
    out: list[Sentence] = []
    text = skeleton = ""
    sources: list[Source] = []
    for r in runs:
        if r.sources:
            text, skeleton = text + r.text, skeleton + SLOT
            sources += r.sources
            continue
        for piece in SENTENCE_END.split(r.text):
            text, skeleton = text + piece, skeleton + piece
            if piece and piece[-1] in "。；！？":
                out.append(Sentence(text.strip(), skeleton.strip(), tuple(sources)))
                text = skeleton = ""
                sources = []
    if text.strip():
        out.append(Sentence(text.strip(), skeleton.strip(), tuple(sources)))
    return tuple(out)


def render(doc: Document) -> str:
    out = [doc.title, ""]
    for depth, label, section in numbered(doc):
        out.append(f"{'#' * depth} {label} {section.title}")
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out.append(plain(block.runs))
            elif isinstance(block, ListBlock):
                for i, item in enumerate(block.items, start=1):
                    out.append(f"  {f'{i}.' if block.ordered else '-'} {plain(item)}")
            elif isinstance(block, Table):
                if block.caption:
                    out.append(f"[表] {block.caption}")
                for row in block.rows:
                    cells = " | ".join(
                        plain(c.runs) + (f" (跨{c.colspan}列)" if c.colspan > 1 else "") for c in row.cells
                    )
                    out.append(f"  {'=' if row.header else '|'} {cells}")
            elif isinstance(block, Figure):
                out.append(f"[图] {block.caption}：{block.alt}")
            elif isinstance(block, Signature):
                out.extend(f"{'':>30}{ln.label}：{ln.value}" for ln in block.lines)
            elif isinstance(block, PageBreak):
                out.append("---- 分页 ----")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":  # python -m generator.outputs.plaintext CONTENT PROJECT
    import sys
    from pathlib import Path

    from generator import pipeline
    from generator.outputs import proposal

    result = pipeline.check(Path(sys.argv[1]))
    assert result.model is not None, result.report.format()
    print(render(proposal.build(result.model, result.model.project(sys.argv[2]))))
