"""The document model as plain text: for reading a proposal in a terminal and in tests."""

from __future__ import annotations

from generator.outputs.document import (
    Document,
    Figure,
    ListBlock,
    PageBreak,
    Paragraph,
    Signature,
    Table,
    numbered,
    plain,
)


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
