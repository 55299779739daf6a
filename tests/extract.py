"""The text a reader sees in each output, for tests that search it by meaning."""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
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
    return html.unescape("\n".join(lines))


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
