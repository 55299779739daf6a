"""The maintenance manual (维护手册) as the customer reads it and as a phone scans it."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import chinese_calendar
import pytest
from conftest import minimal
from leaks import OWN_STAFF_PHONES, PROJECT_PRIVATE_PHONES, leaks
from pypdf import PdfReader

from generator.dates.schedule import schedule
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


def raw_text(path: Path) -> str:
    """The text with its line breaks and spaces: table cells stay apart."""
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def pdf_text(path: Path) -> str:
    return flat(raw_text(path))


def section(text: str, start: str, end: str) -> str:
    """The body section between two headings (the last occurrences: the TOC names them too)."""
    a = text.rindex(flat(start))
    return text[a : text.index(flat(end), a)]


def announced(year: int) -> bool:
    """Whether the installed holiday data has the State Council's notice for `year`."""
    return any(d.year == year for d in chinese_calendar.holidays)


# Each item's row in 三、设备清单与质保期, by hand from the project files and commitments.yaml:
# (质保期, 起算日期, 起算事件, 质保截止). Ends by 民法典 arts. 201–202: the corresponding day.
WARRANTY_ROWS: dict[str, dict[str, tuple[str, str, str, str]]] = {
    "qingshi-classroom": {
        "86 英寸交互智能平板": ("3年", "2026-05-20", "验收合格", "2029-05-20"),  # qiming 3年 (project override)
        "壁挂式视频展台": ("2年", "2026-05-20", "验收合格", "2028-05-20"),  # the item's own 2年
        "组合式推拉黑板": ("5年", "2026-05-06", "交货", "2031-05-06"),  # its own 5年 from delivery
    },
    "linchuan-gov-dc": {
        "集中存储": ("3年", "2026-10-08", "验收合格", "2029-10-08"),
        "虚拟化服务器": ("3年", "2026-10-08", "验收合格", "2029-10-08"),
        "数据中心交换机": ("3年", "2026-10-08", "验收合格", "2029-10-08"),
    },
    "yunxi-cdc-network": {
        "核心交换机": ("3年", "2026-08-15", "验收合格", "2029-08-15"),
        "接入交换机": ("3年", "2026-08-15", "验收合格", "2029-08-15"),
        "下一代防火墙": ("3年", "2026-08-15", "验收合格", "2029-08-15"),
        "机架式服务器": ("3年", "2026-08-15", "验收合格", "2029-08-15"),
    },
}


def warranty_rows(table: str, names: Iterable[str]) -> dict[str, tuple[str, str, str, str]]:
    """Each named item's period, start date, start event and end as its table row prints them."""
    rows = {}
    for name in names:
        found = re.search(
            re.escape(flat(name)) + r".*?(\d+年)\D*?(\d{4}-\d{2}-\d{2})(验收合格|交货)(\d{4}-\d{2}-\d{2})", table
        )
        assert found, name
        period, start, event, end = found.groups()
        rows[name] = (period, start, event, end)
    return rows


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


def test_qingshi_warranty_ends_by_item(built: Path) -> None:
    """The three rules at once: overall period, an item's own period, and a different start event."""
    table = section(pdf_text(built / "qingshi-classroom" / "manual.pdf"), "三、设备清单与质保期", "四、日常使用与保养")
    assert warranty_rows(table, ["86 英寸交互智能平板", "壁挂式视频展台", "组合式推拉黑板"]) == {
        "86 英寸交互智能平板": ("3年", "2026-05-20", "验收合格", "2029-05-20"),
        "壁挂式视频展台": ("2年", "2026-05-20", "验收合格", "2028-05-20"),
        "组合式推拉黑板": ("5年", "2026-05-06", "交货", "2031-05-06"),
    }


@pytest.mark.parametrize("project_id", PROJECTS)
def test_equipment_table_shows_each_warranty_end(built: Path, example_model: Any, project_id: str) -> None:
    expected = WARRANTY_ROWS[project_id]
    assert sorted(i.name for i in example_model.project(project_id).project.equipment) == sorted(expected)
    table = section(pdf_text(built / project_id / "manual.pdf"), "三、设备清单与质保期", "四、日常使用与保养")
    assert warranty_rows(table, expected) == expected
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
    """The manual prints the schedule the calendar holds (both pinned by hand below and in test_ics.py)."""
    rp = example_model.project(project_id)
    visits = schedule(rp).visits
    assert visits
    text = pdf_text(built / project_id / "manual.pdf")
    assert visits[0].date.isoformat() in text
    table = section(text, "五、巡检与回访计划", "质保期满后的服务")
    for v in visits:
        assert v.date.isoformat() in table, v.key


