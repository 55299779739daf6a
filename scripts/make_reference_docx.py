"""Build templates/reference.docx: the Word styles every proposal is written with.

Run once and commit the result; a company replaces the file with its own (same
style names) to restyle every proposal without touching code.  Styles, not
direct formatting: 宋体小四 body with 1.5 spacing and a two-character indent,
黑体 headings, a table text style without the indent, A4 with the margins
Chinese tender documents use.

    python scripts/make_reference_docx.py [OUT]
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.styles.style import BaseStyle

SONG, HEI = "宋体", "黑体"
LATIN = "Times New Roman"
SIZES = {"小二": 18, "三号": 16, "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9}


def set_fonts(style: BaseStyle, east_asia: str, latin: str = LATIN) -> None:
    """Explicit fonts on a style, theme-font attributes removed (Word prefers themes otherwise)."""
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)


def strip_theme_fonts(document: docx.document.Document) -> None:
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        for attr in list(fonts.attrib):
            if attr.endswith("Theme"):
                del fonts.attrib[attr]


def chars_indent(style: BaseStyle, first_line_chars: int | None = None, left_chars: int | None = None) -> None:
    """Indents in characters (w:firstLineChars), which follow the font size like a Chinese writer expects."""
    ind = style.element.get_or_add_pPr().get_or_add_ind()  # keeps schema order
    for attr in list(ind.attrib):
        del ind.attrib[attr]
    if first_line_chars is not None:
        ind.set(qn("w:firstLineChars"), str(first_line_chars * 100))
        ind.set(qn("w:firstLine"), str(first_line_chars * 240))
    if left_chars is not None:
        ind.set(qn("w:leftChars"), str(left_chars * 100))
        ind.set(qn("w:left"), str(left_chars * 240))


def no_indent(style: BaseStyle) -> None:
    ind = style.element.get_or_add_pPr().get_or_add_ind()
    for attr in list(ind.attrib):
        del ind.attrib[attr]
    ind.set(qn("w:firstLine"), "0")
    ind.set(qn("w:firstLineChars"), "0")
    ind.set(qn("w:left"), "0")
    ind.set(qn("w:leftChars"), "0")


def language(document: docx.document.Document) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    # Latin script (digits, phone numbers, sums) follows Western line breaking: a number never
    # breaks between its digits; Chinese text is zh-CN.
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")


def paragraph_style(document: docx.document.Document, name: str, base: str = "Normal") -> BaseStyle:
    styles = document.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    style.quick_style = True
    return style


def build(out: Path) -> None:
    d = docx.Document()
    strip_theme_fonts(d)
    language(d)

    section = d.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.54)
    section.left_margin = section.right_margin = Cm(3.17)
    section.header_distance = section.footer_distance = Cm(1.5)

    normal = d.styles["Normal"]
    set_fonts(normal, SONG)
    normal.font.size = Pt(SIZES["小四"])
    pf = normal.paragraph_format
    pf.line_spacing = 1.5
    pf.space_before = pf.space_after = Pt(0)
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.widow_control = True
    chars_indent(normal, first_line_chars=2)

    # 黑体 headings, bold at every level: a level-4 heading in 小四 must not read as body text.
    heading_sizes = [SIZES["小三"], SIZES["四号"], SIZES["小四"], SIZES["小四"]]
    for level, size in enumerate(heading_sizes, start=1):
        h = d.styles[f"Heading {level}"]
        set_fonts(h, HEI)
        h.font.size = Pt(size)
        h.font.bold = True
        h.font.color.rgb = None
        h.font.italic = False
        hf = h.paragraph_format
        hf.keep_with_next = True
        hf.keep_together = True
        hf.line_spacing = 1.5
        hf.space_before = Pt(12 if level == 1 else 6)
        hf.space_after = Pt(6 if level == 1 else 3)
        hf.alignment = WD_ALIGN_PARAGRAPH.LEFT
        no_indent(h)

    title = d.styles["Title"]
    set_fonts(title, HEI)
    title.font.size = Pt(SIZES["小二"])
    title.font.bold = True
    title.font.color.rgb = None
    tf = title.paragraph_format
    tf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tf.space_before, tf.space_after = Pt(12), Pt(18)
    no_indent(title)
    # The default Title carries a bottom border; a tender section does not.
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)

    toc_heading = d.styles["TOC Heading"]
    # Based on Heading 1 by default, it would inherit the heading numbering.
    toc_heading.base_style = d.styles["Normal"]
    toc_heading.paragraph_format.keep_with_next = True
    set_fonts(toc_heading, HEI)
    toc_heading.font.size = Pt(SIZES["四号"])
    toc_heading.font.bold = True
    toc_heading.paragraph_format.space_before = Pt(12)
    toc_heading.paragraph_format.space_after = Pt(12)
    toc_heading.font.color.rgb = None
    toc_heading.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    no_indent(toc_heading)
    text_width = section.page_width - section.left_margin - section.right_margin
    for level in (1, 2, 3):
        toc = paragraph_style(d, f"toc {level}")
        no_indent(toc)
        chars_indent(toc, left_chars=(level - 1) * 2)
        toc.paragraph_format.line_spacing = 1.25
        toc.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        # The page number at the right margin, a dotted leader before it.
        toc.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)

    table_text = paragraph_style(d, "Table Text")
    table_text.font.size = Pt(SIZES["五号"])
    table_text.paragraph_format.line_spacing = 1.15
    table_text.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    no_indent(table_text)
    table_header = paragraph_style(d, "Table Header", "Table Text")
    set_fonts(table_header, HEI)
    table_header.font.bold = True
    table_header.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    table_header.paragraph_format.keep_with_next = True

    caption = d.styles["Caption"]
    set_fonts(caption, HEI)
    caption.font.size = Pt(SIZES["五号"])
    caption.font.bold = False
    caption.font.color.rgb = None
    caption.font.italic = False
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.space_after = Pt(3)
    caption.paragraph_format.keep_with_next = True
    no_indent(caption)

    figure = paragraph_style(d, "Figure")
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.keep_with_next = True
    figure.paragraph_format.line_spacing = 1.0
    no_indent(figure)

    for name, align in (
        ("Signature", WD_ALIGN_PARAGRAPH.RIGHT),
        ("Addressee", WD_ALIGN_PARAGRAPH.LEFT),
        ("Body Center", WD_ALIGN_PARAGRAPH.CENTER),
    ):
        s = paragraph_style(d, name)
        s.paragraph_format.alignment = align
        no_indent(s)
    d.styles["Signature"].paragraph_format.space_before = Pt(6)

    # Hanging indents: the mark at two characters, every line of the text at four.
    for name in ("List Bullet", "List Number"):
        s = d.styles[name]
        no_indent(s)
        ind = s.element.get_or_add_pPr().get_or_add_ind()
        for attr in list(ind.attrib):
            del ind.attrib[attr]
        ind.set(qn("w:leftChars"), "400")
        ind.set(qn("w:left"), "960")
        ind.set(qn("w:hangingChars"), "200")
        ind.set(qn("w:hanging"), "480")

    # The list definitions' own indents win over the styles': the same hanging indent there.
    numbering = d.part.numbering_part.element
    for abstract in numbering.findall(qn("w:abstractNum")):
        lvl = abstract.find(qn("w:lvl"))
        style = lvl.find(qn("w:pStyle")) if lvl is not None else None
        if style is None or style.get(qn("w:val")) not in ("ListBullet", "ListNumber"):
            continue
        ppr = lvl.find(qn("w:pPr"))
        for tab in ppr.iter(qn("w:tab")):
            tab.set(qn("w:pos"), "960")
        ind = ppr.find(qn("w:ind"))
        for attr in list(ind.attrib):
            del ind.attrib[attr]
        ind.set(qn("w:left"), "960")
        ind.set(qn("w:hanging"), "480")

    # A sentence that introduces a table or list stays on its page.
    lead_in = paragraph_style(d, "Lead-in")
    lead_in.paragraph_format.keep_with_next = True

    for name in ("Header", "Footer"):
        s = d.styles[name]
        for tabs in s.element.get_or_add_pPr().findall(qn("w:tabs")):
            tabs.getparent().remove(tabs)
        set_fonts(s, SONG)
        s.font.size = Pt(SIZES["小五"])
        no_indent(s)
        s.paragraph_format.line_spacing = 1.0
    d.styles["Header"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.styles["Footer"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    strong = d.styles["Strong"]
    strong.font.bold = True
    # A space left for a hand signature, underlined.
    blank = d.styles.add_style("Signature Blank", WD_STYLE_TYPE.CHARACTER)
    blank.font.underline = True

    strip_theme_fonts(d)
    props = d.core_properties
    props.title = props.author = props.subject = props.keywords = props.comments = ""
    props.last_modified_by = props.category = ""
    props.language = "zh-CN"
    # No thumbnail of python-docx's own blank sample page.
    package = d.part.package
    for rel in list(package.rels.values()):
        if rel.reltype.endswith("/thumbnail"):
            package.rels.pop(rel.rId)
    d.save(str(out))


if __name__ == "__main__":
    build(
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parent.parent / "templates" / "reference.docx"
    )
