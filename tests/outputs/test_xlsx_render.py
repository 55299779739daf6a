"""compliance.xlsx: the 偏离表 as a workbook a bid team can filter and print."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import minimal
from example_expected import YUNXI_AUTOMATIC, YUNXI_TABLE
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from generator.checks import compliance
from generator.checks.compliance import ClauseResult
from generator.model.project import Deviation
from generator.outputs import xlsx_render
from generator.pipeline import check

HEADER = ["序号", "招标文件条目号", "标注", "招标文件要求", "投标文件响应", "偏离情况", "说明", "核对方式"]
STAMP = dt.datetime(2026, 6, 1, 9, 30, tzinfo=dt.UTC)


def sheet(data: bytes) -> tuple[Any, Worksheet]:
    wb = load_workbook(io.BytesIO(data))
    ws = wb["商务条款偏离表"]
    return wb, ws


def column(name: str) -> int:
    return HEADER.index(name) + 1


def clause_rows(ws: Worksheet, results: tuple[ClauseResult, ...]) -> list[list[Any]]:
    return [[c.value for c in row] for row in ws.iter_rows(min_row=3, max_row=2 + len(results), max_col=len(HEADER))]


def test_yunxi_workbook(example_model: Any) -> None:
    rp = example_model.project("yunxi-cdc-network")
    results = compliance.evaluate(example_model, rp)
    company = example_model.content.company.name
    wb, ws = sheet(xlsx_render.render(rp, results, company, STAMP))
    assert wb.sheetnames == ["商务条款偏离表"]

    title = str(ws.cell(1, 1).value)
    assert rp.project.name in title and rp.project.tender_number in title
    assert [c.value for c in ws[2]][: len(HEADER)] == HEADER
    assert ws.max_column == len(HEADER)

    rows = clause_rows(ws, results)
    printed = [
        (
            row[column("招标文件条目号") - 1],
            row[column("偏离情况") - 1],
            row[column("投标文件响应") - 1],
            row[column("说明") - 1] or "",
        )
        for row in rows
    ]
    assert printed == [(clause, d.value, response, note) for clause, d, response, note in YUNXI_TABLE]
    assert [row[column("序号") - 1] for row in rows] == list(range(1, 15))
    assert [row[column("核对方式") - 1] for row in rows] == [("自动核对" if a else "人工填写") for a in YUNXI_AUTOMATIC]
    for row, r in zip(rows, results, strict=True):  # the clause's own words, as the tender writes them
        req = r.requirement
        assert (row[column("标注") - 1] or "") == (req.marker.value if req.marker else "")
        assert row[column("招标文件要求") - 1] == req.text
    markers = [row[column("标注") - 1] for row in rows]
    assert "★" in markers and "▲" in markers
    ways = {row[column("核对方式") - 1] for row in rows}
    assert ways == {"自动核对", "人工填写"}

    tail = [str(ws.cell(r, 1).value or "") for r in range(3 + len(results), ws.max_row + 1)]
    assert any("除上表所列条款外" in v for v in tail)

    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == f"A2:H{2 + len(results)}"
    assert "偏离表" in (wb.properties.title or "")
    assert wb.properties.creator == company
    assert ws.page_setup.orientation == "landscape"


def test_positive_deviation_cell_is_marked(example_model: Any) -> None:
    rp = example_model.project("yunxi-cdc-network")
    results = compliance.evaluate(example_model, rp)
    _, ws = sheet(xlsx_render.render(rp, results, "公司", STAMP))
    col = column("偏离情况")
    fills = {r.deviation: ws.cell(3 + i, col).fill for i, r in enumerate(results) if r.deviation is not None}
    assert fills[Deviation.POSITIVE].fill_type == "solid"
    assert fills[Deviation.NONE].fill_type in (None, "none")


def test_negative_deviation_cell_is_filled_and_bold(make_tree: Callable[..., Path]) -> None:
    project = minimal("projects/demo.yaml") + (
        "requirements:\n"
        "  - clause: '1'\n"
        "    text: 质保期不少于 3 年\n"
        "    check: {metric: 质保期, comparator: ≥, threshold: 3年}\n"
        "  - clause: '2'\n"
        "    text: 质保期不少于 5 年\n"  # unmarked: no diagnostic, but the table says it
        "    check: {metric: 质保期, comparator: ≥, threshold: 5年}\n"
        "  - clause: '3'\n"
        "    text: 提供授权书\n"
    )
    result = check(make_tree({"projects/demo.yaml": project}))
    assert result.model is not None, result.report.format()
    rp = result.model.project("demo")
    results = compliance.evaluate(result.model, rp)
    assert [r.deviation for r in results] == [Deviation.NONE, Deviation.NEGATIVE, None]
    _, ws = sheet(xlsx_render.render(rp, results, "公司", STAMP))
    col = column("偏离情况")
    ok, bad, open_ = (ws.cell(row, col) for row in (3, 4, 5))
    assert bad.value == "负偏离"
    assert bad.fill.fill_type == "solid" and bad.fill.fgColor.rgb != ok.fill.fgColor.rgb
    assert bad.font.bold and not ok.font.bold
    assert ok.fill.fill_type in (None, "none")
    assert open_.value == "待填写"
    assert ws.cell(5, column("核对方式")).value == "人工填写"


def test_build_writes_the_workbook_only_for_projects_with_clauses(built: Path, example_model: Any) -> None:
    assert example_model.project("yunxi-cdc-network").project.requirements
    assert not example_model.project("linchuan-gov-dc").project.requirements
    path = built / "yunxi-cdc-network" / "compliance.xlsx"
    assert path.is_file()
    _, ws = sheet(path.read_bytes())
    assert ws.cell(2, 2).value == "招标文件条目号"
    assert (built / "linchuan-gov-dc" / "proposal.pdf").is_file()
    assert not (built / "linchuan-gov-dc" / "compliance.xlsx").exists()


def test_text_that_looks_like_a_formula_stays_text(make_tree: Callable[..., Path], tmp_path: Path) -> None:
    """Clause text, a response and the project's name from the content, starting with =, +, -, @
    or a tab: saved as strings (no <f> in the sheet's XML), read back word for word, and marked
    with the quote prefix so editing the cell in Excel or WPS does not make it a formula."""
    hyperlink = '=HYPERLINK("http://evil.example/","x")'
    texts = {
        "1": (hyperlink, "+1 年质保，满足要求"),
        "2": ("-2+3 提供授权书", "@SUM(A1:A9) 已提供"),
        "3": ("#N/A 提供备机", "=1+1 已提供"),
    }
    project = minimal("projects/demo.yaml").replace("name: 示例项目", "name: '=CMD|\" /C calc\"!A0 项目'")
    project += "requirements:\n" + "".join(
        f"  - clause: '{n}'\n    text: '{text.replace(chr(39), chr(39) * 2)}'\n    response: '{response}'\n"
        for n, (text, response) in texts.items()
    )
    result = check(make_tree({"projects/demo.yaml": project}))
    assert result.model is not None, result.report.format()
    rp = result.model.project("demo")
    results = compliance.evaluate(result.model, rp)
    path = tmp_path / "compliance.xlsx"
    path.write_bytes(xlsx_render.render(rp, results, "=公司", STAMP))

    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert re.search(r"<f[\s>/]", xml) is None, xml[:2000]
    assert "evil.example" in xml  # written, as text

    _, ws = sheet(path.read_bytes())
    rows = clause_rows(ws, results)
    for row, (text, response) in zip(rows, texts.values(), strict=True):
        assert row[column("招标文件要求") - 1] == text
        assert row[column("投标文件响应") - 1] == response
    for r in range(3, 3 + len(results)):
        for name in ("招标文件要求", "投标文件响应"):
            cell = ws.cell(r, column(name))
            assert cell.data_type == "s", (cell.coordinate, cell.value)
            assert cell.quotePrefix == str(cell.value).startswith(("=", "+", "-", "@")), cell.coordinate
    title = ws.cell(1, 1)
    assert title.data_type == "s" and str(title.value).startswith('=CMD|" /C calc"!A0 项目') and title.quotePrefix
    plain = ws.cell(3, column("偏离情况"))
    assert plain.data_type == "s" and not plain.quotePrefix  # ordinary text is left alone