# qingshi-classroom's 2026 rows (日期, 原定, 星期, 项目, 方式), by hand: accepted Wednesday
# 2026-05-20; 06-20 is a Saturday in the 端午 break → Monday 06-22; 09-20 is a 调休 Sunday and
# worked; 12-20 is a Sunday → 12-21; holiday checks on the last working day before 端午 (06-19),
# 中秋 (09-25) and 国庆 (10-01).
QINGSHI_ROWS_2026 = (
    "2026-06-18周四节假日前专项检查（端午节前）现场",
    "2026-06-22原定6月20日周一月度远程巡检（第1次）远程",
    "2026-06-22原定6月20日周一季度回访（第1次）电话",
    "2026-07-20周一月度远程巡检（第2次）远程",
    "2026-08-20周四月度远程巡检（第3次）远程",
    "2026-08-20周四季度现场巡检（第1次）现场",
    "2026-09-01周二半年全面检测保养（2026年9月）现场",
    "2026-09-20周日月度远程巡检（第4次）远程",
    "2026-09-20周日季度回访（第2次）电话",
    "2026-09-24周四节假日前专项检查（中秋节前）现场",
    "2026-09-30周三节假日前专项检查（国庆节前）现场",
    "2026-10-20周二月度远程巡检（第5次）远程",
    "2026-11-20周五月度远程巡检（第6次）远程",
    "2026-11-20周五季度现场巡检（第2次）现场",
    "2026-12-21原定12月20日周一月度远程巡检（第7次）远程",
    "2026-12-21原定12月20日周一季度回访（第3次）电话",
)


def test_qingshi_schedule_rows_by_hand(built: Path) -> None:
    table = section(pdf_text(built / "qingshi-classroom" / "manual.pdf"), "五、巡检与回访计划", "质保期满后的服务")
    assert "从验收合格日期2026年5月20日起按承诺的频次推算，排至2029年5月20日" in table
    rows_2026 = re.findall(r"2026-\d\d-\d\d.*?）(?:现场|远程|电话)", table)  # up to the 方式 column
    assert tuple(rows_2026) == QINGSHI_ROWS_2026
    if not announced(2027):  # weekends only, marked *
        assert "2027-02-22*原定2月20日周一季度现场巡检（第3次）现场" in table
    if not announced(2029):  # the period ends on Sunday 2029-05-20: back to Friday, not past it
        assert "2029-05-18*原定5月20日周五季度现场巡检（第12次）现场" in table


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


# --- internal values ----------------------------------------------------------------------

@pytest.mark.parametrize("project_id", PROJECTS)
def test_internal_values_never_reach_the_manual(built: Path, project_id: str) -> None:
    path = built / project_id / "manual.pdf"
    text = raw_text(path)
    assert leaks(text, phones=PROJECT_PRIVATE_PHONES[project_id]) == []
    for phone in OWN_STAFF_PHONES[project_id]:
        assert phone in flat(text), phone  # the search finds a phone the way the manual prints it


# --- small trees: one rendering per fact --------------------------------------------------

# Two more levels for the minimal tree: 三级 writes 不适用 for arrival, 四级 states no arrival.
LEVELS_3_4 = """\
    - id: l3
      name: 三级故障
      definition: 单台设备故障。
      targets:
        phone: 1小时
        arrival: 不适用
    - id: l4
      name: 四级故障
      definition: 使用咨询。
      targets:
        phone: 2小时
process:
"""
TWICE_A_YEAR = """\
  inspections:
    - id: half
      name: 半年巡检
      frequency: 每年
      times: 2
      mode: 现场
      checklist: [检查设备运行状态]
spare_parts:
"""


def small_manual(make_tree: Callable[..., Path], tmp_path: Path) -> str:
    commitments = minimal("commitments.yaml")
    inspections = commitments[commitments.index("  inspections:\n") : commitments.index("spare_parts:\n")]
    commitments = commitments.replace("process:\n", LEVELS_3_4, 1).replace(inspections + "spare_parts:\n", TWICE_A_YEAR)
    assert "四级故障" in commitments and "times: 2" in commitments and "季度巡检" not in commitments
    result = check(make_tree({"commitments.yaml": commitments}))
    assert not result.report.errors, result.report.format()
    assert result.model is not None
    return pdf_text(render_to(tmp_path / "manual.pdf", result.model, "demo"))


def test_level_table_prints_not_applicable_and_not_stated(make_tree: Callable[..., Path], tmp_path: Path) -> None:
    """Columns 电话响应 and 到达现场, at the project's site in 甲市 (zone 市区): 三级 says 不适用
    for arrival as the content writes it; 四级 states no arrival, so 未载明, not a blank cell."""
    table = section(small_manual(make_tree, tmp_path), "故障等级与本项目的响应时限", "三、设备清单与质保期")
    assert "等级判定与举例电话响应到达现场" in table
    assert "一级故障系统瘫痪。10分钟1小时" in table
    assert "二级故障部分中断。30分钟2小时" in table
    assert "三级故障单台设备故障。1小时不适用" in table
    assert "四级故障使用咨询。2小时未载明" in table


def test_inspection_form_prints_the_count(make_tree: Callable[..., Path], tmp_path: Path) -> None:
    """每年 with times: 2 reads 每年2次 on the 附表 form (it read 每年), and so in the plan."""
    text = small_manual(make_tree, tmp_path)
    form = text[text.rindex("附表2半年巡检记录表") :]
    assert "项目：示例项目频次：每年2次方式：现场" in form
    plan = section(text, "五、巡检与回访计划", "质保期满后的服务")
    assert "半年巡检每年2次现场检查设备运行状态" in plan
