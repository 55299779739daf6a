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
from extract import docx_text, flat, site_pages
from leaks import OWN_STAFF_PHONES, PROJECT_PRIVATE_PHONES, leaks
from pypdf import PdfReader

from generator.dates.schedule import schedule
from generator.model.values import tel_uri
from generator.outputs import manual
from generator.outputs.pdf_render import manual_html, render_manual
from generator.pipeline import check

PROJECTS = ["qingshi-classroom", "linchuan-gov-dc", "yunxi-cdc-network"]
EDITION = dt.date(2026, 5, 1)

# pdftoppm (poppler-utils) rasterises page 1, zbarimg (zbar-tools) decodes it.
needs_scanner = pytest.mark.needs("pdftoppm", "zbarimg")


def raw_text(path: Path) -> str:
    """The text with its line breaks and spaces: table cells stay apart."""
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def pdf_text(path: Path) -> str:
    return flat(raw_text(path))


def section(text: str, start: str, end: str) -> str:
    """The body section between two headings (the last occurrences: the TOC names them too)."""
    a = text.rindex(flat(start))
    return text[a : text.index(flat(end), a)]


# The years content/holidays.yaml enters (2027, a made-up notice): the example's calendar has them.
EXAMPLE_NOTICES = {2027}


def announced(year: int) -> bool:
    """Whether the example's calendar has a notice for `year`: its holidays.yaml, or the
    State Council's notices in the installed holiday data."""
    return year in EXAMPLE_NOTICES or any(d.year == year for d in chinese_calendar.holidays)


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
# 中秋 (09-25) and 国庆 (10-01), and before 元旦 2027 (01-01, content/holidays.yaml) on 12-31.
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
    "2026-12-31周四节假日前专项检查（元旦前）现场",
)


def test_qingshi_schedule_rows_by_hand(built: Path) -> None:
    table = section(pdf_text(built / "qingshi-classroom" / "manual.pdf"), "五、巡检与回访计划", "质保期满后的服务")
    assert "从验收合格日期2026年5月20日起按承诺的频次推算，排至2029年5月20日" in table
    rows_2026 = re.findall(r"2026-\d\d-\d\d.*?）(?:现场|远程|电话)", table)  # up to the 方式 column
    assert tuple(rows_2026) == QINGSHI_ROWS_2026
    if not announced(2027):  # weekends only, marked *
        assert "2027-02-22*原定2月20日周一季度现场巡检（第3次）现场" in table
    else:  # content/holidays.yaml: 02-20 is no 调休 Saturday there, and the date is firm
        assert "2027-02-22原定2月20日周一季度现场巡检（第3次）现场" in table
        assert "2027-02-04周四节假日前专项检查（春节前）现场" in table  # its 春节 break starts 02-05
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


# --- forms for paper, and numbers that stay whole ----------------------------------------

needs_poppler = pytest.mark.needs("pdftotext")

# A4 with manual.css's 2 cm bottom margin, in PDF points.
BODY_BOTTOM = 842 - 20 / 25.4 * 72
MM = 72 / 25.4


def layout_text(pdf: Path) -> str:
    """pdftotext -layout: each printed line as one line, table cells side by side."""
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def page_words(pdf: Path) -> list[list[tuple[float, str]]]:
    """Each page's words with the bottom of each (points from the top), as pdftotext -bbox finds them."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [
        [(float(bottom), word) for bottom, word in re.findall(r'yMax="([\d.]+)">([^<]*)</word>', page)]
        for page in out.split("<page ")[1:]
    ]


WRITING_AREA = re.compile(r'<th>([^<]+)</th><td[^>]*class="write"[^>]*style="height: ([\d.]+)mm"')


def writing_areas(markup: str) -> list[dict[str, float]]:
    """Each form of the manual's HTML: its writing areas by label, in mm as the template sets them."""
    forms = markup.split('<section class="form"')[1:]
    return [{label: float(h) for label, h in WRITING_AREA.findall(form)} for form in forms]


def tree_with_forms(make_tree: Callable[..., Path], checklist: int = 1) -> Any:
    """The minimal tree with a checklist for its on-site 季度巡检 and a callback by phone."""
    items = ", ".join(f"检查项目{n}" for n in range(1, checklist + 1))
    commitments = minimal("commitments.yaml").replace(
        "      mode: 现场\n",
        f"      mode: 现场\n      checklist: [{items}]\n"
        "  callbacks:\n    - id: calls\n      name: 季度电话回访\n      frequency: 每季度\n      mode: 电话\n"
        "      questions: [设备使用情况]\n",
        1,
    )
    assert "checklist:" in commitments and "mode: 电话" in commitments
    result = check(make_tree({"commitments.yaml": commitments}))
    assert not result.report.errors, result.report.format()
    assert result.model is not None
    return result.model


