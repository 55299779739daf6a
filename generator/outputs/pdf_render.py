"""The proposal's document model and the maintenance manual as HTML, and as PDF through WeasyPrint.

The HTML templates and the print CSS are in templates/ (proposal.html.j2 and
proposal.css, manual.html.j2 and manual.css), where a company can override them.  Fonts are named by
fontconfig family ("Noto Serif CJK SC"), never by .ttc file: face 0 of the
Noto CJK collections is the Japanese one.
"""

from __future__ import annotations

import base64
import ctypes.util
import functools
import logging
import re
import sys
from pathlib import Path
from typing import Any

from jinja2 import Environment, TemplateError

from generator.outputs import columns
from generator.outputs.document import (
    Document,
    Figure,
    ListBlock,
    PageBreak,
    Paragraph,
    Signature,
    Table,
    leads_in,
    numbered,
)
from generator.outputs.manual import Manual
from generator.outputs.proposal import make_environment
from generator.outputs.templating import search_path

_warned = False


def check_harfbuzz_subset() -> None:
    """Without libharfbuzz-subset WeasyPrint subsets CJK fonts with fontTools: ~10× slower."""
    global _warned
    if _warned or ctypes.util.find_library("harfbuzz-subset"):
        return
    _warned = True
    print(
        "aftersales: warning: libharfbuzz-subset 未安装，PDF 生成会很慢；请运行 apt-get install -y libharfbuzz-subset0",
        file=sys.stderr,
    )


def _data_uri(figure: Figure) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(figure.svg).decode("ascii")


@functools.lru_cache(maxsize=8)
def _environment(templates: Path | None) -> Environment:
    """The proposal's filters plus the block types the HTML template dispatches on,
    in an environment of its own (the proposal's cached one stays untouched)."""
    env = make_environment(templates)
    env.globals.update(
        Paragraph=Paragraph, ListBlock=ListBlock, Table=Table, Figure=Figure, Signature=Signature, PageBreak=PageBreak
    )
    env.globals["leads_in"] = leads_in
    env.filters["data_uri"] = _data_uri
    env.filters["nobreak"] = columns.html
    env.filters["column_widths"] = lambda table: columns.plan(table, columns.PDF_TEXT_EM)
    env.tests["instance"] = isinstance
    return env


def html(doc: Document, templates: Path | None = None) -> str:
    env = _environment(templates)
    return env.get_template("proposal.html.j2").render(doc=doc, entries=numbered(doc))


class ManualError(Exception):
    """The manual's template (possibly a company's own) could not render."""


def manual_html(manual: Manual, templates: Path | None = None) -> str:
    name = "manual.html.j2"
    try:
        return columns.keep_whole(_environment(templates).get_template(name).render(m=manual, rp=manual.rp))
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        raise ManualError(f"{name}{f':{line}' if line else ''}：模板错误：{exc}") from None


def stylesheet(templates: Path | None = None, name: str = "proposal.css") -> str:
    for d in search_path(templates):
        if (d / name).exists():
            return (d / name).read_text(encoding="utf-8")
    raise FileNotFoundError(name)


def write_pdf(markup: str, css_name: str, templates: Path | None = None) -> bytes:
    """HTML and a stylesheet from templates/ to PDF: one pipeline, one set of fonts."""
    return pdf_from(markup, stylesheet(templates, css_name))


def pdf_from(markup: str, css_text: str) -> bytes:
    """The PDF of this markup and stylesheet: WeasyPrint reads nothing else (pictures are
    data: URIs in the markup), so the two with the fonts decide the file (outputs/cache.py)."""
    check_harfbuzz_subset()
    from weasyprint import CSS, HTML  # imported late: loading Pango takes a moment

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    html_class = HTML if _needs_full_ua(markup, css_text) else _lean_html_class() or HTML
    pdf = html_class(string=markup, base_url=str(Path.cwd())).write_pdf(stylesheets=[CSS(string=css_text)])
    assert pdf is not None
    return bytes(pdf)


# WeasyPrint's user-agent stylesheet styles ::marker and four footnote and note
# pseudo-elements of *every* element, so each element gets five pseudo-element styles
# computed: ~80 % of the styles of our documents and ~0.25 s of a 2.3 s proposal. Those
# rules only reach a page through footnotes, notes or list items, so where the markup
# and stylesheet use no footnote or note and no list item but <li>, a stylesheet without
# them (::marker kept for <li>) lays out the same pages; tests compare the pixels.
_USES_DROPPED_RULES = re.compile(r"footnote|note-|::note|float\s*:\s*note|list-item")
_UNIVERSAL_PSEUDO = re.compile(r"^::(?:footnote|note)-[a-z-]+ \{[^}]*\}\n", re.MULTILINE)


def _needs_full_ua(markup: str, css_text: str) -> bool:
    return bool(_USES_DROPPED_RULES.search(css_text) or _USES_DROPPED_RULES.search(markup))


def lean_user_agent_css() -> str | None:
    """WeasyPrint's user-agent stylesheet without its rules for every element's footnote
    and note pseudo-elements, ::marker for <li> only; None where this WeasyPrint's
    stylesheet is not the one these edits expect (it is then used as it is)."""
    try:
        from weasyprint.html import UA
    except ImportError:
        return None
    lean, dropped = _UNIVERSAL_PSEUDO.subn("", UA)
    lean, markers = re.subn(r"^::marker \{", "li::marker {", lean, flags=re.MULTILINE)
    return lean if dropped and markers == 1 else None


@functools.cache
def _lean_html_class() -> Any:
    """An HTML document class whose user-agent stylesheet is the lean one (WeasyPrint
    reads it through HTML._ua_stylesheets; the form stylesheet, if asked for, stays)."""
    css = lean_user_agent_css()
    if css is None:
        return None
    from weasyprint import CSS, HTML
    from weasyprint.html import UA_COUNTER_STYLE

    sheet = CSS(string=css, counter_style=UA_COUNTER_STYLE)

    class LeanHTML(HTML):  # type: ignore[misc]
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [sheet, *super()._ua_stylesheets(forms)[1:]]

    return LeanHTML


def render(doc: Document, templates: Path | None = None) -> bytes:
    return write_pdf(html(doc, templates), "proposal.css", templates)


def render_manual(manual: Manual, templates: Path | None = None) -> bytes:
    return write_pdf(manual_html(manual, templates), "manual.css", templates)
