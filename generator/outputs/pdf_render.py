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
import sys
from pathlib import Path

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
    pdf = HTML(string=markup, base_url=str(Path.cwd())).write_pdf(stylesheets=[CSS(string=css_text)])
    assert pdf is not None
    return bytes(pdf)


def render(doc: Document, templates: Path | None = None) -> bytes:
    return write_pdf(html(doc, templates), "proposal.css", templates)


def render_manual(manual: Manual, templates: Path | None = None) -> bytes:
    return write_pdf(manual_html(manual, templates), "manual.css", templates)
