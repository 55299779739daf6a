"""The text a reader sees in each output, for tests that search it by meaning."""

from __future__ import annotations

import html
import io
import json
import re
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader


def docx_text(path: Path) -> str:
    """Every piece of text in the file: body, tables, headers, footers, notes and properties,
    one line per paragraph or cell (a value split across runs is joined again)."""
    lines: list[str] = []
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if not name.endswith(".xml"):
                continue
            xml = z.read(name).decode("utf-8")
            if name.startswith("word/"):
                for block in re.split(r"</w:p>|</w:tc>", xml):
                    lines.append("".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", block)))
            elif name.startswith("docProps/"):
                lines += re.findall(r">([^<]+)<", xml)
    # Zero-width spaces and word joiners mark where the DOCX may or may not break a line
    # (docx_render.line_breaks): not text.
    return html.unescape("\n".join(lines)).replace("\u200b", "").replace("\u2060", "")


def site_text(site_dir: Path) -> str:
    """What a reader or the search sees: every page, and the search index decoded (its words are
    split by zero-width spaces, removed here); not the scripts the theme brings along."""
    parts = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(site_dir.rglob("*"))
        if p.is_file() and p.suffix in {".html", ".xml", ".txt"}
    ]
    for name in ("search_index.json", "search_index.js"):
        raw = (site_dir / "search" / name).read_text(encoding="utf-8")
        data = json.loads(raw[raw.index("{") : raw.rindex("}") + 1])
        assert data["docs"], name
        parts += [f"{d['title']}\n{d['text']}" for d in data["docs"]]
    return "\n".join(parts).replace("\u200b", "")


def pdf_text(path: Path) -> str:
    """Every page's text and the document metadata."""
    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return text + "\n" + "\n".join(str(v) for v in (reader.metadata or {}).values())


def ics_text(path: Path) -> str:
    """The calendar unfolded (RFC 5545 folds lines at 75 octets) and unescaped."""
    raw = path.read_bytes().decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    return raw.replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n")


def xlsx_text(path: Path) -> str:
    wb = load_workbook(io.BytesIO(path.read_bytes()))
    cells = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    props = [wb.properties.title or "", wb.properties.creator or ""]
    return "\n".join(cells + props)


def output_texts(out_dir: Path, site_dir: Path, project: str) -> dict[str, str]:
    """Each output of one project, and the handbook, as text."""
    found = {
        "proposal.docx": docx_text(out_dir / project / "proposal.docx"),
        "proposal.pdf": pdf_text(out_dir / project / "proposal.pdf"),
        "manual.pdf": pdf_text(out_dir / project / "manual.pdf"),
        "schedule.ics": ics_text(out_dir / project / "schedule.ics"),
        "site": site_text(site_dir),
    }
    if (out_dir / project / "compliance.xlsx").exists():
        found["compliance.xlsx"] = xlsx_text(out_dir / project / "compliance.xlsx")
    return found


class _Article(HTMLParser):
    """The text of a page's article (what MkDocs renders from the Markdown, without the theme's
    navigation), one line per block or cell, and the pictures it shows."""

    BLOCKS = frozenset({"p", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "div", "br", "label", "summary"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag in self.BLOCKS:
            self.parts.append("\n")
        if tag == "img":
            found = dict(attrs)
            self.parts.append(f"\n{found.get('alt') or ''}\n")
            if found.get("src"):
                self.images.append(str(found["src"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        elif self.depth and tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data.replace("¶", ""))


def site_pages(site_dir: Path) -> dict[str, str]:
    """Each handbook page (path relative to site_dir, e.g. "projects/x.html") as a reader sees it:
    the article's text, one line per block or table cell, then the text of the SVG pictures it
    shows (time-line charts, flowcharts), which carry values too."""
    pages: dict[str, str] = {}
    for path in sorted(site_dir.rglob("*.html")):
        if path.name == "404.html" or "static" in path.relative_to(site_dir).parts:
            continue
        parser = _Article()
        parser.feed(path.read_text(encoding="utf-8"))
        text = "".join(parser.parts)
        for src in parser.images:
            picture = (path.parent / src).resolve()
            if picture.suffix == ".svg" and picture.is_file():
                svg = picture.read_text(encoding="utf-8")
                # Not the time axis's scale (1分钟, 1小时, 1天…, drawn grey): the same on every chart.
                texts = re.findall(r"<text\b([^>]*)>([^<]*)</text>", svg)
                text += "\n" + "\n".join(html.unescape(t) for attrs, t in texts if 'fill="#555"' not in attrs)
        pages[path.relative_to(site_dir).as_posix()] = re.sub(r"\n\s*\n+", "\n", text).strip()
    return pages


# "    4.2.3 质保服务 ........ 5" or "（三）质保期限…… 6": a heading's number, its title, a
# dotted leader and a page, on one line. Our PDFs draw the dots (they are not text), so
# there the title and the page are apart by spaces only.
_LABEL = r"(?:\d+\.)*\d+\.?|[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）"
ENTRY = re.compile(rf"^[ \t]*({_LABEL})[ \t]*(\S.*?)(?:[ \t]*[.…]{{3,}}|[ \t]{{2,}})[ \t]*(\d+)[ \t]*$", re.M)


def pdf_pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    return [
        subprocess.run(
            ["pdftotext", "-f", str(i), "-l", str(i), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for i in range(1, count + 1)
    ]


def toc_errors(pdf: Path) -> tuple[int, list[str]]:
    """(entries, the entries whose page number is not where the heading is printed)."""
    text = pdf_pages(pdf)
    # The pages from the one titled 目录 for as long as they list entries.
    start = next((i for i, t in enumerate(text) if re.search(r"^\s*目\s*录\s*$", t, re.M)), None)
    assert start is not None, "no table of contents"
    toc = [start]
    while toc[-1] + 1 < len(text) and len(ENTRY.findall(text[toc[-1] + 1])) >= 3:
        toc.append(toc[-1] + 1)
    entries = [e for i in toc for e in ENTRY.findall(text[i])]
    first_body = max(toc) + 1
    wrong = []
    for label, title, listed in entries:
        heading = re.compile(rf"^[ \t]*{re.escape(label)}[ \t]*{re.escape(title.strip())}", re.M)
        printed = [i + 1 for i in range(first_body, len(text)) if heading.search(text[i])]
        if printed[:1] != [int(listed)]:
            wrong.append(f"{label} {title}: listed on p.{listed}, printed on {printed}")
    return len(entries), wrong


def flat(text: str) -> str:
    """Text without whitespace: PDF lines, narrow table cells and the DOCX's own spacing
    break CJK text anywhere."""
    return "".join(text.split())


def table_rows(page: str) -> list[list[str]]:
    """Each <tr> of an HTML page as the text of its cells."""
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", page, re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        rows.append([html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return rows