@pytest.mark.parametrize("project_id", PROJECTS)
def test_writing_areas_are_sized_for_handwriting(example_model: Any, project_id: str) -> None:
    """At least 25 mm to write 情况及处理, 建议 and 意见和建议 in (they were 10 mm and 15 mm)."""
    markup = manual_html(manual.build(example_model, example_model.project(project_id), EDITION))
    forms = writing_areas(markup)
    inspections = [i for i in example_model.project(project_id).commitments.maintenance.inspections if i.checklist]
    assert len(forms) == 1 + len(inspections) + 1  # 报修单, one per checklist, 回访表
    for form in forms[1:-1]:
        assert form["情况及处理"] >= 25 and form["建议"] >= 25, form
    assert forms[-1]["意见和建议"] >= 25
    assert forms[0]["故障现象"] >= 25 and forms[0]["处理过程"] >= 25


def test_a_long_checklist_keeps_its_writing_areas(make_tree: Callable[..., Path]) -> None:
    """Fifteen items do not fit one page with room to write: the areas stay 25 mm, rows at least 10 mm."""
    model = tree_with_forms(make_tree, checklist=15)
    markup = manual_html(manual.build(model, model.project("demo"), EDITION))
    _, inspection, _ = writing_areas(markup)
    assert inspection["情况及处理"] == 25 and inspection["建议"] == 25
    form = markup.split('<section class="form"')[2]
    rows = [float(h) for h in re.findall(r'□</td><td class="write" style="height: ([\d.]+)mm"', form)]
    assert rows == [10.0] * 16  # fifteen and 其他


@needs_poppler
@pytest.mark.parametrize("project_id", PROJECTS)
def test_each_form_fills_one_page(built: Path, project_id: str) -> None:
    """Each form is one page whose sign-off ends near the foot of the page, not half-way down."""
    pages = page_words(built / project_id / "manual.pdf")
    forms = [n for n, words in enumerate(pages) if any(w.startswith("附表") for _, w in words)][1:]  # not the TOC
    assert len(forms) >= 3
    for n in forms:
        words = [(bottom, w) for bottom, w in pages[n] if bottom < BODY_BOTTOM]
        last = max(bottom for bottom, _ in words)
        assert any("签字" in w for _, w in words), n + 1
        assert (BODY_BOTTOM - last) / MM < 20, (n + 1, round((BODY_BOTTOM - last) / MM))


def test_a_phone_callback_is_not_signed_by_the_user(make_tree: Callable[..., Path], tmp_path: Path) -> None:
    """Nobody from the customer is beside a caller: the callback form (callbacks all by phone)
    has the caller's signature only; the on-site inspection's form keeps the user's."""
    model = tree_with_forms(make_tree)
    text = pdf_text(render_to(tmp_path / "manual.pdf", model, "demo"))
    inspection = section(text, "附表2季度巡检记录表", "附表3回访及满意度调查表")
    callback = text[text.rindex("附表3回访及满意度调查表") :]
    assert "用户签字" in inspection and "巡检人员签字" in inspection
    assert "回访方式：电话" in callback and "回访人签字" in callback
    assert "用户签字" not in callback and "受访人签字" not in callback


def test_example_signatures_follow_the_mode(built: Path) -> None:
    """qingshi-classroom: 月度远程巡检 is remote, 季度回访 by phone but 年度上门走访 on site."""
    text = pdf_text(built / "qingshi-classroom" / "manual.pdf")
    assert "用户签字" in section(text, "附表2季度现场巡检记录表", "附表3")
    assert "用户签字" not in section(text, "附表3月度远程巡检记录表", "附表4")
    callback = text[text.rindex("附表6回访及满意度调查表") :]
    assert "回访方式：□电话□现场" in callback
    assert "受访人签字（现场回访时）" in callback and "回访人签字" in callback


def test_visits_before_the_edition_are_marked(make_tree: Callable[..., Path], tmp_path: Path) -> None:
    """Accepted 2026-05-20, drawn up 2026-12-01: the visits of 08-20 and 11-20 are past. Their
    完成日期 says so, and a phone callback's 用户签字 cell is closed (—)."""
    model = tree_with_forms(make_tree)
    book = manual.build(model, model.project("demo"), dt.date(2026, 12, 1))
    pdf = tmp_path / "manual.pdf"
    pdf.write_bytes(render_manual(book))
    table = section(pdf_text(pdf), "五、巡检与回访计划", "质保期满后的服务")
    assert "本手册编制于2026年12月1日，日程中在此之前的4个日期标为“已过（编制日前）”。" in table
    for row in (
        "12026-08-20周四季度巡检（第1次）现场已过（编制日前）",
        "22026-08-20周四季度电话回访（第1次）电话已过（编制日前）—",
        "32026-11-20周五季度巡检（第2次）现场已过（编制日前）",
        "42026-11-20周五季度电话回访（第2次）电话已过（编制日前）—",
    ):
        assert row in table, row
    assert table.count("已过（编制日前）") == 1 + 4  # the sentence and the four rows, none later
    assert re.search(r"52027-02-22\*?原定2月20日周一季度巡检（第3次）现场6", table)


