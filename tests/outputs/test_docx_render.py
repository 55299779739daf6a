"""The proposal DOCX as Word sees it: named styles, bound heading numbering, TOC, fields, numbers from YAML."""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from conftest import EXAMPLE
from docx.oxml.ns import qn
from extract import docx_text
from leaks import COST_FORMS, OWN_STAFF_PHONES, PROJECT_PRIVATE_PHONES, leaks, squeeze, standalone

PROJECT = "yunxi-cdc-network"  # 4.2, decimal numbering, the most sections
SCHOOL = "qingshi-classroom"  # 中文 numbering
PROJECTS = ["qingshi-classroom", "linchuan-gov-dc", "yunxi-cdc-network"]


def open_docx(built: Path, project: str = PROJECT) -> Any:
    return docx.Document(str(built / project / "proposal.docx"))


def test_only_named_styles_no_direct_formatting(built: Path) -> None:
    d = open_docx(built)
    names = {s.name for s in d.styles}
    for p in d.paragraphs:
        assert p.style.name in names
        ppr = p._p.pPr
        if ppr is not None:
            assert {child.tag for child in ppr} <= {qn("w:pStyle"), qn("w:numPr")}, p.text
        for r in p.runs:
            rpr = r._r.rPr
            if rpr is not None:
                assert {child.tag for child in rpr} <= {qn("w:rStyle")}, r.text
    used = {p.style.name for p in d.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Normal", "TOC Heading", "Signature", "Caption"} <= used
    for table in d.tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    assert p.style.name in {"Table Text", "Table Header"}


def test_east_asian_fonts_on_styles_without_theme_fonts(built: Path) -> None:
    d = open_docx(built)

    def fonts(style: str) -> dict[str, str]:
        rfonts = d.styles[style].element.rPr.find(qn("w:rFonts"))
        return {k.split("}")[1]: v for k, v in rfonts.attrib.items()}

    assert fonts("Normal")["eastAsia"] == "宋体"
    assert fonts("Heading 1")["eastAsia"] == "黑体"
    assert fonts("Table Header")["eastAsia"] == "黑体"
    assert d.styles["Table Text"].base_style.name == "Normal"  # inherits 宋体
    styles_xml = d.styles.element.xml
    assert not re.search(r'w:(ascii|hAnsi|eastAsia|cs)Theme="', styles_xml)
    normal = d.styles["Normal"]
    assert normal.font.size.pt == 12  # 小四
    assert normal.paragraph_format.line_spacing == 1.5
    ind = normal.element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"  # two characters
    assert d.styles["Table Text"].element.pPr.find(qn("w:ind")).get(qn("w:firstLine")) == "0"
    lang = d.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    assert d.styles["Heading 1"].paragraph_format.keep_with_next


def _heading_numbering(d: Any) -> tuple[list[str], list[str]]:
    num_id = d.styles["Heading 1"].element.pPr.numPr.numId.val
    numbering = d.part.numbering_part.element
    num = numbering.num_having_numId(num_id)
    abstract = next(
        a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == str(num.abstractNumId.val)
    )
    levels = abstract.findall(qn("w:lvl"))
    texts = [lv.find(qn("w:lvlText")).get(qn("w:val")) for lv in levels]
    styles = [lv.find(qn("w:pStyle")).get(qn("w:val")) for lv in levels]
    return texts, styles


def test_heading_numbering_is_bound_to_headings_and_starts_at_the_prefix(built: Path) -> None:
    d = open_docx(built)
    texts, styles = _heading_numbering(d)
    assert texts == ["4.2.%1", "4.2.%1.%2", "4.2.%1.%2.%3", "4.2.%1.%2.%3.%4"]
    assert styles == ["Heading1", "Heading2", "Heading3", "Heading4"]
    for level in (2, 3, 4):
        assert d.styles[f"Heading {level}"].element.pPr.numPr.ilvl.val == level - 1
    assert d.paragraphs[0].style.name == "Title" and d.paragraphs[0].text.startswith("4.2 ")


def test_chinese_heading_scheme(built: Path) -> None:
    texts, _ = _heading_numbering(open_docx(built, SCHOOL))
    assert texts == ["%1、", "（%2）", "%3.", "（%4）"]


def test_toc_is_written_out_with_links_and_page_fields(built: Path, example_model: Any) -> None:
    """One entry per heading to depth 2, in the toc styles: a link to a bookmark on its
    heading and a PAGEREF field to the same bookmark; no TOC field left for a viewer to fill."""
    from generator.outputs import proposal
    from generator.outputs.document import numbered

    d = open_docx(built)
    body = d.element.body
    instr = [e.text.strip() for e in body.iter(qn("w:instrText"))]
    assert not any(t.startswith("TOC") for t in instr)
    entries = [p for p in d.paragraphs if p.style.name in ("toc 1", "toc 2")]
    doc = proposal.build(example_model, example_model.project(PROJECT))
    headings = [(depth, f"{label} {s.title}") for depth, label, s in numbered(doc) if depth <= 2]
    assert [("toc 1" if depth == 1 else "toc 2", text) for depth, text in headings] == [
        (p.style.name, "".join(t.text or "" for t in p._p.iter(qn("w:t"))).strip()) for p in entries
    ]
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    for p in entries:
        [link] = p._p.iter(qn("w:hyperlink"))
        anchor = link.get(qn("w:anchor"))
        assert anchor in bookmarks
        assert [t.text.strip() for t in p._p.iter(qn("w:instrText"))] == [f"PAGEREF {anchor} \\h"]
    assert headings[0][1].endswith("售后服务承诺书")
    update = d.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"  # Word refreshes the page numbers


def test_header_footer_and_properties(built: Path, example_model: Any) -> None:
    d = open_docx(built)
    rp = example_model.project(PROJECT)
    section = d.sections[0]
    assert section.header.paragraphs[0].text == rp.project.name
    footer = section.footer.paragraphs[0]
    fields = [e.text.strip() for e in footer._p.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert footer.text.startswith("第 ") and " 页 共 " in footer.text
    assert abs(section.page_width.cm - 21.0) < 0.01 and abs(section.page_height.cm - 29.7) < 0.01
    props = d.core_properties
    assert props.author == example_model.content.company.name
    assert props.title.startswith("4.2 ")
    assert props.language == "zh-CN"


def _tables_by_header(d: Any) -> dict[str, Any]:
    return {tuple(c.text for c in t.rows[0].cells)[0:3]: t for t in d.tables}


def test_table_header_rows_repeat(built: Path) -> None:
    for t in open_docx(built).tables:
        first = t.rows[0]._tr.trPr
        assert first is not None and first.find(qn("w:tblHeader")) is not None


def test_response_table_numbers_equal_the_yaml(built: Path, example_model: Any) -> None:
    d = open_docx(built)
    response = example_model.project(PROJECT).commitments.response
    table = next(t for t in d.tables if t.rows[0].cells[0].text == "故障等级" and len(t.columns) > 4)
    header2 = [c.text for c in table.rows[1].cells]
    zones = {z.name: z.id for z in example_model.content.company.zones}
    for level, row in zip(response.levels, table.rows[2:], strict=True):
        cells = [c.text for c in row.cells]
        assert cells[0] == level.name
        arrival = level.targets["arrival"]
        for name, zone in zones.items():
            col = header2.index(name)
            assert cells[col] == arrival.for_area(zone).zh()
        assert level.targets["phone"].zh() in cells


def test_price_list_equals_fees_yaml(built: Path) -> None:
    raw = yaml.safe_load((EXAMPLE / "fees.yaml").read_text(encoding="utf-8"))
    d = open_docx(built)
    table = next(t for t in d.tables if any("优惠" in c.text for c in t.rows[0].cells) and len(t.rows) > 3)
    body = [[c.text for c in r.cells] for r in table.rows[1:]]
    # yunxi is a network and data-centre project: the classroom panels' items are not its own.
    items = [i for i in raw["price_lists"][0]["items"] if i.get("lines") != ["classroom"]]
    assert [i["name"] for i in items] == ["HDMI 连接线", "企业级硬盘 2TB", "交换机电源模块"]
    for item, row in zip(items, body, strict=True):
        assert item["name"].replace(" ", "") in [c.replace(" ", "") for c in row]
        price = Decimal(str(item["price"]))
        assert any(c.replace(",", "").startswith(f"{price:.2f}") or c == f"{price:,.2f}元" for c in row), row
        assert any(c == str(item["discount"]) for c in row), row
        assert standalone("\n".join(row), COST_FORMS) == [], row  # internal costs are never printed


@pytest.mark.parametrize("project_id", PROJECTS)
def test_internal_values_never_reach_the_proposal(built: Path, project_id: str) -> None:
    text = docx_text(built / project_id / "proposal.docx")
    # The project's own people's phones print, as in the manual (ResolvedProject.phone); no one else's.
    assert leaks(text, phones=PROJECT_PRIVATE_PHONES[project_id]) == []
    for phone in OWN_STAFF_PHONES[project_id]:
        assert phone in squeeze(text), phone
    # The search finds what is printed: p11 苏以安's public phone is in every proposal.
    assert "138-0000-0011" in squeeze(text)


def test_the_docx_prints_money_as_searched(built: Path) -> None:
    """Proof that the cost search looks for money the way the proposal prints it."""
    text = docx_text(built / PROJECT / "proposal.docx")
    for price in ("200.00元", "1,800.00元", "1,350.00元", "50,000.00元"):
        assert standalone(text, [price]), price


def test_flowchart_is_embedded(built: Path) -> None:
    d = open_docx(built)
    assert any(rel.reltype.endswith("/image") for rel in d.part.rels.values())
    assert any(p.text == "售后服务流程图" and p.style.name == "Caption" for p in d.paragraphs)


@pytest.mark.needs("soffice", "pdftotext")
def test_libreoffice_opens_and_converts(built: Path, tmp_path: Path) -> None:
    profile = tmp_path / "lo-profile"
    proc = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(built / PROJECT / "proposal.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    pdf = tmp_path / "proposal.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "售后服务承诺书" in text and "故障分级与响应时限" in text


def test_the_build_time_dates_the_file_so_the_same_build_gives_the_same_bytes(example_model: Any) -> None:
    import datetime as dt
    import io
    import zipfile

    from generator.outputs import docx_render, proposal

    doc = proposal.build(example_model, example_model.projects[0])
    stamp = dt.datetime(2026, 3, 1, 8, 30, tzinfo=dt.UTC)  # SOURCE_DATE_EPOCH's job
    first, second = docx_render.render(doc, stamp=stamp), docx_render.render(doc, stamp=stamp)
    assert first == second
    word = docx.Document(io.BytesIO(first))
    assert word.core_properties.created == word.core_properties.modified == stamp
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {(2026, 3, 1, 8, 30, 0)}
    assert docx_render.render(doc, stamp=stamp + dt.timedelta(days=1)) != first
