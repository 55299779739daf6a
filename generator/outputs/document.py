"""The format-neutral document model: what a proposal section says and how it is
structured, never how it looks.  Built once per project; the DOCX and the
HTML/PDF renderers both walk it, neither reads YAML."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from generator.model.sources import Sources


@dataclass(frozen=True)
class Run:
    """A stretch of text; emphasis is semantic (the renderers map it to a style).
    A run printed from the content carries where the content states it."""

    text: str
    strong: bool = False
    sources: Sources = ()


Inline = tuple[Run, ...]


def plain(runs: Inline) -> str:
    return "".join(r.text for r in runs)


class Align(Enum):
    BODY = "body"  # justified, first-line indent
    LEFT = "left"  # no indent (addressee lines)
    RIGHT = "right"  # signature lines, dates
    CENTER = "center"


@dataclass(frozen=True)
class Paragraph:
    runs: Inline
    align: Align = Align.BODY


@dataclass(frozen=True)
class ListBlock:
    items: tuple[Inline, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Cell:
    runs: Inline
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    header: bool = False


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    # Relative column widths; the renderers scale them to the text block.
    widths: tuple[float, ...]
    caption: str | None = None

    @property
    def columns(self) -> int:
        return len(self.widths)


@dataclass(frozen=True)
class Figure:
    """A picture drawn from the data, in both vector and raster form."""

    svg: bytes
    png: bytes
    caption: str
    # Fraction of the text block width.
    width: float = 1.0
    alt: str = ""


@dataclass(frozen=True)
class SignatureLine:
    label: str
    value: str = ""


@dataclass(frozen=True)
class Signature:
    """Right-aligned signing lines: 投标人（盖章）/ 法定代表人或授权代表（签字）/ 日期."""

    lines: tuple[SignatureLine, ...]


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Paragraph | ListBlock | Table | Figure | Signature | PageBreak


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...] = ()
    children: tuple[Section, ...] = ()
    anchor: str = ""


class Numbering(Enum):
    DECIMAL = "decimal"  # 4.2.1, 4.2.1.1
    CHINESE = "chinese"  # 一、 （一） 1. （1）


@dataclass(frozen=True)
class Document:
    title: str
    header: str
    author: str
    subject: str
    numbering: Numbering
    chapter_prefix: str
    sections: tuple[Section, ...]
    keywords: tuple[str, ...] = field(default=())

    def walk(self) -> list[tuple[int, Section]]:
        """Every section with its depth (1 = top level), in reading order."""
        out: list[tuple[int, Section]] = []

        def visit(s: Section, depth: int) -> None:
            out.append((depth, s))
            for c in s.children:
                visit(c, depth + 1)

        for s in self.sections:
            visit(s, 1)
        return out


_CN = "零一二三四五六七八九"


def leads_in(blocks: tuple[Block, ...], index: int) -> bool:
    """Whether the paragraph at index introduces the table or list that follows it: the two
    stay on one page (neither renderer leaves a lead-in at a page foot)."""
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return isinstance(blocks[index], Paragraph) and isinstance(following, (Table, ListBlock))


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 25 → 二十五 (headings rarely pass 99)."""
    if n < 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")


def heading_label(numbering: Numbering, prefix: str, path: tuple[int, ...]) -> str:
    """The number shown before a heading at ``path`` (1-based counters per level)."""
    if numbering is Numbering.CHINESE:
        n = path[-1]
        return [f"{chinese_number(n)}、", f"（{chinese_number(n)}）", f"{n}.", f"（{n}）"][min(len(path), 4) - 1]
    parts = [prefix] if prefix else []
    return ".".join(parts + [str(n) for n in path])


def numbered(doc: Document) -> list[tuple[int, str, Section]]:
    """(depth, label, section) in reading order, numbered as both renderers show them."""
    out: list[tuple[int, str, Section]] = []

    def visit(sections: tuple[Section, ...], path: tuple[int, ...]) -> None:
        for i, s in enumerate(sections, start=1):
            here = (*path, i)
            out.append((len(here), heading_label(doc.numbering, doc.chapter_prefix, here), s))
            visit(s.children, here)

    visit(doc.sections, ())
    return out