def test_nothing_is_past_before_the_first_visit(make_tree: Callable[..., Path], tmp_path: Path) -> None:
    model = tree_with_forms(make_tree)
    text = pdf_text(render_to(tmp_path / "manual.pdf", model, "demo"))  # edition 2026-05-01
    assert "已过" not in text and "编制日前" not in text


# Every phone number and date each manual prints, by hand from the content (the edition
# date, which is the build's, aside).
NUMBERS: dict[str, list[str]] = {
    "qingshi-classroom": (
        "400-000-0000 0000-8000-0001 138-0000-0099 0000-8000-0009 0000-8100-0001 400-000-0003 138-0000-0002 138-0000-0006 138-0000-0007 138-0000-0011"
        " 2026年5月20日 2029年5月20日 2026-05-20 2026-05-06 2028-05-20 2029-05-20 2031-05-06 8:30—17:30 9:00—18:00"
    ).split(),
    "linchuan-gov-dc": (
        "400-000-0000 0000-8000-0001 138-0000-0099 0000-8000-0009 800-000-0001 800-000-0002 138-0000-0001 138-0000-0005 138-0000-0010 138-0000-0011 138-0000-0012"
        " 2026年10月8日 2027年10月8日 2029年10月8日 2026-10-08 2029-10-08 8:30—17:30 8:30—21:00"
    ).split(),
    "yunxi-cdc-network": (
        "400-000-0000 0000-8000-0001 138-0000-0099 0000-8000-0009 800-000-0001 800-000-0002 138-0000-0002 138-0000-0003 138-0000-0004 138-0000-0006 138-0000-0011"
        " 2026年8月15日 2029年8月15日 2026-08-15 2029-08-15 8:30—17:30 8:30—21:00"
    ).split(),
}
NUMBER = re.compile(r"\d{3,4}-\d{3,4}-\d{4}|\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}:\d{2}—\d{1,2}:\d{2}")


@needs_poppler
@pytest.mark.parametrize("project_id", PROJECTS)
def test_numbers_are_never_broken(built: Path, project_id: str) -> None:
    """Every phone number, date and time window stands whole on one printed line, each time it is printed."""
    pdf = built / project_id / "manual.pdf"
    text = pdf_text(pdf)  # a cell's text in order, line breaks gone: what the manual prints
    lines = layout_text(pdf).splitlines()
    found = set(NUMBER.findall(text))
    assert set(NUMBERS[project_id]) <= found
    for number in sorted(found):
        whole = sum(line.count(number) for line in lines)
        assert whole == text.count(number), (number, whole, text.count(number))


@needs_poppler
def test_digits_in_cjk_text_are_not_spaced_out(built: Path) -> None:
    """A paragraph's or list item's spaces keep their width: justified, the only spaces of a
    CJK line took all its slack (启明路                88    号信衡大厦        6    层)."""
    for project_id, printed in (
        ("linchuan-gov-dc", "启明路 88 号信衡大厦 6 层"),
        ("linchuan-gov-dc", "（工作日 8:30—21:00；周末及节假日 8:30—17:30）"),
        ("yunxi-cdc-network", "启明路 88 号信衡大厦 6 层"),
    ):
        assert printed in layout_text(built / project_id / "manual.pdf"), (project_id, printed)


def test_the_replaced_part_rule_reads_the_same_in_every_output(built: Path) -> None:
    """commitments.yaml warranty.replaced_part.minimum 90天: one sentence (ReplacedPartRule.zh),
    not a wording of each template's own."""
    rule = "更换的部件享有原设备剩余质保期与90天两者中较长者的质保。"
    project = built / "qingshi-classroom"
    texts = {
        "proposal.docx": docx_text(project / "proposal.docx"),
        "proposal.pdf": pdf_text(project / "proposal.pdf"),
        "manual.pdf": pdf_text(project / "manual.pdf"),
        "site": site_pages(built.parent / "site")["warranty.html"],
    }
    for name, text in texts.items():
        assert rule in flat(text), name
