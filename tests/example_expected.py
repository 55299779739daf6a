"""What the example content promises, written out by hand, for tests of every output that
prints it: an output compared with these is checked against the content, not against
the code that made the other outputs."""

from __future__ import annotations

from generator.model.project import Deviation

# The 偏离表 of yunxi-cdc-network, by hand from its requirements and the promises in content/:
# the site is in 云溪县 (zone near); warranty 3年 from 验收合格; the service hotline is 7×24;
# phone response 10分钟/15分钟/30分钟/1小时 by level; 一级 arrival near 2小时, restore 4小时;
# a spare unit within 24小时; quarterly on-site inspections and quarterly callbacks; the 青石服务站
# in 青石市; training plan standard with 20 class hours and at least 10 trainees.
YUNXI_TABLE: list[tuple[str, Deviation, str, str]] = [
    ("3.2.1", Deviation.NONE, "整体质保期3年，自验收合格之日起计算", ""),
    (
        "3.2.2",
        Deviation.NONE,
        "质保期内上门维修、更换零部件及人工费用全部由我方承担，不向采购人收取任何费用。",
        "",
    ),
    ("3.3.1", Deviation.NONE, "7×24 小时客户服务热线 400-000-0000（7×24）", ""),
    (
        "3.3.2",
        Deviation.NONE,
        "电话响应时限：一级故障10分钟内、二级故障15分钟内、三级故障30分钟内、四级故障1小时内",
        "",
    ),
    (
        "3.3.3",
        Deviation.POSITIVE,
        "一级故障到达现场时限：2小时内（云溪县）",
        "优于招标要求：要求不超过4小时，承诺2小时",
    ),
    ("3.3.4", Deviation.NONE, "一级故障恢复业务时限：4小时内", ""),
    (
        "3.3.5",
        Deviation.NONE,
        "故障在24小时内未能修复的，免费提供同档次或更高档次备机，直至原设备修复并经用户确认为止",
        "",
    ),
    ("3.4.1", Deviation.NONE, "季度现场巡检：每季度，现场", ""),
    ("3.4.2", Deviation.NONE, "季度回访：每季度，电话", ""),
    ("3.5.1", Deviation.NONE, "在青石市设有青石服务站，地址：江澜省青石市青石区石门路 16 号，电话：0000-8100-0001", ""),
    (
        "3.6.1",
        Deviation.POSITIVE,
        "培训总课时不少于20学时（设备使用与日常维护培训）",
        "优于招标要求：要求不少于16学时，承诺20学时",
    ),
    ("3.6.2", Deviation.NONE, "培训人数不少于10人（设备使用与日常维护培训）", ""),
    ("3.7.1", Deviation.NONE, "所投设备均为原厂全新正品，随投标文件提供制造商授权书及原厂售后服务承诺函。", ""),
    ("3.7.2", Deviation.NONE, "验收时提交竣工文档、设备清单（含序列号）、配置备份及本项目维护手册。", ""),
]

# Which of those rows are checked from the data (True) and which the bid writer answered.
YUNXI_AUTOMATIC = [True, False, *[True] * 10, False, False]

# qingshi-classroom and yunxi-cdc-network are visited until 2029; content/holidays.yaml enters
# 2027 and chinese-calendar carried the notices up to 2026 when this was written, so their
# dates in 2028 and 2029 avoid weekends only: one warning each, at the acceptance date.
UNANNOUNCED_2028_2029 = (
    "本项目的巡检、回访日期排到 2028、2029 年，这些年的放假安排 holidays.yaml 没有列出，"
    "chinese-calendar 也只收录到 2026 年：其间的日期只避开了周末，在维护手册、日历文件和手册网站中标为暂定。"
    "国务院办公厅公布该年放假安排后，请在 holidays.yaml 的 years 中添加该年，"
    "按通知写明放假日期（breaks）和调休上班日期（working_days）"
)

# Everything `aftersales check` finds in the example: clause 3.5.1 of yunxi-cdc-network was
# copied from a 青石市 tender (an office in 青石市), while the site is in 云溪县 and no service
# point or partner in 青石市 serves 云溪县. 3.4.1 also asks for a 巡检报告, which the quarterly
# on-site inspection it is answered with lists (系统检查报告与维护建议), so it is not a finding.
# (severity, file below content/, key path, message)
EXAMPLE_FINDINGS: list[tuple[str, str, str, str]] = [
    ("warning", "projects/qingshi-classroom.yaml", "acceptance_date", UNANNOUNCED_2028_2029),
    ("warning", "projects/yunxi-cdc-network.yaml", "acceptance_date", UNANNOUNCED_2028_2029),
    (
        "warning",
        "projects/yunxi-cdc-network.yaml",
        "requirements[9]",
        "条款 3.5.1 提到青石市，本项目地点为云溪县：请核对该条是否抄自其他项目",
    ),
]
