"""Table column widths planned from what the columns hold, so that no phone number,
time, date, sum of money or row number breaks across lines, and no header is
stacked a character or two per line. One plan serves the DOCX grid and the PDF's
column widths."""

from __future__ import annotations

import math
import re
import unicodedata
from html import unescape

from markupsafe import Markup, escape

from generator.outputs.document import Table, plain

# What must stay on one line: a phone, date, time window, sum, percentage, id or Latin
# word, with a CJK unit right after a number (1,800.00元, 30分钟, 95%).
_UNIT = r"(?:万元|元|个工作日|工作日|个月|小时|分钟|学时|课时|次|人|名|年|天|台|套|件|%|％)"
UNBREAKABLE = re.compile(
    r"\d{4}年\d{1,2}月\d{1,2}日"  # a date written out
    r"|_+年_*月_*日(?:_*时_*分)?|_+月_*日_*时_*分|_+-_+-_+"  # a form's blank to fill in
    r"|\d{1,2}:\d{2}\s*[—–~～-]\s*\d{1,2}:\d{2}"  # a time window
    r"|¥\s?\d[\d,]*(?:\.\d+)?元?"  # a sum with its sign
    r"|第\d+(?:周|次|天|日|个工作日)"  # an ordinal: 第1周
    rf"|[0-9A-Za-z][0-9A-Za-z.,:/@%×+\-—–#*_]*[0-9A-Za-z%]{_UNIT}?|\d{_UNIT}?"
)
# Web and mail addresses may break after / . @ (the renderers allow it there), so they
# do not set a column's width.
_ADDRESS = re.compile(r"^(?:https?://|www\.)|@")

# A header shows at least this many characters on a line, and a short cell (a name,
# 本科, 一线, 11年) this wide stays whole.
HEADER_CHARS = 4
SHORT = 4.0
# Cell padding on both sides with the border, in em (LibreOffice's default cell margins
# are 0.19 cm each side).
PADDING = 1.3
# No single token may claim more of the table than this.
MAX_SHARE = 0.45
# The PDF's text block in em of its table text: A4 with 3.17 cm side margins, 10.5 pt
# (proposal.css); the DOCX measures its own from reference.docx.
PDF_TEXT_EM = 39.5


def em(text: str) -> float:
    """Printed width in em: CJK and full-width characters 1, others (digits, Latin) about half."""
    # Ambiguous-width characters (—, ×, ·) print full width beside Chinese text.
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


# Chinese punctuation that may not start a line travels with the token before it, and
# word processors set a small space between Latin and Chinese text (autospacing).
_NO_LINE_START = "、，；。：）》”"
AUTOSPACE = 0.3


def tokens(text: str) -> list[str]:
    """The stretches of the text that must not break, each with the punctuation that
    cannot be parted from it."""
    out = []
    for m in UNBREAKABLE.finditer(text):
        if _ADDRESS.search(m.group(0)):
            continue
        tail = text[m.end() : m.end() + 1]
        out.append(m.group(0) + (tail if tail and tail in _NO_LINE_START else ""))
    return out


def minimums(table: Table) -> list[float]:
    """Each column's least width in em: its widest unbreakable token, and a few
    characters of its header. Cells spanning several columns do not count."""
    need = [0.0] * table.columns
    for row in table.rows:
        col = 0
        for cell in row.cells:
            text = plain(cell.runs)
            if cell.colspan == 1 and col < table.columns:
                widest = max((em(t) + AUTOSPACE for t in tokens(text)), default=0.0)
                if row.header:  # at most two lines of it, never a character or two a line
                    widest = max(widest, min(max(math.ceil(em(text) / 2), min(em(text), 2.0)), float(HEADER_CHARS)))
                elif em(text) <= SHORT:
                    widest = max(widest, em(text))
                need[col] = max(need[col], widest + PADDING if widest else 0.0)
            col += cell.colspan
    return need


def plan(table: Table, total_em: float) -> tuple[float, ...]:
    """Column widths in em adding up to total_em: the template's proportions, with each
    column widened to its minimum at the expense of columns that have room to spare."""
    weights = table.widths
    wanted = [total_em * w / sum(weights) for w in weights]
    least = [min(m, total_em * MAX_SHARE) for m in minimums(table)]
    if sum(least) > total_em:  # cannot fit every token: share out in proportion to need
        return tuple(total_em * m / sum(least) for m in least)
    widths = list(wanted)
    for _ in range(len(widths)):
        short = [i for i, w in enumerate(widths) if w < least[i] - 1e-9]
        if not short:
            break
        lack = sum(least[i] - widths[i] for i in short)
        for i in short:
            widths[i] = least[i]
        spare = {i: widths[i] - least[i] for i in range(len(widths)) if i not in short and widths[i] > least[i]}
        room = sum(spare.values())
        if room <= 0:
            break
        for i, s in spare.items():
            widths[i] -= lack * s / room
    return tuple(widths)


def html(text: str) -> Markup:
    """Text for HTML with every unbreakable token kept on one line (span.nb, white-space:
    nowrap in the stylesheets). Web and mail addresses may still break."""
    out, at = [], 0
    for m in UNBREAKABLE.finditer(text):
        if _ADDRESS.search(m.group(0)) or len(m.group(0)) < 2:  # a lone digit cannot break
            continue
        out.append(escape(text[at : m.start()]))
        out.append(Markup('<span class="nb">') + escape(m.group(0)) + Markup("</span>"))
        at = m.end()
    out.append(escape(text[at:]))
    return Markup("").join(out)


_TEXT_NODE = re.compile(r">([^<]+)<")


def keep_whole(markup: str) -> str:
    """An HTML document with every text node of its body passed through html(), whatever
    the template wrote: numbers stay whole in a company's own templates too."""
    head, body_tag, body = markup.partition("<body")
    if not body_tag:
        return markup
    # The text nodes are HTML already: unescape, then escape again around the spans.
    return head + body_tag + _TEXT_NODE.sub(lambda m: f">{html(unescape(m.group(1)))}<", body)
