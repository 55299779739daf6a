"""The maintenance manual (维护手册) as the customer reads it and as a phone scans it."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import minimal
from pypdf import PdfReader

from generator.dates.schedule import schedule
from generator.model.durations import Duration, Unit
from generator.model.values import tel_uri
from generator.outputs import manual
from generator.outputs.pdf_render import render_manual
from generator.pipeline import check

PROJECTS = ["qingshi-classroom", "linchuan-gov-dc", "yunxi-cdc-network"]
EDITION = dt.date(2026, 5, 1)

# pdftoppm (poppler-utils) rasterises page 1, zbarimg (zbar-tools) decodes it.
needs_scanner = pytest.mark.needs("pdftoppm", "zbarimg")


def flat(text: str) -> str:
    """Text without whitespace: CJK lines and table cells break anywhere."""
    return "".join(text.split())


def pdf_text(path: Path) -> str:
    return flat("".join(page.extract_text() for page in PdfReader(str(path)).pages))


def section(text: str, start: str, end: str) -> str:
    """The body section between two headings (the last occurrences: the TOC names them too)."""
    a = text.rindex(flat(start))
    return text[a : text.index(flat(end), a)]


def end_of_period(start: dt.date, period: Duration) -> dt.date:
    """民法典 第二百零二条: the corresponding day of the final month, or that month's last day."""
    months = {Unit.YEAR: period.amount * 12, Unit.MONTH: period.amount}[period.unit]
    assert months == int(months), period
    index = start.year * 12 + start.month - 1 + int(months)
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(start.day, calendar.monthrange(year, month + 1)[1]))


def expected_ends(model: Any, rp: Any) -> dict[str, dt.date | None]:
    """Each item's warranty end from the project's dates, by item name."""
    ends: dict[str, dt.date | None] = {}
    for item in rp.project.equipment:
        w = rp.equipment_warranty(item, model.index.manufacturers)
        start = rp.event_date(w.start_event)
        ends[item.name] = end_of_period(start, w.period) if start else None
    return ends


def qr_payloads(pdf: Path, tmp_path: Path) -> set[str]:
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "200", "-f", "1", "-l", "1", "-png", str(pdf), str(prefix)], check=True)
    (png,) = tmp_path.glob("page*.png")
    out = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True).stdout
    return set(out.split())


def render_to(path: Path, model: Any, project_id: str) -> Path:
    book = manual.build(model, model.project(project_id), EDITION)
    path.write_bytes(render_manual(book))
    return path


# --- the example, as built -----------------------------------------------------------


def test_every_example_project_has_a_manual(built: Path, example_model: Any) -> None:
    assert sorted(rp.id for rp in example_model.projects) == sorted(PROJECTS)
    for pid in PROJECTS:
        pdf = built / pid / "manual.pdf"
        assert pdf.is_file(), pid
        text = pdf_text(pdf)
        assert flat(example_model.project(pid).project.name) in text
        assert "设备维护手册" in text


def test_qingshi_warranty_ends_by_item(built: Path, example_model: Any) -> None:
    """The three rules at once: overall period, an item's own period, and a different start event."""
    p = example_model.project("qingshi-classroom").project
    assert p.acceptance_date == dt.date(2026, 5, 20)
    ends = expected_ends(example_model, example_model.project("qingshi-classroom"))
    assert ends == {
        "86 英寸交互智能平板": dt.date(2029, 5, 20),  # 3年 from 验收合格
        "壁挂式视频展台": dt.date(2028, 5, 20),  # its own 2年
        "组合式推拉黑板": dt.date(
            p.delivery_date.year + 5, p.delivery_date.month, p.delivery_date.day
        ),  # 5年 from 交货
    }
    table = section(pdf_text(built / "qingshi-classroom" / "manual.pdf"), "三、设备清单与质保期", "四、日常使用与保养")
    for name, end in ends.items():
        assert end is not None and end.isoformat() in table, name


@pytest.mark.parametrize("project_id", PROJECTS)
def test_equipment_table_shows_each_warranty_end(built: Path, example_model: Any, project_id: str) -> None:
    rp = example_model.project(project_id)
    assert rp.project.equipment, "the example should list equipment"
    table = section(pdf_text(built / project_id / "manual.pdf"), "三、设备清单与质保期", "四、日常使用与保养")
    for name, end in expected_ends(example_model, rp).items():
        assert flat(name) in table
        assert end is not None, f"{project_id}: {name} has no start date in the example"
        assert end.isoformat() in table, name
    assert "____-__-__" not in table


