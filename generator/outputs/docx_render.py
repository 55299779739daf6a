"""The document model as a Word file, written on the reference .docx in templates/.

Only named styles from the reference are used (no direct formatting), so a
company restyles every proposal by swapping that one file.  What the reference
cannot hold because it depends on the project is added here: heading
numbering from the project's chapter prefix bound to the Heading styles, the
TOC field, header and page-number footer, core properties.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from html import escape
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run as WordRun

from generator.model.sources import Sources
from generator.outputs import columns
from generator.outputs.document import (
    Align,
    Document,
    Figure,
    Inline,
    ListBlock,
    Numbering,
    PageBreak,
    Paragraph,
    Section,
    Signature,
    Table,
    leads_in,
    numbered,
)
from generator.outputs.templating import search_path

REFERENCE = "reference.docx"
TABLE_EM = Emu(133350)  # 10.5 pt (五号), the Table Text size
ALIGN_STYLE = {Align.BODY: "Normal", Align.LEFT: "Addressee", Align.RIGHT: "Signature", Align.CENTER: "Body Center"}
MAX_HEADING = 4


def reference_path(templates: Path | None = None) -> Path:
    for d in search_path(templates):
        if (d / REFERENCE).exists():
            return d / REFERENCE
    raise FileNotFoundError(REFERENCE)


def _el(tag: str, **attrs: str) -> Any:
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


# Headings to this depth are listed in the table of contents (as in the PDF).
TOC_DEPTH = 2


_LIST_MARK_BEFORE_NUMBER = re.compile(r"(?<=[、，；])(?=\d)")
_RANGE_DASH = re.compile(r"(?<=\d[:：]\d\d)([—–-])(?=\d)")
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ADDRESS_BREAK = re.compile(r"(?<=[.@])(?=.)|(?<=://)|(?<=[^:/]/)(?=[^/])")


def line_breaks(text: str) -> str:
    """Where a word processor may break a line, marked with zero-width spaces: after a
    Chinese list mark before a number (LibreOffice otherwise keeps "11:30、14:30—" together
    and breaks inside the first time window), and inside web and mail addresses only
    after / . @ (never in the middle of a host name); and where it may not: after the dash
    of a time window."""
    text = _LIST_MARK_BEFORE_NUMBER.sub("\u200b", text)
    text = _RANGE_DASH.sub("\u2060\\1\u2060", text)  # word joiners: 9:00—11:30 stays on one line
    return _ADDRESS.sub(lambda m: _ADDRESS_BREAK.sub("\u200b", m.group(0)), text)


def _app_xml(company: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>aftersales</Application><Company>{escape(company, quote=False)}</Company>"
        "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()


def _bookmark(index: int) -> str:
    """The bookmark on the index-th heading (1-based, reading order)."""
    return f"_Toc_aftersales_{index}"


class DocxWriter:
    def __init__(self, doc: Document, reference: Path, review: bool = False, stamp: dt.datetime | None = None) -> None:
        self.doc = doc
        # The build's time (SOURCE_DATE_EPOCH where set): the file's properties and its zip
        # entries carry it, so the same content and stamp give the same bytes.
        self.stamp = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0, tzinfo=None)
        # For review: a Word comment on every value printed from the content, naming where it is written.
        self.review = review
        self.headings = 0
        self.word: WordDocument = docx.Document(str(reference))
        body = self.word.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)  # keep the page set-up, drop any sample text
        # Looking a style up by name scans every style each time: resolve once.
        self.style_ids = {s.name: s.style_id for s in self.word.styles}
        section = self.word.sections[0]
        width, left, right = section.page_width, section.left_margin, section.right_margin
        assert width is not None and left is not None and right is not None, "reference.docx has no page size"
        self.text_width = Emu(width - left - right)

    # --- document-level parts -------------------------------------------------

    def properties(self) -> None:
        self.app_properties()
        p = self.word.core_properties
        p.title = self.doc.title
        p.author = p.last_modified_by = self.doc.author
        p.subject = self.doc.subject
        p.keywords = "，".join(self.doc.keywords)
        p.comments = ""
        p.category = "投标文件"
        p.language = "zh-CN"
        p.revision = 1
        p.created = p.modified = self.stamp

    def app_properties(self) -> None:
        """docProps/app.xml names aftersales and the company, not the program that made the
        reference file; no thumbnail of another document."""
        package = self.word.part.package
        for rel in list(package.rels.values()):
            if rel.reltype.endswith("/thumbnail"):
                package.rels.pop(rel.rId)
        for part in package.iter_parts():
            if str(part.partname) == "/docProps/app.xml":
                part._blob = _app_xml(self.doc.author)  # python-docx keeps app.xml as a plain blob

    def update_fields_on_open(self) -> None:
        """Word fills the TOC and page counts when the file is opened."""
        settings = self.word.settings.element
        for old in settings.findall(qn("w:updateFields")):
            settings.remove(old)
        settings.append(_el("w:updateFields", val="true"))

    def heading_numbering(self) -> None:
        """A multilevel list bound to Heading 1–4, starting from the chapter prefix."""
        numbering = self.word.part.numbering_part.element
        ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
        abstract_id = max(ids, default=0) + 1
        abstract = _el("w:abstractNum", abstractNumId=str(abstract_id))
        abstract.append(_el("w:multiLevelType", val="multilevel"))
        for lvl in range(MAX_HEADING):
            level = _el("w:lvl", ilvl=str(lvl))
            level.append(_el("w:start", val="1"))
            fmt, text = self._level_format(lvl)
            level.append(_el("w:numFmt", val=fmt))
            level.append(_el("w:pStyle", val=f"Heading{lvl + 1}"))
            level.append(_el("w:suff", val="space" if self.doc.numbering is Numbering.DECIMAL else "nothing"))
            level.append(_el("w:lvlText", val=text))
            level.append(_el("w:lvlJc", val="left"))
            ppr = _el("w:pPr")
            ppr.append(_el("w:ind", left="0", firstLine="0"))
            level.append(ppr)
            abstract.append(level)
        # abstractNum elements must precede num elements.
        nums = numbering.findall(qn("w:num"))
        if nums:
            nums[0].addprevious(abstract)
        else:
            numbering.append(abstract)
        num_id = max((int(n.get(qn("w:numId"))) for n in nums), default=0) + 1
        num = _el("w:num", numId=str(num_id))
        num.append(_el("w:abstractNumId", val=str(abstract_id)))
        numbering.append(num)
        for lvl in range(MAX_HEADING):
            style = self.word.styles[f"Heading {lvl + 1}"]
            num_pr = style.element.get_or_add_pPr().get_or_add_numPr()  # in schema order
            num_pr.get_or_add_ilvl().val = lvl
            num_pr.get_or_add_numId().val = num_id

    def _level_format(self, lvl: int) -> tuple[str, str]:
        if self.doc.numbering is Numbering.CHINESE:
            return [
                ("chineseCounting", "%1、"),
                ("chineseCounting", "（%2）"),
                ("decimal", "%3."),
                ("decimal", "（%4）"),
            ][lvl]
        prefix = f"{self.doc.chapter_prefix}." if self.doc.chapter_prefix else ""
        return "decimal", prefix + ".".join(f"%{i + 1}" for i in range(lvl + 1))

    def header_footer(self) -> None:
        section = self.word.sections[0]
        header = section.header.paragraphs[0]
        header.text = self.doc.header
        header.style = self.word.styles["Header"]
        footer = section.footer.paragraphs[0]
        footer.style = self.word.styles["Footer"]
        footer.text = ""
        footer.add_run("第 ")
        self._field(footer, "PAGE", "1")
        footer.add_run(" 页 共 ")
        self._field(footer, "NUMPAGES", "1")
        footer.add_run(" 页")

    def _field(self, paragraph: WordParagraph, instruction: str, shown: str) -> None:
        run = paragraph.add_run()
        run._r.append(_el("w:fldChar", fldCharType="begin"))
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = f" {instruction} "
        run._r.append(instr)
        run._r.append(_el("w:fldChar", fldCharType="separate"))
        paragraph.add_run(shown)
        end = paragraph.add_run()
        end._r.append(_el("w:fldChar", fldCharType="end"))

    def toc(self) -> None:
        """The table of contents written out, not left to a TOC field: every viewer shows it.
        Each entry links to a bookmark on its heading and takes its page number from a PAGEREF
        field to that bookmark, standing in an ordinary paragraph: LibreOffice computes such a
        field when it lays the page out (inside a TOC field's result it would show the cached
        text), and Word refreshes it on opening (updateFields)."""
        self.word.add_paragraph("目  录", style="TOC Heading")
        for i, (depth, label, section) in enumerate(numbered(self.doc), start=1):
            if depth > TOC_DEPTH:
                continue
            p = self.paragraph(f"toc {depth}")
            link = _el("w:hyperlink", anchor=_bookmark(i), history="1")
            run = OxmlElement("w:r")
            text = OxmlElement("w:t")
            text.set(qn("xml:space"), "preserve")
            text.text = (
                f"{label} {section.title}" if self.doc.numbering is Numbering.DECIMAL else f"{label}{section.title}"
            )
            run.append(text)
            link.append(run)
            p._p.append(link)
            p.add_run().add_tab()
            self._field(p, f"PAGEREF {_bookmark(i)} \\h", "")
        self.word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # --- content ----------------------------------------------------------------

    def paragraph(self, style: str, text: str = "") -> WordParagraph:
        p = self.word.add_paragraph(text)
        p._p.style = self.style_ids[style]
        return p

    def runs(self, paragraph: WordParagraph, runs: Inline) -> None:
        for r in runs:
            run = paragraph.add_run(line_breaks(r.text))
            if r.strong:
                run._r.style = self.style_ids["Strong"]
            self.comment(run, r.sources)

    def comment(self, run: WordRun, sources: Sources) -> None:
        if self.review and sources:
            text = "来源：" + "；".join(s.zh() for s in sources)
            self.word.add_comment(run, text=text, author="aftersales", initials="AS")

    def section(self, section: Section, depth: int) -> None:
        heading = self.paragraph(f"Heading {min(depth, MAX_HEADING)}")
        self.headings += 1  # in reading order, as numbered(doc) lists them for the TOC
        start = _el("w:bookmarkStart", id=str(self.headings), name=_bookmark(self.headings))
        heading._p.append(start)
        heading.add_run(section.title)
        heading._p.append(_el("w:bookmarkEnd", id=str(self.headings)))
        for i, block in enumerate(section.blocks):
            if isinstance(block, Paragraph):
                style = (
                    "Lead-in" if block.align is Align.BODY and leads_in(section.blocks, i) else ALIGN_STYLE[block.align]
                )
                self.runs(self.paragraph(style), block.runs)
            elif isinstance(block, ListBlock):
                self.list_block(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Figure):
                self.figure(block)
            elif isinstance(block, Signature):
                for line in block.lines:
                    p = self.paragraph("Signature", f"{line.label}：{line.value}")
                    if not line.value:  # left blank for a hand: an underlined space to sign on
                        p.add_run("\u3000" * 8).style = self.word.styles["Signature Blank"]
            elif isinstance(block, PageBreak):
                self.word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for child in section.children:
            self.section(child, depth + 1)

    def list_block(self, block: ListBlock) -> None:
        style = "List Number" if block.ordered else "List Bullet"
        num_id = self._restart_numbering(style) if block.ordered else None
        for item in block.items:
            p = self.paragraph(style)
            if num_id is not None:
                ppr = p._p.get_or_add_pPr()
                num_pr = ppr.get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = 0
                num_pr.get_or_add_numId().val = num_id
            self.runs(p, item)

    def _restart_numbering(self, style_name: str) -> int:
        """Each numbered list counts from 1: a new num on the style's list, restarted."""
        style = self.word.styles[style_name]
        num_pr = style.element.pPr.numPr if style.element.pPr is not None else None
        numbering = self.word.part.numbering_part.element
        if num_pr is None or num_pr.numId is None:
            return 0
        base = numbering.num_having_numId(num_pr.numId.val)
        new = numbering.add_num(base.abstractNumId.val)
        override = new.add_lvlOverride(0)
        override.add_startOverride(1)
        return int(new.numId)

    def table(self, table: Table) -> None:
        """Tables are written as XML in one go: python-docx's cell API rebuilds the grid per call."""
        if table.caption:
            self.paragraph("Caption", table.caption)
        # Planned from the content (columns.py), in em of the table text (10.5 pt = 133350 EMU).
        planned = columns.plan(table, self.text_width / TABLE_EM)
        widths = [int(Emu(int(w * TABLE_EM)).twips) for w in planned]
        header_id, text_id = self.style_ids["Table Header"], self.style_ids["Table Text"]
        xml = [
            f"<w:tbl {nsdecls('w')}><w:tblPr>",
            f'<w:tblStyle w:val="{self.style_ids["Table Grid"]}"/>',
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>',
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0"'
            ' w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
            *(f'<w:gridCol w:w="{w}"/>' for w in widths),
            "</w:tblGrid>",
        ]
        # (row, column) → (colspan, rows left) of a cell spanning down from above.
        spans: dict[tuple[int, int], int] = {}
        for r, row in enumerate(table.rows):
            style = header_id if row.header else text_id
            xml.append("<w:tr><w:trPr><w:cantSplit/>")
            xml.append("<w:tblHeader/>" if row.header else "")  # repeats at the top of every page
            xml.append("</w:trPr>")
            cells = iter(row.cells)
            c = 0
            while c < table.columns:
                if (r, c) in spans:  # continuation of a vertical merge
                    colspan = spans[(r, c)]
                    xml.append(self._tc(widths[c : c + colspan], colspan, "continue", style, ()))
                    c += colspan
                    continue
                cell = next(cells)
                merge = "restart" if cell.rowspan > 1 else None
                for below in range(r + 1, r + cell.rowspan):
                    spans[(below, c)] = cell.colspan
                xml.append(self._tc(widths[c : c + cell.colspan], cell.colspan, merge, style, cell.runs))
                c += cell.colspan
            xml.append("</w:tr>")
        xml.append("</w:tbl>")
        tbl = parse_xml("".join(xml))
        self._append(tbl)
        if self.review:
            # The table's runs, in the order they were written: comment those from the content.
            written = [r.sources for row in table.rows for cell in row.cells for r in cell.runs]
            for r_el, sources in zip(tbl.iter(qn("w:r")), written, strict=True):
                if sources:
                    p_el = r_el.getparent()
                    self.comment(WordRun(r_el, WordParagraph(p_el, self.word._body)), sources)
        # A short empty paragraph keeps two tables or a table and a heading apart.
        self.paragraph("Table Text")

    def _tc(self, widths: list[int], colspan: int, merge: str | None, style: str, runs: Inline) -> str:
        span = f'<w:gridSpan w:val="{colspan}"/>' if colspan > 1 else ""
        vmerge = {None: "", "restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}[merge]
        body = "".join(
            "<w:r>"
            + (f'<w:rPr><w:rStyle w:val="{self.style_ids["Strong"]}"/></w:rPr>' if r.strong else "")
            + f'<w:t xml:space="preserve">{escape(line_breaks(r.text), quote=False)}</w:t></w:r>'
            for r in runs
        )
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{sum(widths)}" w:type="dxa"/>{span}{vmerge}</w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{body}</w:p></w:tc>'
        )

    def _append(self, element: Any) -> None:
        body = self.word.element.body
        sect = body.find(qn("w:sectPr"))
        if sect is not None:
            sect.addprevious(element)
        else:
            body.append(element)

    def figure(self, figure: Figure) -> None:
        p = self.paragraph("Figure")
        p.add_run().add_picture(io.BytesIO(figure.png), width=Emu(int(self.text_width * figure.width)))
        self.paragraph("Caption", figure.caption)

    def write(self) -> bytes:
        self.properties()
        self.update_fields_on_open()
        self.heading_numbering()
        self.header_footer()
        self.word.add_paragraph(self.doc.title, style="Title")
        self.toc()
        for s in self.doc.sections:
            self.section(s, 1)
        out = io.BytesIO()
        self.word.save(out)
        return _dated(out.getvalue(), self.stamp)


def _dated(data: bytes, when: dt.datetime) -> bytes:
    """The package with every zip entry dated `when` (python-docx dates them with the clock)."""
    when = max(when, dt.datetime(1980, 1, 1))  # the earliest time a zip entry can hold
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            dst.writestr(entry, src.read(info))
    return out.getvalue()


def render(
    doc: Document, templates: Path | None = None, review: bool = False, stamp: dt.datetime | None = None
) -> bytes:
    """The proposal as a Word file; for review, with a comment naming the source of each value.
    `stamp`: the build's time (now where not given)."""
    return DocxWriter(doc, reference_path(templates), review, stamp).write()
