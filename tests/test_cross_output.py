"""Every output states the content's numbers, and one fact reads the same in all of them.

For the example and every seed tree, each output is built once and its text read back:
proposal.docx, proposal.pdf, manual.pdf, schedule.ics, compliance.xlsx and every page of the
handbook site. Two kinds of check run on that text:

1. **Comes from the content.** Every duration, percentage, sum of money, count, date, phone
   number and service-hours figure (7×24) is taken out of the text by pattern and must be
   one the resolved model states. The allowed values are collected by walking the model
   itself (every Duration, Target, Money, Percent, number, date and text, not the
   renderers' output): typed values in every form they print, and numbers written inside
   content text (prose, notes, names such as "7×24小时客户服务热线"), which print as
   written. Dates may also be derived by the documented rules (Civil Code period ends, the
   inspection schedule). A project's outputs may use that project's resolved commitments
   and fees, never the company-level ones its overrides replace or another project's.
2. **Same value everywhere.** Key facts are looked up by their label in each output that
   shows them and compared with the model's one rendering of the fact: the warranty period
   and each item's warranty and dates, each level's time limits at the project's site (the
   table in the manual and on the project page; the proposal's, the letter's and the
   偏离表's sentences), each hotline's, manufacturer's and the complaint line's number and
   the reply time, people's phones under the one phone rule, each inspection's and
   callback's frequency, and the dated schedule (manual, project page, calendar).

Words a content text states and an output prints as written are the content's: a value in
them is allowed, and a fact lookup does not judge them. Beyond the content, only what
follows from it by a documented rule is allowed: computed dates, the build's date, the
number of visits per year. Not read as values (see test_values_are_read_by_meaning):
calendar years, ordinals (第3次), weekdays, "顺延至下一个工作日", row numbers beside a
name, and the time axis's scale on the handbook's charts.

A renderer that prints any time limit as "99小时", a wrong phone or another level's value
fails here (test_a_renderer_printing_a_wrong_time_fails proves it for the site and the manual).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from calendar import monthrange
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, get_args

import pytest
from conftest import SEEDS
from extract import docx_text, pdf_text, site_pages, xlsx_text
from icalendar import Calendar
from pydantic import BaseModel

from generator.dates.periods import period_end
from generator.dates.schedule import schedule
from generator.model.common import Frequency
from generator.model.durations import Duration, DurationError
from generator.model.resolved import ResolvedProject, ServiceModel
from generator.model.response import Measure, SeverityLevel, Target
from generator.model.staff import Person
from generator.model.values import Money, Percent
from generator.outputs import manual, pdf_render, site
from generator.outputs.manual import equipment_warranties
from generator.pipeline import CHINA, CheckResult, build_time, check, write_outputs
from generator.reading.diagnostics import Report

# --- taking values out of text --------------------------------------------------------


def _fuzzy(word: str) -> str:
    """A regex for the word as an output may wrap it: any whitespace between its characters
    (a PDF line break, a table cell's padding)."""
    return r"\s*".join(re.escape(c) for c in word if not c.isspace())


_CN_NUM = "零一二两三四五六七八九十"
_NUM = rf"\d+(?:\.\d+)?|[{_CN_NUM}]+|半"
_DURATION_UNITS = (
    "个工作日",
    "工作日",
    "个自然日",
    "自然日",
    "个小时",
    "小时",
    "分钟",
    "个星期",
    "星期",
    "个月",
    "天",
    "周",
    "年",
)
_MULTI = "|".join(_fuzzy(u) for u in _DURATION_UNITS if len(u) > 1)
_SINGLE = "|".join(u for u in _DURATION_UNITS if len(u) == 1)

_URL = re.compile(r"https?://[^\s<>\"（）]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DATE_ZH = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_MONTH_DAY = re.compile(r"(?<![\d.])(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_PHONE = re.compile(
    r"(?<![A-Za-z0-9_.\-/:@])(?:\+\d{1,3}[\s-]?)?(?:[(（]\d{2,4}[)）]\s*)?\d{2,4}(?:\s?-\s?\d{2,5}){1,3}(?:\s*转\s*\d{1,6})?(?![A-Za-z0-9_\-])"
    r"|(?<![A-Za-z0-9_.\-/:@,])\d{7,12}(?![A-Za-z0-9_\-.,])"
)
_HOURS = re.compile(r"(?<![\d.])(\d{1,2})\s*[×xX*]\s*(\d{1,2})(?:\s*[×xX*]\s*(\d{1,2}))?(?:\s*小\s*时)?")
_MONEY = re.compile(
    r"(?:[¥￥]\s*)?(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(万)?\s*元"
    r"|[¥￥]\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
)
_PERCENT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*[%％]")
# Between a number and a one-character unit no space: a PDF table row reads "36 天石…有限公司"
# (a row number, then a name) or "4 周二" (a row number, then a weekday).
_DURATION = re.compile(
    rf"(?<![\d.×xX*＊第周期{_CN_NUM}])(?:({_NUM})\s*({_MULTI})|({_NUM})({_SINGLE})(?!度))(?:\s*(?:以|之)?\s*内)?"
)
_COUNT = re.compile(rf"(?<![\d.第{_CN_NUM}])(\d+|[{_CN_NUM}]+)(次|名|人|\s*学\s*时|\s*课\s*时)(?![数性次])")


def cn_number(text: str) -> Decimal | None:
    """Arabic or Chinese numerals up to 99 (三, 十二, 二十四)."""
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return Decimal(text)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
    if "十" in text:
        tens, _, ones = text.partition("十")
        if (tens and tens not in digits) or (ones and ones not in digits):
            return None
        return Decimal((digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0))
    return Decimal(digits[text]) if len(text) == 1 and text in digits else None


@dataclass(frozen=True)
class Fact:
    """One value an output prints: its kind, its meaning, and where it stands."""

    kind: str  # duration, money, percent, count, date, month-day, phone, hours
    value: Any
    printed: str
    context: str = field(compare=False)

    def __str__(self) -> str:
        return f"{self.kind} “{self.printed}” in …{self.context}…"


def phone_key(text: str) -> str:
    return re.sub(r"\D", "", text)


def facts(text: str, phones: Iterable[str] = ()) -> list[Fact]:
    """Every value in the text. Each pattern's matches are blanked before the next runs, so
    a date is not also read as a phone, nor 7×24小时 as 24 hours. The given phone numbers are
    found first wherever a PDF table cell wrapped them ("138-0000-000 2")."""
    found: list[Fact] = []
    buf = list(text)

    def take(pattern: re.Pattern[str], read: Callable[[re.Match[str]], tuple[str, Any] | None]) -> None:
        current = "".join(buf)
        for m in pattern.finditer(current):
            got = read(m)
            if got is not None:
                kind, value = got
                context = " ".join(current[max(0, m.start() - 20) : m.end() + 12].replace("\x00", "").split())
                found.append(Fact(kind, value, " ".join(m.group(0).split()), context))
            buf[m.start() : m.end()] = "\x00" * (m.end() - m.start())

    def date(m: re.Match[str]) -> tuple[str, Any] | None:
        try:
            return "date", dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None

    def duration(m: re.Match[str]) -> tuple[str, Any] | None:
        number, unit = m.group(1) or m.group(3), "".join((m.group(2) or m.group(4)).split())
        if unit == "年" and re.fullmatch(r"\d{4}", number):
            return None  # a calendar year ("2027年"), not three thousand years
        if number == "一" and unit.endswith("工作日") and m.string[max(0, m.start() - 1) : m.start()] in ("下", "后"):
            return None  # "顺延至下一个工作日", "期内最后一个工作日": a day, not a length of time
        try:
            return "duration", Duration.parse(number + unit)
        except DurationError:
            return None

    def count(m: re.Match[str]) -> tuple[str, Any] | None:
        number = cn_number(m.group(1))
        return ("count", number) if number is not None else None

    def money(m: re.Match[str]) -> tuple[str, Any] | None:
        number = Decimal((m.group(1) or m.group(3)).replace(",", ""))
        return "money", number * 10000 if m.group(2) else number

    take(_URL, lambda m: None)
    take(_DATE_ZH, date)
    take(_DATE_ISO, date)
    take(_MONTH_DAY, lambda m: ("month-day", (int(m.group(1)), int(m.group(2)))))
    for phone in sorted(set(phones), key=len, reverse=True):
        take(
            re.compile(rf"(?<![A-Za-z0-9_\-]){_fuzzy(phone)}(?![A-Za-z0-9_\-])"),
            lambda m: ("phone", phone_key(m.group(0))),
        )
    take(_PHONE, lambda m: ("phone", phone_key(m.group(0))))
    take(_HOURS, lambda m: ("hours", "×".join(g for g in m.groups() if g)))
    take(_MONEY, money)
    take(_PERCENT, lambda m: ("percent", Decimal(m.group(1))))
    take(_DURATION, duration)
    take(_COUNT, count)
    return found


# --- what the content allows ------------------------------------------------------------

_MONEY_MARK = get_args(Money)[1]  # the validator every Money field carries
_PERCENT_MARK = get_args(Percent)[1]


def _marked(annotation: Any, metadata: Iterable[Any], mark: Any) -> bool:
    if any(m == mark for m in metadata):
        return True
    if any(m == mark for m in getattr(annotation, "__metadata__", ())):
        return True
    return any(_marked(a, (), mark) for a in get_args(annotation))


# Numbers the model keeps without a unit that templates print with one: a person's years of
# experience ("8年"), a role's required years ("5年以上") and a training plan's days ("5天").
FIELD_UNITS = {"years_experience": "年", "years": "年", "days": "天"}
# Internal values no output may print (tests/leaks.py searches for them in every form).
INTERNAL = {"cost", "internal_note"}


@dataclass
class Allowed:
    """Values a text may print: what the model states, and what follows from it by rule."""

    durations: set[Duration] = field(default_factory=set)
    money: set[Decimal] = field(default_factory=set)
    percents: set[Decimal] = field(default_factory=set)
    numbers: set[Decimal] = field(default_factory=set)
    dates: set[dt.date] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    hours: set[str] = field(default_factory=set)
    texts: set[str] = field(default_factory=set)
    phones_as_written: set[str] = field(default_factory=set)
    # Whose phone the output may print: the one rule (ResolvedProject.phone) for its audience.
    shows_phone: Callable[[Person], bool] = lambda person: bool(person.contact_public)

    def add_text(self, text: str) -> None:
        """A content text prints as written: its numbers are the content's numbers."""
        if text in self.texts:
            return
        self.texts.add(text)
        # The proposal drops the spaces a writer puts between digits and 汉字 ("超过 100 人").
        tight = re.sub(r"(?<=\d) +(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff]) +(?=\d)", "", text)
        for f in facts(text) + facts(tight):
            self.add(f)

    def add(self, f: Fact) -> None:
        match f.kind:
            case "duration":
                self.durations.add(f.value)
            case "money":
                self.money.add(f.value)
            case "percent":
                self.percents.add(f.value)
            case "count":
                self.numbers.add(f.value)
            case "date":
                self.dates.add(f.value)
            case "month-day":
                self.numbers.update(Decimal(x) for x in f.value)  # a month-day in content text ("每年4月1日前")
            case "phone":
                self.phones.add(f.value)
                self.phones_as_written.add(f.printed)
            case "hours":
                self.hours.add(f.value)

    def allows(self, f: Fact) -> bool:
        match f.kind:
            case "duration":
                return f.value in self.durations
            case "money":
                return f.value in self.money
            case "percent":
                return f.value in self.percents
            case "count":
                return f.value in self.numbers
            case "date":
                return f.value in self.dates
            case "month-day":
                # "原定4月1日": the planned day of a moved visit, printed without its year
                return f.value in {(d.month, d.day) for d in self.dates}
            case "phone":
                return f.value in self.phones
            case "hours":
                return f.value in self.hours
        raise AssertionError(f.kind)

    def walk(self, value: Any, seen: set[int] | None = None) -> None:
        """Every value the object holds, at any depth: pydantic models (with each field's
        type telling money and percentages from other numbers), dataclasses (a project's
        resolved view, response targets), mappings and tuples."""
        seen = set() if seen is None else seen
        if value is None or isinstance(value, bool):
            return
        if isinstance(value, str):  # texts, codes, phones, and StrEnum members as they read
            self.add_text(str(value))
            return
        if isinstance(value, Enum):
            return
        if isinstance(value, Duration):
            self.durations.add(value)
            return
        if isinstance(value, (Decimal, int)):
            self.numbers.add(Decimal(value))
            return
        if isinstance(value, dt.date):
            self.dates.add(value if type(value) is dt.date else dt.date(value.year, value.month, value.day))
            return
        if id(value) in seen:
            return
        seen.add(id(value))
        if isinstance(value, Target):
            self.walk(value.value, seen)
            self.walk(value.by_area, seen)
        elif isinstance(value, BaseModel):
            for name, info in type(value).model_fields.items():
                item = getattr(value, name)
                if name in INTERNAL or (name == "phone" and isinstance(value, Person) and not self.shows_phone(value)):
                    continue
                if name in FIELD_UNITS and isinstance(item, (int, Decimal)) and not isinstance(item, bool):
                    self.durations.add(Duration.parse(f"{item}{FIELD_UNITS[name]}"))
                if isinstance(item, Decimal) and _marked(info.annotation, info.metadata, _MONEY_MARK):
                    self.money.add(item)
                elif isinstance(item, Decimal) and _marked(info.annotation, info.metadata, _PERCENT_MARK):
                    self.percents.add(item)
                else:
                    self.walk(item, seen)
        elif isinstance(value, Mapping):
            for k, v in value.items():
                self.walk(k, seen)
                self.walk(v, seen)
        elif isinstance(value, (tuple, list, set, frozenset)):
            for item in value:
                self.walk(item, seen)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                self.walk(getattr(value, f.name), seen)


def company_allowed(model: ServiceModel) -> Allowed:
    """What the handbook's company-level pages may print: the company's own content (and the
    projects' files, which its pages link to by name), no project's resolved commitments."""
    allowed = Allowed()
    allowed.walk(model.content)
    return allowed


def project_allowed(model: ServiceModel, rp: ResolvedProject, public: bool) -> Allowed:
    """What one project's outputs may print: its resolved view (commitments and fees after its
    overrides, its product lines only, its plan, people and partners) and the company's
    contact data, people and manufacturers; not the company-level commitments, fees or
    training plans its resolved view replaces, nor another project's file. A person's phone
    only as the one rule says: in the documents handed to the customer (public=False) the
    project's own people's, on the public site only contact_public ones."""
    c = model.content
    allowed = Allowed(shows_phone=lambda person: rp.phone(person, public) is not None)
    allowed.walk(rp)
    for part in (c.company, c.staff, c.partners, c.manufacturers, c.prose):
        allowed.walk(part)
    allowed.dates |= derived_dates(model, rp)
    # The site's schedule heads each year with its number of visits ("2027 年（23 次）").
    plan = schedule(rp)
    per_year: dict[int, int] = {}
    for v in plan.visits:
        per_year[v.date.year] = per_year.get(v.date.year, 0) + 1
    allowed.numbers |= {Decimal(n) for n in per_year.values()} | {Decimal(len(plan.visits))}
    return allowed


def derived_dates(model: ServiceModel, rp: ResolvedProject) -> set[dt.date]:
    """Dates that follow from the content by the documented rules: each inspection's and
    callback's date (planned, and moved to a working day), the schedule's span, each item's
    warranty start and end, and where the warranty, on-site period and service period end,
    counted by the Civil Code from the project's dates."""
    plan = schedule(rp)
    found = {d for d in (plan.start, plan.end) if d is not None}
    found |= {v.day.date for v in plan.visits} | {v.day.planned for v in plan.visits}
    # A visit's reports are due on day report_due_day of the next month (its last day if shorter).
    for v in plan.visits:
        n = v.activity.report_due_day
        if n and v.activity.reports:
            year, month = (v.date.year, v.date.month + 1) if v.date.month < 12 else (v.date.year + 1, 1)
            found.add(dt.date(year, month, min(n, monthrange(year, month)[1])))
    for e in equipment_warranties(model, rp):
        found |= {d for d in (e.start, e.end) if d is not None}
    w = rp.commitments.warranty
    periods = [w.period, w.onsite_period, rp.project.service_period]
    periods += [b.period for b in w.by_brand]
    starts = Allowed()
    starts.walk(rp.project)
    for start in starts.dates:
        found |= {period_end(start, p, rp.calendar)[0] for p in periods if p is not None}
    return found


def build_dates() -> set[dt.date]:
    """The build's own date: the manual's edition line (China's date) and the DOCX/PDF
    properties (UTC) print it; SOURCE_DATE_EPOCH sets it for reproducible builds. A day
    either side, in case the run crosses midnight."""
    stamp = build_time()
    days = {stamp.date(), stamp.astimezone(CHINA).date()}
    return {d + dt.timedelta(days=n) for d in days for n in (-1, 0, 1)}


# --- the outputs -------------------------------------------------------------------------


def ics_events(path: Path) -> tuple[str, list[dt.date]]:
    """The calendar's words (name, each event's summary, description and place) and each
    event's date. Not DTSTAMP (the build time) nor the alarm's offset (a fixed reminder)."""
    cal = Calendar.from_ical(path.read_bytes())
    words = [str(cal.get("X-WR-CALNAME", ""))]
    days: list[dt.date] = []
    for event in cal.walk("VEVENT"):
        words += [str(event.get(k, "")) for k in ("SUMMARY", "DESCRIPTION", "LOCATION")]
        start = event.decoded("DTSTART")
        days.append(start.date() if isinstance(start, dt.datetime) else start)
    return "\n".join(words), days


@dataclass
class Built:
    """One content tree built into a temp folder, and its outputs' text."""

    name: str
    model: ServiceModel
    out: Path
    pages: dict[str, str]
    _texts: dict[str, dict[str, str]] = field(default_factory=dict)

    def project_texts(self, rp: ResolvedProject) -> dict[str, str]:
        """Each output of the project as text (read once: PDF text extraction is slow)."""
        if rp.id not in self._texts:
            self._texts[rp.id] = self._read(rp)
        return self._texts[rp.id]

    def _read(self, rp: ResolvedProject) -> dict[str, str]:
        folder = self.out / rp.id
        texts = {
            "proposal.docx": docx_text(folder / "proposal.docx"),
            "proposal.pdf": pdf_text(folder / "proposal.pdf"),
            "manual.pdf": pdf_text(folder / "manual.pdf"),
            "schedule.ics": ics_events(folder / "schedule.ics")[0],
            "site project page": self.pages[f"projects/{rp.id}.html"],
        }
        if (folder / "compliance.xlsx").exists():
            texts["compliance.xlsx"] = xlsx_text(folder / "compliance.xlsx")
        return texts

    def company_pages(self) -> dict[str, str]:
        return {f"site {k}": v for k, v in self.pages.items() if not k.startswith("projects/")}


def render(content: Path, out: Path, templates: Path | None = None) -> Built:
    """Every output of the tree. A seed may document a finding `check` reports as an error
    (s002 promises five trainers and lists nobody who trains): its outputs still say what its
    content says, so they are rendered from the model all the same."""
    checked = check(content)
    assert checked.model is not None, checked.report.format()
    docs, site_dir = out / "output", out / "site"  # side by side: a build refuses nested folders
    result = write_outputs(CheckResult(Report(), checked.model), docs, templates=templates, site_dir=site_dir)
    assert result.error is None and result.written, result.error
    return Built(content.name, checked.model, docs, site_pages(site_dir))


# --- looking a fact up by its label -----------------------------------------------------------

# One time-limit cell as tables print it: a duration, 立即, 不适用 or 未载明 (wrapping allowed).
_CELL = rf"(?:(?:{_NUM})\s*(?:{_MULTI})|(?:{_NUM})(?:{_SINGLE})(?!度)|立\s*即|不\s*适\s*用|未\s*载\s*明)"
_CELLS = re.compile(rf"{_CELL}(?:\s+{_CELL})*")
_FREQ = "|".join(_fuzzy(w) for w in sorted((fr.value for fr in Frequency), key=len, reverse=True))
_FREQUENCY = rf"(?:至\s*少\s*)?(?:{_FREQ})(?:\s*\d+\s*次)?"


def squeeze(text: str) -> str:
    return "".join(text.split())


def cell_zh(cell: str) -> str:
    """A cell as the model renders it ("2小时", "不适用"): wrapping and a trailing 内 dropped,
    the number and unit in the model's own spelling."""
    text = squeeze(cell)
    try:
        return Duration.parse(text).zh()
    except DurationError:
        return text


def occurrences(text: str, labels: Iterable[str]) -> list[tuple[str, re.Match[str]]]:
    """Where each label stands, wrapped or not, in text order. An occurrence inside a longer
    label's (服务热线 inside 7×24小时服务热线) belongs to the longer one."""
    found: list[tuple[str, re.Match[str]]] = []
    for label in sorted({x for x in labels if squeeze(x)}, key=lambda s: len(squeeze(s)), reverse=True):
        for m in re.finditer(_fuzzy(label), text):
            if not any(o.start() <= m.start() and m.end() <= o.end() for _, o in found):
                found.append((label, m))
    return sorted(found, key=lambda lm: lm[1].start())


def around(text: str, start: int, end: int) -> str:
    return " ".join(text[max(0, start - 12) : end].split())


@dataclass
class Findings:
    """Disagreements with the model, and how often each output showed each fact: a lookup that
    finds nothing must not pass silently."""

    content: str  # every content text, squeezed
    problems: list[str] = field(default_factory=list)
    seen: dict[tuple[str, str], int] = field(default_factory=dict)

    def check(self, output: str, fact: str, shown: object, expected: object, context: str) -> None:
        """Judge what a renderer composed. Words the content wrote and the output prints as
        written are the content's own (a seed may state a fact twice, differently, as its real
        tender did); `check` answers for those, not the renderers."""
        if squeeze(context) and squeeze(context) in self.content:
            return
        self.seen[output, fact] = self.seen.get((output, fact), 0) + 1
        if shown != expected:
            self.problems.append(f"{output}: {fact} reads “{shown}”, the content says “{expected}” (…{context}…)")

    def require(self, outputs: Iterable[str], fact: str) -> None:
        for output in outputs:
            if not self.seen.get((output, fact)):
                self.problems.append(f"{output}: {fact} not found (the lookup no longer finds where it is shown)")


def phone_right_after(text: str, end: int, phones: Iterable[str]) -> Fact | None:
    """The phone printed right after a label: only a colon, a dash for an empty cell, spaces
    or a line break between."""
    gap = re.match(r"[\s：:—\-]{0,6}", text[end:])
    start = end + (gap.end() if gap else 0)
    found = facts(text[start : start + 40], phones)
    first = found[0] if found else None
    if first is not None and first.kind == "phone" and squeeze(text[start:]).startswith(squeeze(first.printed)):
        return first
    return None


def check_named_phones(f: Findings, output: str, text: str, named: Mapping[str, str], phones: Iterable[str]) -> None:
    """A hotline's, the complaint line's, a service point's or a manufacturer's name with a
    number right after it: that is its own number."""
    for label, m in occurrences(text, named):
        shown = phone_right_after(text, m.end(), phones)
        if shown is not None:
            f.check(output, "电话号码", shown.value, phone_key(named[label]), around(text, m.start(), m.end() + 30))
            f.seen[output, f"{label}的号码"] = f.seen.get((output, f"{label}的号码"), 0) + 1


def check_complaint_reply(f: Findings, output: str, text: str, rp: ResolvedProject) -> None:
    """接到投诉后2小时内答复: the complaint line's reply time."""
    reply = rp.complaint.reply_within if rp.complaint else None
    for m in re.finditer(rf"投\s*诉\s*(?:后\s*)?({_CELL})\s*内?\s*答\s*复", text):
        f.check(
            output,
            "投诉答复时限",
            cell_zh(m.group(1)),
            reply.zh() if reply else "（未承诺）",
            around(text, m.start(), m.end()),
        )


def check_time_sentences(f: Findings, output: str, text: str, rp: ResolvedProject) -> None:
    """Sentences that list this site's limit per level after a measure's name, like the
    letter's "到达现场（本项目现场：云溪县）：一级故障2小时内、二级故障4小时内…" or
    "工程师到达现场时间时限为：严重故障40分钟内；…", and the 偏离表's
    "一级故障到达现场时限：2小时内（云溪县）"."""
    response = rp.commitments.response
    labels: dict[str, Measure] = {}
    for ms in response.measures:
        labels.setdefault(ms.name, ms)
        first = response.measure(ms.kind)
        if first is not None:
            labels.setdefault(ms.kind.value, first)  # the letter's headline word: 到达现场, 恢复
    levels = {lv.name: lv for lv in response.levels}
    level = "|".join(_fuzzy(n) for n in sorted(levels, key=len, reverse=True))
    pair = re.compile(rf"({level})\s*({_CELL})(?:\s*内)?")
    sep = re.compile(r"\s*[、；，,]\s*")

    def expect(lv: SeverityLevel, ms: Measure) -> str:
        return rp.target_zh(lv, ms)

    for label, m in occurrences(text, labels):
        ms = labels[label]
        head = re.compile(r"(?:（[^）]{0,30}）|[^：:。；（）\n]){0,12}[：:]\s*").match(text, m.end())
        pos = head.end() if head else -1
        while head and (p := pair.match(text, pos)) is not None:
            name = next(n for n in levels if squeeze(n) == squeeze(p.group(1)))
            f.check(
                output,
                "本现场时限（句）",
                f"{name}{cell_zh(p.group(2))}",
                f"{name}{expect(levels[name], ms)}",
                around(text, m.start(), p.end()),
            )
            s = sep.match(text, p.end())
            if s is None:
                break
            pos = s.end()
    for name, lv in levels.items():
        for label, ms in labels.items():
            for m in re.finditer(rf"{_fuzzy(name)}\s*{_fuzzy(label)}\s*时\s*限\s*[：:]\s*({_CELL})", text):
                f.check(
                    output,
                    "本现场时限（句）",
                    f"{name}{cell_zh(m.group(1))}",
                    f"{name}{expect(lv, ms)}",
                    around(text, m.start(), m.end()),
                )


def check_blanket_lines(f: Findings, output: str, text: str, rp: ResolvedProject) -> None:
    """Each limit written for several levels at once, as the line “所有故障：到达现场（如需现场解决）6小时内”
    the documents and the project page print for this site (a section that grades no faults has
    only these)."""
    for x in rp.blanket_at_site():
        head = rf"{_fuzzy(x.applies)}\s*[：:]\s*{_fuzzy(x.measure.heading)}\s*({_CELL})"
        for m in re.finditer(head, text):
            f.check(
                output,
                "本现场时限（不分等级）",
                f"{x.applies}{cell_zh(m.group(1))}",
                f"{x.applies}{x.limit}".removesuffix("内"),
                around(text, m.start(), m.end()),
            )


def check_level_rows(f: Findings, output: str, text: str, rp: ResolvedProject) -> None:
    """The table of this site's limits (manual, project page): after each level's name, in
    level order, a row with one cell per stated measure, as the model resolves them."""
    response = rp.commitments.response
    columns = [ms for ms in response.measures if any(ms.id in lv.targets for lv in response.levels)]
    pos = 0
    for lv in response.levels:
        expected = [rp.target_zh(lv, ms) for ms in columns]
        rows: list[tuple[list[str], int, int]] = []
        for label in re.finditer(_fuzzy(lv.name), text[pos:]):
            start = pos + label.end()
            run = next(
                (r for r in _CELLS.finditer(text, start) if len(re.findall(_CELL, r.group(0))) == len(columns)), None
            )
            if run is not None:
                rows.append(([cell_zh(c) for c in re.findall(_CELL, run.group(0))], pos + label.start(), run.end()))
                if rows[-1][0] == expected:
                    break
        if not rows:
            f.check(output, "本现场时限表", "（找不到该行）", f"{lv.name} {' '.join(expected)}", "")
            continue
        cells, start, end = next((r for r in rows if r[0] == expected), rows[0])
        f.check(
            output,
            "本现场时限表",
            f"{lv.name} {' '.join(cells)}",
            f"{lv.name} {' '.join(expected)}",
            around(text, start, end),
        )
        pos = end


def check_frequencies(f: Findings, output: str, text: str, rp: ResolvedProject) -> None:
    """An inspection's or callback's name followed by a frequency: as the model resolves it
    ("每年2次", "至少每季度")."""
    mt = rp.commitments.maintenance
    activities = {a.name: a for a in (*mt.inspections, *mt.callbacks)}
    spots = occurrences(text, activities)
    for label, m in spots:
        shown = re.compile(rf"[\s：:]*({_FREQUENCY})").match(text, m.end())
        if shown:
            f.check(
                output,
                "频次",
                f"{label}：{squeeze(shown.group(1))}",
                f"{label}：{activities[label].frequency_zh()}",
                around(text, m.start(), shown.end()),
            )
    # A form's heading names the activity, its line "频次：每年2次" follows (the manual's 附表).
    for form in re.finditer(rf"频\s*次\s*[：:]\s*({_FREQUENCY})", text):
        before = [(label, m) for label, m in spots if form.start() - 200 < m.start() < form.start()]
        if before:
            label, m = before[-1]
            reads = squeeze(form.group(1))
            f.check(
                output,
                "频次",
                f"{label}：{reads}",
                f"{label}：{activities[label].frequency_zh()}",
                around(text, m.start(), form.end()),
            )


def check_people(f: Findings, output: str, text: str, model: ServiceModel, rp: ResolvedProject, public: bool) -> None:
    """A person's phone, in the row that names them (up to the next person's name), is theirs
    and shows only where the one rule lets it; each of the project's contacts whose phone the
    rule shows here is listed with it."""
    people = {model.index.who(p): p for p in model.content.staff.people}
    phones = {phone_key(p.phone): p.phone for p in model.content.staff.people if p.phone}
    spots = occurrences(text, people)
    for i, (name, m) in enumerate(spots):
        stop = min(spots[i + 1][1].start() if i + 1 < len(spots) else len(text), m.end() + 70)
        shown = next((x for x in facts(text[m.end() : stop], phones.values()) if x.kind == "phone"), None)
        person = people[name]
        if shown is not None and shown.value in phones:
            rule = rp.phone(person, public)
            f.check(
                output,
                "人员电话",
                f"{name} {phones[shown.value]}",
                f"{name} {rule or '（不印出）'}",
                around(text, m.start(), stop),
            )
        if shown is not None and person.phone and shown.value == phone_key(person.phone):
            f.seen[output, f"{name}的电话"] = f.seen.get((output, f"{name}的电话"), 0) + 1


def check_warranty(f: Findings, output: str, text: str, period: Duration) -> None:
    """The warranty period wherever a sentence or a cell names it: 所供设备质保期3年, 质保期为3年,
    整体质保期3年, 质保期 | 3年 (not 原厂保修期, not an item's row)."""
    for m in re.finditer(rf"质\s*保\s*期\s*(?:为\s*)?[：:]?\s*({_CELL})", text):
        f.check(output, "质保期", cell_zh(m.group(1)), period.zh(), around(text, m.start(), m.end()))


def check_equipment(f: Findings, output: str, text: str, model: ServiceModel, rp: ResolvedProject) -> None:
    """Each piece of equipment's row, from its model number (or name) to the next item's or the
    end of the sentence: the first period in it is the item's warranty, every date its start or end."""
    rows = equipment_warranties(model, rp)
    keys = [e.item.model or e.item.name for e in rows]
    unique = {k: e for k, e in zip(keys, rows, strict=True) if keys.count(k) == 1}
    marks = occurrences(text, unique)
    for i, (key, m) in enumerate(marks):
        stop = min(marks[i + 1][1].start() if i + 1 < len(marks) else len(text), m.end() + 160)
        if (dot := text.find("。", m.end(), stop)) != -1:
            stop = dot
        e = unique[key]
        found = facts(text[m.end() : stop])
        periods = [x for x in found if x.kind == "duration"]
        if periods:
            f.check(
                output,
                "设备质保期",
                f"{key}：{periods[0].value.zh()}",
                f"{key}：{e.period.zh()}",
                around(text, m.start(), stop),
            )
        for x in found:
            if x.kind == "date":
                ok = x.value in (e.start, e.end)
                f.check(
                    output,
                    "设备质保日期",
                    f"{key}：{x.value}",
                    f"{key}：{x.value if ok else (e.start, e.end)}",
                    around(text, m.start(), stop),
                )


def same_everywhere(tree: Built) -> Findings:
    """Every key fact looked up in every output that shows it."""
    model = tree.model
    whole = Allowed()
    whole.walk(model.content)
    f = Findings("\n".join(squeeze(x) for x in whole.texts))
    company = model.content.company
    named = {h.name: h.number for h in company.hotlines}
    named |= {mk.name: mk.hotline for mk in model.content.manufacturers.manufacturers if mk.hotline}
    if company.complaint and company.complaint.number:
        named[company.complaint.name] = company.complaint.number
    for page, text in tree.company_pages().items():
        check_named_phones(f, page, text, named, whole.phones_as_written)
    check_warranty(f, "site warranty.html", tree.pages["warranty.html"], model.content.commitments.warranty.period)
    f.require(["site warranty.html"], "质保期")
    for rp in model.projects:
        texts = tree.project_texts(rp)
        for output, text in texts.items():
            public = output.startswith("site")
            out = f"{rp.id} {output}"
            check_named_phones(f, out, text, named, whole.phones_as_written)
            check_complaint_reply(f, out, text, rp)
            check_frequencies(f, out, text, rp)
            check_people(f, out, text, model, rp, public)
            check_equipment(f, out, text, model, rp)
            if output not in ("site project page", "schedule.ics"):  # they name each item's warranty
                check_warranty(f, out, text, rp.commitments.warranty.period)
            if output.startswith("proposal") or output == "compliance.xlsx":
                check_time_sentences(f, out, text, rp)
            if output in ("manual.pdf", "site project page"):
                check_level_rows(f, out, text, rp)
            if output in ("proposal.docx", "proposal.pdf", "manual.pdf", "site project page"):
                check_blanket_lines(f, out, text, rp)
        # Where each fact must be found: the documents always show it.
        documents = [f"{rp.id} {o}" for o in ("proposal.docx", "proposal.pdf", "manual.pdf")]
        pages = [f"{rp.id} {o}" for o in ("manual.pdf", "site project page")]
        if rp.commitments.response.levels:
            f.require(pages, "本现场时限表")
            f.require(documents[:2], "本现场时限（句）")
        if rp.blanket_at_site():
            f.require([*documents, f"{rp.id} site project page"], "本现场时限（不分等级）")
        f.require(documents, "质保期")
        f.require(documents, f"{company.hotlines[0].name}的号码")
        if rp.project.equipment:
            f.require(pages, "设备质保期")
        if rp.commitments.maintenance.inspections or rp.commitments.maintenance.callbacks:
            f.require(pages, "频次")
        for contact in rp.contacts:
            name = model.index.who(contact.person)
            if rp.phone(contact.person, False):
                f.require(documents, f"{name}的电话")
            if rp.phone(contact.person, True):
                f.require([f"{rp.id} site project page"], f"{name}的电话")
    return f


# --- the trees, built once each -----------------------------------------------------------

TREES = ["example", *sorted(p.name for p in SEEDS.iterdir() if (p / "company.yaml").is_file())]


@pytest.fixture(scope="module", params=TREES)
def tree(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    if request.param == "example":
        out: Path = request.getfixturevalue("built")  # the example, built once for the session
        model: ServiceModel = request.getfixturevalue("example_model")
        return Built("example", model, out, site_pages(out.parent / "site"))  # see conftest's built
    return render(SEEDS / request.param, tmp_path_factory.mktemp(request.param))


def unexplained(tree: Built) -> Iterator[str]:
    """Every value an output prints that the content does not state."""
    company = company_allowed(tree.model)
    company.dates |= build_dates()
    for page, text in tree.company_pages().items():
        yield from (f"{page}: {x}" for x in facts(text, company.phones_as_written) if not company.allows(x))
    for rp in tree.model.projects:
        audiences = {public: project_allowed(tree.model, rp, public) for public in (False, True)}
        for allowed in audiences.values():
            allowed.dates |= build_dates()
        for output, text in tree.project_texts(rp).items():
            allowed = audiences[output.startswith("site")]
            found = facts(text, allowed.phones_as_written)
            assert any(x.kind == "duration" for x in found) or output in ("schedule.ics", "compliance.xlsx"), (
                f"{rp.id} {output}: no time limit found at all: is the text still read?"
            )
            yield from (f"{rp.id} {output}: {x}" for x in found if not allowed.allows(x))
        ics_days = ics_events(tree.out / rp.id / "schedule.ics")[1]
        dates = derived_dates(tree.model, rp)
        yield from (f"{rp.id} schedule.ics: event on {d}, a date no rule gives" for d in ics_days if d not in dates)


# --- the tests --------------------------------------------------------------------------------


def test_values_are_read_by_meaning() -> None:
    text = (
        "一级故障2小时内到达现场，二级故障 3个工作 日；服务热线400-000-0000（7×24小时），"
        "验收 2026年5月20日，截止 2029-05-20，原定4月1日；单价1,800.00元，续保费率9%；每年2次，讲师3名。"
    )
    found = {(x.kind, str(x.value)) for x in facts(text)}
    assert found == {
        ("duration", "2小时"),
        ("duration", "3个工作日"),
        ("phone", "4000000000"),
        ("hours", "7×24"),
        ("date", "2026-05-20"),
        ("date", "2029-05-20"),
        ("month-day", "(4, 1)"),
        ("money", "1800.00"),
        ("percent", "9"),
        ("count", "2"),
        ("count", "3"),
    }
    # Not values: a calendar year, a weekday before 年度, a row number before a name or a
    # weekday, an ordinal, the rule "顺延至下一个工作日", a model number, a tender code.
    for words in ("2027 年（23 次）", "周二 年度上门走访", "36 天石电脑", "4 周二", "第3次", "顺延至下一个工作日"):
        assert [x for x in facts(words) if x.kind != "count"] == [], words
    assert facts("HH-S2700-24 YXCG-2026-GW-017") == []
    # A wrapped table cell still reads as the phone it is, once the number is known.
    assert [x.value for x in facts("138-0000-000\n2", ["138-0000-0002"])] == ["13800000002"]


def test_every_value_comes_from_the_content(tree: Built) -> None:
    problems = list(unexplained(tree))
    assert not problems, f"{tree.name}: values no content states:\n" + "\n".join(problems)


def test_one_fact_reads_the_same_everywhere(tree: Built) -> None:
    f = same_everywhere(tree)
    assert not f.problems, f"{tree.name}: facts that read differently:\n" + "\n".join(f.problems)


def test_the_schedule_is_the_same_everywhere(tree: Built) -> None:
    """Each dated visit stands in the manual, on the project's page and in the calendar, and
    each item's warranty expiry is a calendar event."""
    problems = []
    for rp in tree.model.projects:
        texts = tree.project_texts(rp)
        ics_days = set(ics_events(tree.out / rp.id / "schedule.ics")[1])
        visits = {v.date for v in schedule(rp).visits}
        for output in ("manual.pdf", "site project page"):
            shown = {x.value for x in facts(texts[output]) if x.kind == "date"}
            problems += [f"{rp.id} {output}: no visit on {d}" for d in sorted(visits - shown)]
        problems += [f"{rp.id} schedule.ics: no event on {d}" for d in sorted(visits - ics_days)]
        ends = {e.end for e in equipment_warranties(tree.model, rp) if e.end}
        problems += [f"{rp.id} schedule.ics: no warranty expiry on {d}" for d in sorted(ends - ics_days)]
    assert not problems, "\n".join(problems)


def test_a_renderer_printing_a_wrong_time_fails(
    example_model: ServiceModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checks above bite: the handbook rendered with every time limit read as "99小时" (the
    change issue 11 says once passed the whole suite), and a manual whose level table has its
    columns in the wrong order (every value one the content states, each under another measure)."""
    model = example_model
    rp = model.projects[0]
    with monkeypatch.context() as m:
        m.setattr(SeverityLevel, "cell", lambda self, measure_id, *areas: "99小时")
        m.setattr(ResolvedProject, "target_zh", lambda self, level, measure: "99小时")
        site.build(model, tmp_path / "site")
    tree = Built("example", model, tmp_path, site_pages(tmp_path / "site"))
    company = company_allowed(model)
    wrong = [
        f"{page}: {x}" for page, text in tree.company_pages().items() for x in facts(text) if not company.allows(x)
    ]
    assert any(w.startswith("site response.html") and "99小时" in w for w in wrong), wrong
    page = tree.pages[f"projects/{rp.id}.html"]
    assert any("99小时" in str(x) for x in facts(page) if not project_allowed(model, rp, public=True).allows(x))
    f = Findings("")
    check_level_rows(f, "site project page", page, rp)
    assert f.problems and all("99小时" in p for p in f.problems), f.problems

    book = manual.build(model, rp, build_time().astimezone(CHINA).date())
    swapped = dataclasses.replace(
        book, levels=tuple(dataclasses.replace(lt, cells=lt.cells[::-1]) for lt in book.levels)
    )
    (tmp_path / "manual.pdf").write_bytes(pdf_render.render_manual(swapped))
    text = pdf_text(tmp_path / "manual.pdf")
    allowed = project_allowed(model, rp, public=False)
    allowed.dates |= build_dates()
    assert [x for x in facts(text, allowed.phones_as_written) if not allowed.allows(x)] == []  # each value is stated…
    f = Findings("")
    check_level_rows(f, "manual.pdf", text, rp)
    assert len(f.problems) == len(rp.commitments.response.levels), f.problems  # …but under the wrong measure