@pytest.mark.parametrize("project_id", PROJECTS)
def test_forms_are_printed(built: Path, example_model: Any, project_id: str) -> None:
    rp = example_model.project(project_id)
    text = pdf_text(built / project_id / "manual.pdf")
    assert "报修及服务报告单" in text
    assert "回访及满意度调查表" in text
    assert "□" in text
    forms = section(text, "附表1报修及服务报告单", "回访及满意度调查表")
    with_checklist = [i for i in rp.commitments.maintenance.inspections if i.checklist]
    assert with_checklist, "the example should have inspections with checklists"
    for i in rp.commitments.maintenance.inspections:
        title = flat(f"{i.name}记录表")
        if not i.checklist:
            assert title not in forms, i.name
            continue
        at = forms.index(title)
        form = forms[at : forms.find("附表", at + len(title))]
        for row in i.checklist:
            assert flat(row) in form, (i.name, row)
    questions = {q for cb in rp.commitments.maintenance.callbacks for q in cb.questions}
    callback_form = text[text.rindex("回访及满意度调查表") :]
    for q in questions:
        assert flat(q) in callback_form, q


@pytest.mark.parametrize("project_id", PROJECTS)
def test_schedule_dates_are_printed(built: Path, example_model: Any, project_id: str) -> None:
    rp = example_model.project(project_id)
    visits = schedule(rp).visits
    assert visits
    text = pdf_text(built / project_id / "manual.pdf")
    assert visits[0].date.isoformat() in text
    table = section(text, "五、巡检与回访计划", "质保期满后的服务")
    for v in visits:
        assert v.date.isoformat() in table, v.key


@needs_scanner
@pytest.mark.parametrize("project_id", PROJECTS)
def test_cover_qr_codes_scan(built: Path, example_model: Any, project_id: str, tmp_path: Path) -> None:
    company = example_model.content.company
    assert company.handbook_url
    assert qr_payloads(built / project_id / "manual.pdf", tmp_path) == {
        manual.project_page_url(company.handbook_url, project_id),
        "tel:" + "".join(ch for ch in company.hotlines[0].number if ch.isdigit()),
    }


def test_project_page_url_matches_the_site_layout() -> None:
    assert manual.project_page_url("https://a.example.cn/", "p1") == "https://a.example.cn/projects/p1.html"
    assert manual.project_page_url("https://a.example.cn/hb", "p1") == "https://a.example.cn/hb/projects/p1.html"


# --- small trees: what is not known yet -------------------------------------------------

EQUIPMENT = "equipment:\n  - {id: sw, name: 核心交换机, brand: 示例品牌, model: X1, quantity: 2}\n"


def test_without_acceptance_date_the_manual_leaves_blanks(make_tree: Callable[..., Path], tmp_path: Path) -> None:
    from generator.outputs import ics

    project = minimal("projects/demo.yaml").replace("acceptance_date: 2026-05-20\n", "") + EQUIPMENT
    root = make_tree({"projects/demo.yaml": project})
    result = check(root)
    assert not result.report.errors, result.report.format()
    (warning,) = [d for d in result.report.warnings if "acceptance_date" in d.message]
    assert warning.location is not None and warning.location.file.resolve() == (root / "projects/demo.yaml").resolve()
    assert result.model is not None

    book = manual.build(result.model, result.model.project("demo"), EDITION)
    pdf = tmp_path / "manual.pdf"
    pdf.write_bytes(render_manual(book))
    text = pdf_text(pdf)
    table = section(text, "三、设备清单与质保期", "四、日常使用与保养")
    assert "核心交换机" in table and "____-__-__" in table
    assert not re.search(r"\d{4}-\d{2}-\d{2}", table)  # neither a start nor an end date is invented
    plan = section(text, "五、巡检与回访计划", "质保期满后的服务")
    assert "巡检与回访日程" not in plan and "星期" not in plan  # no visit table
    assert "季度巡检" in plan  # the promise itself is still listed
    assert "BEGIN:VEVENT" not in ics.render(book, dt.datetime(2026, 5, 1, tzinfo=dt.UTC)).decode()


@needs_scanner
def test_without_handbook_url_only_the_hotline_code(make_tree: Callable[..., Path], tmp_path: Path) -> None:
    company = minimal("company.yaml").replace("handbook_url: https://service.test.example.cn\n", "")
    assert "handbook_url" not in company
    result = check(make_tree({"company.yaml": company}))
    assert not result.report.errors, result.report.format()
    assert [d.message for d in result.report.warnings if "handbook_url" in d.message]
    assert result.model is not None
    pdf = render_to(tmp_path / "manual.pdf", result.model, "demo")
    assert "尚未设置" in pdf_text(pdf)
    assert qr_payloads(pdf, tmp_path) == {tel_uri("400-000-0000")}
