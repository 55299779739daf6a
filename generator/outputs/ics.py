"""The project's inspection and callback schedule as an iCalendar file (RFC 5545).

Every dated visit and every warranty expiry is an all-day event. UIDs are
built from the project id and the occurrence's key ("quarterly-onsite-3"),
never from its date, so importing the file again after the acceptance date or
a frequency changes updates the events instead of adding copies. The icalendar
library does the escaping and the 75-octet line folding, which must not split
a UTF-8 character.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlparse

from icalendar import Alarm, Calendar, Event

from generator.dates.schedule import Visit
from generator.outputs.manual import Manual

PRODID = "-//aftersales//维护日程//ZH"


def _domain(manual: Manual) -> str:
    for url in (manual.company.handbook_url, manual.company.website):
        host = urlparse(url).hostname if url else None
        if host:
            return host
    return "aftersales.invalid"


def _describe(v: Visit, manual: Manual) -> str:
    a = v.activity
    lines = [f"{manual.rp.project.name}：{a.name}（{v.label}）"]
    if a.mode_zh():
        lines.append(f"方式：{a.mode_zh()}")
    if a.time_windows:
        lines.append("时间：" + "、".join(t.zh() for t in a.time_windows))
    items = getattr(a, "checklist", ()) or getattr(a, "questions", ()) or a.scope
    if items:
        lines.append("内容：" + "；".join(items))
    if a.reports_zh():
        lines.append(f"报告：{a.reports_zh()}")
    if v.day.moved and v.date > v.day.planned:
        lines.append(f"原定 {v.day.planned.isoformat()}，遇周末或节假日顺延至下一个工作日。")
    elif v.day.moved:
        lines.append(f"原定 {v.day.planned.isoformat()}，顺延将超出服务期，提前至期内最后一个工作日。")
    if v.day.provisional:
        lines.append(f"{v.date.year} 年的法定节假日安排尚未公布，此日期只避开了周末，可能调整。")
    return "\n".join(lines)


def _all_day(uid: str, day: dt.date, summary: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")
    return event


def render(manual: Manual, stamp: dt.datetime) -> bytes:
    """The calendar; `stamp` (UTC) is the DTSTAMP and LAST-MODIFIED of every event."""
    stamp = stamp.astimezone(dt.UTC)  # DTSTAMP must be UTC (RFC 5545 §3.8.7.2)
    rp, p = manual.rp, manual.rp.project
    domain = _domain(manual)
    where = f"{p.site.name}，{p.site.address}" if p.site.name else p.site.address
    # Engineers import several projects' calendars: each title says which site.
    tag = p.site.name or p.purchaser.name
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{p.name}：巡检与回访")
    cal.add("x-wr-timezone", "Asia/Shanghai")
    for v in manual.schedule.visits:
        event = _all_day(f"{v.key}.{rp.id}@{domain}", v.date, f"{v.activity.name} · {tag}", stamp)
        event.add("description", _describe(v, manual))
        event.add("location", where)
        event.add("categories", [v.kind.value])
        event.add("status", "TENTATIVE" if v.day.provisional else "CONFIRMED")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"明天：{v.activity.name}（{p.name}）")
        alarm.add("trigger", dt.timedelta(hours=-15))  # 09:00 the day before
        event.add_component(alarm)
        cal.add_component(event)
        if v.report_due is not None:  # the deadline the content promises for this visit's reports
            due = _all_day(
                f"{v.key}-report.{rp.id}@{domain}", v.report_due, f"报告截止：{v.activity.name} · {tag}", stamp
            )
            due.add(
                "description",
                f"{p.name}：{v.activity.name}（{v.label}，{v.date.isoformat()}）\n报告：{v.activity.reports_zh()}",
            )
            due.add("location", where)
            due.add("categories", ["报告"])
            due.add("status", "TENTATIVE" if v.day.provisional else "CONFIRMED")
            cal.add_component(due)
    for e in manual.equipment:
        if e.end is None:
            continue
        event = _all_day(f"warranty-end-{e.item.id}.{rp.id}@{domain}", e.end, f"质保期满：{e.item.name} · {tag}", stamp)
        event.add(
            "description",
            f"{p.name}：{e.item.name}（{e.maker}{' ' + e.item.model if e.item.model else ''}）"
            f"质保期 {e.period.zh()}，自{e.start_event.value if e.start_event else ''}（{e.start}）起算，今日为最后一日。",
        )
        event.add("location", where)
        event.add("categories", ["质保"])
        cal.add_component(event)
    return bytes(cal.to_ical())
